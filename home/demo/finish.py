"""home's finishing demo step (ORDER 1000): the main menu, the footer links and the home page's quick links.

Runs after every app's demo, so the links point at whatever live page sits at
each known slug under the home page at that moment: home's placeholder, or the
real page a later app put there (the appeal form, schedules, events, reports,
regulations). Links to slugs where no live page exists are left out.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from home.models import FooterMenuItem, HomePage, MainMenuItem, NavigationSettings

from . import content
from .pages import default_site, ensure_page, get_home_page, report

ORDER = 1000


def _live_children_by_slug(home: HomePage) -> dict[str, Page]:
    return {page.slug: page for page in home.get_children().live()}


def _resolve(links: list[content.Link], pages: dict[str, Page]) -> list[tuple[content.Link, Page | None]]:
    resolved = []
    for link in links:
        if link.url:
            resolved.append((link, None))
        elif link.slug in pages:
            resolved.append((link, pages[link.slug]))
    return resolved


def quick_links_data(home: HomePage) -> list[dict]:
    """Raw StreamField data of the home page's quick links, in content.QUICK_LINKS order."""
    return [
        {
            "type": "link",
            "value": {
                "page": page.pk if page else None,
                "url": link.url,
                "title": link.title,
                "description": link.description,
            },
        }
        for link, page in _resolve(content.QUICK_LINKS, _live_children_by_slug(home))
    ]


def _sync_menu(nav: NavigationSettings, relation: str, item_class, links, pages) -> tuple[int, bool]:
    """Make the menu exactly `links` (in order); touch the database only when it differs."""
    wanted = [(page.pk if page else None, link.url, link.title) for link, page in _resolve(links, pages)]
    current = [(item.page_id, item.url, item.title) for item in getattr(nav, relation).order_by("sort_order")]
    if wanted == current:
        return len(wanted), False
    setattr(
        nav,
        relation,
        [
            item_class(page_id=page_id, url=url, title=title, sort_order=position)
            for position, (page_id, url, title) in enumerate(wanted)
        ],
    )
    nav.save()
    return len(wanted), True


def load(*, stdout, style) -> None:
    stdout.write(style.MIGRATE_HEADING("home: menus and quick links"))
    with transaction.atomic():
        home = get_home_page()
        home, status = ensure_page(
            parent=home.get_parent(),
            page_class=HomePage,
            slug=home.slug,
            replace=(),
            quick_links=quick_links_data(home),
        )
        report(stdout, style, home, status)

        site = default_site()
        nav = NavigationSettings.for_site(site)
        pages = _live_children_by_slug(home)
        for label, relation, item_class, links in (
            ("main menu", "main_items", MainMenuItem, content.MAIN_MENU),
            ("footer", "footer_items", FooterMenuItem, content.FOOTER_MENU),
        ):
            count, changed = _sync_menu(nav, relation, item_class, links, pages)
            status = style.WARNING("rebuilt  ") if changed else "unchanged"
            stdout.write(f"  {status} {label}: {count} items")
