"""Pages under an unpublished section are not on the site, whatever their own status.

Wagtail routes through a draft page to a live child: a published page moved
into an unpublished section (or published inside one) stayed reachable at
its new address, listed in the site search and the sitemap, while the
section itself answered 404. The portal's rule, in one place: a page is on
the site only if it and every ancestor are published.

- ``PortalPageMixin.route`` refuses to route through a draft page (404);
- ``home.onsite.on_site`` (``SomePage.objects.on_site()``) takes such pages
  out of every public list: the site search, the sitemap, the section and
  home page blocks, the API, the feeds, the open data;
- ``is_hidden`` takes them out of menus (``MenuItemBase.is_shown``);
- ``unpublished_ancestor`` names the section that hides a page, for the
  editor's warnings when moving or publishing (``home/wagtail_hooks.py``).

The draft sections' paths are kept per generation (``home.onsite.hiding_paths``):
publishing, unpublishing and moving a page all replace it.
"""

from __future__ import annotations

from wagtail.models import Page

from home import onsite


def draft_section_paths() -> tuple[str, ...]:
    """Tree paths of the unpublished pages that have child pages (the tree's root left out); read with the
    restricted pages' and kept per generation (``home.onsite.hiding_paths``)."""
    return onsite.hiding_paths().drafts


def is_hidden(page: Page, paths: tuple[str, ...] | None = None) -> bool:
    """Whether ``page`` is under an unpublished page (no query once the generation's paths are kept;
    ``paths``: ``draft_section_paths()`` read once for many pages)."""
    paths = draft_section_paths() if paths is None else paths
    return any(page.path.startswith(path) and page.path != path for path in paths)


def unpublished_ancestor(page: Page) -> Page | None:
    """The nearest unpublished ancestor of ``page`` (the tree's root left out), or None."""
    return page.get_ancestors().filter(depth__gt=1, live=False).order_by("-depth").first()


def hidden_page_warning(*, page: Page, section: Page, when: str) -> str:
    """What the editor reads when a published page goes under an unpublished section; ``when``: "confirm" (the
    move's confirmation screen), "moved" or "published"."""
    if when == "confirm":
        return (
            f"Раздел «{section.title}» не опубликован: после переноса страницы «{page.title}» на сайте не будет, "
            "пока раздел не опубликован. Опубликуйте раздел или выберите опубликованный."
        )
    where = "перемещена в неопубликованный раздел" if when == "moved" else "опубликована в неопубликованном разделе"
    return (
        f"Страница «{page.title}» {where} «{section.title}»: на сайте её не будет, пока раздел не опубликован. "
        "Опубликуйте раздел или перенесите страницу в опубликованный."
    )
