"""What residents come for now, on the home page: sections that other apps provide.

``home`` does not import the apps (imports flow from apps to home), so each
app registers a Wagtail hook ``portal_home_sections`` in its wagtail_hooks.py:
a function ``(*, home, today, now) -> list[HomeSection]`` that reads public
content only (live, public pages, active officials; never appeals or
sign-ups). ``now`` is the local time: a reception or an event that ended
earlier today is no longer "next". The sections are computed once per site
and clock slice (:func:`clock_slice`, half an hour) and kept like the menus
(home.pagecache.fragments): any content change replaces the generation and
so recomputes them; the full page is cached per slice and invalidated the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from wagtail import hooks

from home.pagecache import fragments

HOOK = "portal_home_sections"
# How long "now" lasts for what the site shows: a reception that ended is gone within this time.
SLICE_MINUTES = 30


def clock_slice(now: datetime | None = None) -> str:
    """The local date and half-hour of ``now`` (default: the current time), e.g. ``2026-12-07T19``.

    Pages that show "the next" receptions and events are kept (page cache,
    fragments) per slice, so what ended earlier today disappears within
    ``SLICE_MINUTES`` instead of at midnight.
    """
    local = timezone.localtime(now)
    return f"{local.date().isoformat()}T{(local.hour * 60 + local.minute) // SLICE_MINUTES:02d}"


@dataclass(frozen=True)
class HomeSection:
    order: int  # smaller first
    template: str  # rendered with the context below (and the page's context)
    context: dict = field(default_factory=dict)


def build_sections(*, home, today: date, now: datetime) -> list[HomeSection]:
    sections = [section for provider in hooks.get_hooks(HOOK) for section in provider(home=home, today=today, now=now)]
    return sorted(sections, key=lambda section: section.order)


def home_sections(home) -> list[HomeSection]:
    """The sections of the home page now (kept per process and clock slice until content changes)."""
    now = timezone.localtime()
    return fragments.kept(
        ("home-sections", home.pk, clock_slice(now)), lambda: build_sections(home=home, today=now.date(), now=now)
    )
