"""What residents come for now, on the home page: sections that other apps provide.

``home`` does not import the apps (imports flow from apps to home), so each
app registers a Wagtail hook ``portal_home_sections`` in its wagtail_hooks.py:
a function ``(*, home, today) -> list[HomeSection]`` that reads public
content only (live, public pages, active officials; never appeals or
sign-ups). The sections are computed once per site and day and kept like the
menus (home.pagecache.fragments): any content change replaces the generation
and so recomputes them; the full page is cached and invalidated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from wagtail import hooks

from home.pagecache import fragments

HOOK = "portal_home_sections"


@dataclass(frozen=True)
class HomeSection:
    order: int  # smaller first
    template: str  # rendered with the context below (and the page's context)
    context: dict = field(default_factory=dict)


def build_sections(*, home, today: date) -> list[HomeSection]:
    sections = [section for provider in hooks.get_hooks(HOOK) for section in provider(home=home, today=today)]
    return sorted(sections, key=lambda section: section.order)


def home_sections(home) -> list[HomeSection]:
    """The sections of the home page for today (kept per process until content changes)."""
    today = timezone.localdate()
    return fragments.kept(("home-sections", home.pk, today.isoformat()), lambda: build_sections(home=home, today=today))
