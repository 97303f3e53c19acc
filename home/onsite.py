"""Which pages are on the public site: the one notion every public list, feed, API and open-data set reads.

A page is on the site only if it and every ancestor are published (live),
and no view restriction applies to it or an ancestor (Wagtail's ``public()``).
Routing answers 404 for a page under an unpublished section
(``home/draft_sections.py``); a list that printed ``.live().public()`` still
showed such a page (an act, a report, an event, the schedule) on the acts
list, the home page, the API, the feeds and the open data, while its own
address answered 404. So every public selector asks for pages ``on_site()``:

- ``SomePage.objects.on_site()`` on every portal page type (its manager is
  ``PortalPageManager``: ``objects = PortalPageManager()`` in the model);
- ``on_site(pages)`` for Wagtail's own querysets (``Page.objects``,
  ``page.get_children()``, the sitemap's).

Both read the paths of the draft sections and of the restricted pages, kept
per process and generation (``hiding_paths``): no query in production, where
``.public()`` read every restriction of the site on each call. With the
fragments off, one query per call, as ``.public()``.

``below``: the page whose own list this is (an index listing its children).
Its serving already decided that it is on the site (routing, Wagtail's
restriction check), and an editor's preview of a draft index shows its
children as they will be once it is published: sections and restrictions at
or above it are not counted again.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction

from home.pagecache import fragments


@dataclass(frozen=True)
class HidingPaths:
    """Tree paths of the pages that take others off the site."""

    drafts: tuple[str, ...]  # unpublished pages with child pages (the tree's root left out): their descendants
    restricted: tuple[str, ...]  # pages with a view restriction: themselves and their descendants


def _hiding_paths() -> HidingPaths:
    # One query for both; the restrictions as Wagtail's ``public()`` reads them (the restricted page's path).
    restricted = Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
    rows = (
        Page.objects.annotate(restricted=restricted)
        .filter(Q(restricted=True) | Q(live=False, numchild__gt=0, depth__gt=1))
        .values_list("path", "live", "numchild", "depth", "restricted")
    )
    drafts, restricted_paths = [], []
    for path, live, numchild, depth, is_restricted in rows:
        if not live and numchild and depth > 1:
            drafts.append(path)
        if is_restricted:
            restricted_paths.append(path)
    return HidingPaths(drafts=tuple(drafts), restricted=tuple(restricted_paths))


def hiding_paths() -> HidingPaths:
    """The draft sections and restricted pages, kept per process and generation (``fragments.kept``):
    publishing, unpublishing, moving a page and changing a restriction all replace the generation."""
    return fragments.kept("onsite_hiding_paths", _hiding_paths)


def hidden_q(*, below: Page | None = None) -> Q:
    """What takes a live page off the site: under a draft section, or at or under a restricted page."""
    seen = below.path if below is not None else ""
    paths = hiding_paths()
    hidden = Q()
    for path in paths.drafts:
        if not seen.startswith(path):
            hidden |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    for path in paths.restricted:
        if not seen.startswith(path):
            hidden |= Q(path__startswith=path)
    return hidden


def on_site(pages: PageQuerySet, *, below: Page | None = None) -> PageQuerySet:
    """``pages`` that are on the public site (live, public, under no unpublished section)."""
    hidden = hidden_q(below=below)
    pages = pages.live()
    return pages.exclude(hidden) if hidden else pages


def is_on_site(page: Page, *, paths: HidingPaths | None = None) -> bool:
    """Whether ``page`` (already read) is on the public site, as ``on_site()`` decides: no query once the
    paths are kept. ``paths``: ``hiding_paths()`` read once for many pages."""
    paths = paths or hiding_paths()
    return (
        page.live
        and not _under_draft(page.path, paths.drafts)
        and not any(page.path.startswith(path) for path in paths.restricted)
    )


def _under_draft(path: str, drafts: tuple[str, ...]) -> bool:
    return any(path.startswith(draft) and path != draft for draft in drafts)


_previewing: ContextVar[bool] = ContextVar("onsite_previewing", default=False)


@contextlib.contextmanager
def previewing():
    """An editor's preview is rendered inside: it shows the draft as it will be, links to pages that are not
    on the site yet included (``home.richtext``)."""
    token = _previewing.set(True)
    try:
        yield
    finally:
        _previewing.reset(token)


def is_previewing() -> bool:
    return _previewing.get()


def linked(links) -> list:
    """The link blocks (a ``page`` or a ``url``) that lead somewhere on the site, as the menus' items
    (``MenuItemBase.is_shown``): an external address, or a published page under no unpublished section (a
    restricted page may be linked: its visitors log in). The kept paths are read once for all the links."""
    drafts = hiding_paths().drafts
    return [block for block in links if _leads_on_site(block.value, drafts)]


def _leads_on_site(value, drafts: tuple[str, ...]) -> bool:
    page = value.get("page")
    if page is None:
        return bool(value.get("url"))
    return leads_on_site(page, drafts=drafts)


def leads_on_site(page: Page, *, drafts: tuple[str, ...]) -> bool:
    """Whether a link to ``page`` (already read) leads somewhere on the site, as the menus decide: published,
    under no unpublished section; a restricted page may be linked (its visitors log in). ``drafts``:
    ``hiding_paths().drafts``, read once for many links."""
    return page.live and not _under_draft(page.path, drafts)


class PortalPageQuerySet(PageQuerySet):
    def on_site(self, *, below: Page | None = None) -> PortalPageQuerySet:
        """The pages on the public site (``home.onsite.on_site``)."""
        return on_site(self, below=below)


#: The manager of every portal page type (Wagtail's ``PageManager`` with ``on_site()``).
PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)
