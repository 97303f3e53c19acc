"""Idempotent page helpers for the demo loaders of every app.

A demo loader must be safe to run again: it looks pages up by slug under their
parent, changes them only when the wanted content differs from what is
published, and then saves exactly one new revision. Other apps' `demo` modules
use these helpers too (`home` never imports them back).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from home.models import HomePage, SectionIndexPage, StandardPage

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
REPLACED = "replaced"
KEPT = "kept"

# Page types that a later app may replace with its own page type at the same slug.
PLACEHOLDER_TYPES: tuple[type[Page], ...] = (StandardPage, SectionIndexPage)


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def get_home_page() -> HomePage:
    """The demo HomePage (the default site's root), created by home's structure step."""
    site = default_site()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.order_by("path").first()
    if home is None:
        raise ImproperlyConfigured("The home page does not exist yet: home.demo (ORDER 0) must run first.")
    return home


def child_by_slug(parent: Page, slug: str) -> Page | None:
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page is not None else None


def _strip_ids(data: Any) -> Any:
    """Raw StreamField data without the random block ids, for comparing content."""
    if isinstance(data, dict):
        return {key: _strip_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    return data


def _comparable(page: Page, name: str, value: Any) -> tuple[Any, Any]:
    """The current and the wanted value of a field, in a form that compares equal when unchanged."""
    field = page._meta.get_field(name)
    if field.many_to_one:  # a foreign key, given as the row, its id or None: compare the ids, read nothing
        return getattr(page, field.attname), getattr(value, "pk", value)
    current = getattr(page, name)
    if isinstance(field, StreamField):
        block = field.stream_block
        wanted = block.get_prep_value(field.to_python(value))
        return _strip_ids(field.get_prep_value(current)), _strip_ids(wanted)
    if hasattr(field, "to_python") and value is not None:
        value = field.to_python(value)
    return current, value


def differs(page: Page, fields: dict[str, Any]) -> bool:
    for name, value in fields.items():
        current, wanted = _comparable(page, name, value)
        if current != wanted:
            return True
    return False


def _publish(page: Page) -> None:
    page.save_revision(log_action=True).publish()


def _create(*, parent: Page, page_class: type[Page], slug: str, fields: dict[str, Any]) -> Page:
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    _publish(page)
    return page


def ensure_page(
    *,
    parent: Page,
    page_class: type[Page],
    slug: str,
    replace: Iterable[type[Page]] = PLACEHOLDER_TYPES,
    **fields: Any,
) -> tuple[Page, str]:
    """Create or update the page at `slug` under `parent`; return it and what happened.

    A page of another type at the slug is deleted and rebuilt when it is one of
    `replace` (by default home's placeholders); any other type is an error, so
    that demo content never silently destroys a real page.
    """
    existing = child_by_slug(parent, slug)
    if existing is None:
        return _create(parent=parent, page_class=page_class, slug=slug, fields=fields), CREATED
    if type(existing) is not page_class:
        if not isinstance(existing, tuple(replace)):
            raise ImproperlyConfigured(
                f"Slug '{slug}' under '{parent.title}' is taken by a {type(existing).__name__}, "
                f"not a {page_class.__name__}."
            )
        existing.delete()
        parent.refresh_from_db()
        return _create(parent=parent, page_class=page_class, slug=slug, fields=fields), REPLACED
    if not differs(existing, fields) and existing.live and not existing.has_unpublished_changes:
        return existing, UNCHANGED
    for name, value in fields.items():
        setattr(existing, name, value)
    _publish(existing)
    return existing, UPDATED


def ensure_placeholder(*, parent: Page, slug: str, **fields: Any) -> tuple[Page, str]:
    """A StandardPage standing in for a section that a later app builds.

    Once an app has replaced it with its own page type, the real page is kept
    as it is.
    """
    existing = child_by_slug(parent, slug)
    if existing is not None and type(existing) is not StandardPage:
        return existing, KEPT
    return ensure_page(parent=parent, page_class=StandardPage, slug=slug, **fields)


def report(stdout, style, page: Page, status: str) -> None:
    """One line per page: `  created   Порядок рассмотрения обращений (/poryadok-rassmotreniya/)`."""
    styled = {
        CREATED: style.SUCCESS,
        REPLACED: style.SUCCESS,
        UPDATED: style.WARNING,
    }.get(status, lambda text: text)
    stdout.write(f"  {styled(status.ljust(9))} {page.title} ({page.url or page.url_path})")
