"""What every page shows around its content, kept per process between requests.

The header and the footer of every page need the department's contacts
(DepartmentSettings) and both menus with their pages' titles and URLs: four
queries and a few dozen URL computations per request. They change only when
an editor saves settings, a menu or a page, and any such save replaces the
generation (``generation.bump``), so they are kept here per process, per site,
until the generation changes: no query at all on a warm process.

With PAGE_CACHE_FRAGMENTS off they are computed once per request instead.
Nothing here is written to the database during a request: a site without a
DepartmentSettings row gets an unsaved one with the defaults.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS
from django.db.models import JSONField, signals
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.http.request import split_domain_port
from wagtail.fields import StreamField
from wagtail.models import Site

from home import wagtail_compat

from . import generation

REQUEST_ATTR = "_home_site_chrome"


@dataclass(frozen=True)
class MenuLink:
    label: str
    href: str
    page_id: int | None


@dataclass
class SiteChrome:
    department: object  # home.models.DepartmentSettings (saved or unsaved defaults)
    main: list[MenuLink] = field(default_factory=list)
    footer: list[MenuLink] = field(default_factory=list)


_lock = threading.Lock()
_state: dict = {"generation": None, "kept": {}, "children": 0}


def _build(site: Site) -> SiteChrome:
    from home import draft_sections
    from home.models import DepartmentSettings, FooterMenuItem, MainMenuItem

    department = DepartmentSettings.objects.filter(site=site).first() or DepartmentSettings(site=site)
    menus = []
    hidden = draft_sections.draft_section_paths()
    for model in (MainMenuItem, FooterMenuItem):
        items = model.objects.filter(setting__site=site).select_related("page").order_by("sort_order", "pk")
        menus.append(
            [
                MenuLink(label=item.label, href=item.href, page_id=item.page_id)
                for item in items
                if item.is_shown_under(hidden)
            ]
        )
    return SiteChrome(department=department, main=menus[0], footer=menus[1])


def _token() -> str | None:
    """The generation, when this process keeps fragments; None: read everything afresh."""
    return generation.current() if getattr(settings, "PAGE_CACHE_FRAGMENTS", True) else None


def _start(token: str | None) -> None:
    """Forget what was kept for another generation (call with ``_lock`` held)."""
    if _state["generation"] != token:
        _state.update(generation=token, kept={}, children=0)


def _kept(token: str, key, build):
    """What this process keeps under ``key`` for the generation ``token``; built once."""
    with _lock:
        _start(token)
        kept = _state["kept"]
        if key in kept:
            return kept[key]
    value = build()
    with _lock:
        if _state["generation"] == token:
            _state["kept"][key] = value
    return value


def _snapshot(instance) -> tuple:
    """The field values of a model instance, immutable: JSON text for StreamFields and JSON fields."""
    values = []
    for model_field in instance._meta.concrete_fields:
        value = getattr(instance, model_field.attname)
        if isinstance(model_field, StreamField | JSONField):
            value = json.dumps(model_field.get_prep_value(value), cls=DjangoJSONEncoder)
        values.append(value)
    return type(instance), tuple(values)


@functools.cache
def _rebuild_plan(model) -> tuple[tuple[str, ...], tuple[tuple[int, str], ...]] | None:
    """How ``_rebuild`` makes an instance of ``model`` without ``Model.__init__``; None: through ``from_db``.

    Attributes are stored as they are, except those whose class attribute converts what is assigned
    (a StreamField's JSON text into its value): those are assigned, as ``__init__`` does. A foreign key's
    ``_id`` and a file field store what they are given on a fresh instance, so they are stored directly.
    Models with ``pre_init``/``post_init`` receivers (image dimension fields) keep Django's way.
    """
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return None
    attnames = tuple(f.attname for f in model._meta.concrete_fields)
    assigned = []
    for position, attname in enumerate(attnames):
        descriptor = inspect.getattr_static(model, attname, None)
        plain = isinstance(descriptor, ForeignKeyDeferredAttribute | FileDescriptor)
        if hasattr(type(descriptor), "__set__") and not plain:
            assigned.append((position, attname))
    return attnames, tuple(assigned)


def _rebuild(snapshot):
    """A fresh instance from a snapshot: as ``Model.from_db`` builds it, about four times cheaper for a page."""
    model, values = snapshot
    plan = None if wagtail_compat.problems() else _rebuild_plan(model)
    if plan is None:
        return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in model._meta.concrete_fields], values)
    attnames, assigned = plan
    instance = wagtail_compat.loaded_instance(model, dict(zip(attnames, values, strict=True)), db=DEFAULT_DB_ALIAS)
    for position, attname in assigned:
        setattr(instance, attname, values[position])
    return instance


def _site_snapshot(site: Site | None):
    """The Site and its root page in its specific type (HomePage), as values."""
    if site is None:
        return None
    root = wagtail_compat.cached_related(site, "root_page")
    return _snapshot(site), _snapshot(root.specific) if root is not None else None


def _site_from_snapshot(snapshot) -> Site | None:
    """A fresh Site and root page per request: nothing mutable is shared between requests.

    The root page is already specific, so Wagtail's routing (``root_page.localized.specific``)
    needs no query for it.
    """
    if snapshot is None:
        return None
    site_values, root_values = snapshot
    site = _rebuild(site_values)
    if root_values is not None:
        wagtail_compat.set_cached_related(site, "root_page", _rebuild(root_values))
    return site


def prime_routing(request) -> None:
    """Hand Wagtail the request's Site and the site root paths that this process keeps.

    Wagtail looks the Site up with a query on every request and reads the site
    root paths from the cache (a Redis round trip in production); both change
    only with a Site or a page URL, which replace the generation. Wagtail reads
    them from the request when present (``home.wagtail_compat.prime_request``),
    so setting those is all it takes.
    """
    if wagtail_compat.request_site_known(request) or not wagtail_compat.shortcut_enabled():
        return
    try:
        request.get_host()  # only hosts in ALLOWED_HOSTS get an entry
    except DisallowedHost:
        return
    token = _token()
    if not token:
        return
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    snapshot = _kept(token, ("site", hostname, port), lambda: _site_snapshot(wagtail_compat.find_site(request)))
    wagtail_compat.prime_request(
        request,
        site=_site_from_snapshot(snapshot),
        site_root_paths=_kept(token, "site_root_paths", Site.get_site_root_paths),
    )


def clear() -> None:
    """Forget everything kept in this process (after each local bump, and in tests)."""
    with _lock:
        _state.update(generation=None, kept={}, children=0)


generation.local_listeners.append(clear)


def site_chrome(request) -> SiteChrome | None:
    """The settings and menus of the request's site; None when no site serves the request."""
    if request is None:
        return None
    chrome = getattr(request, REQUEST_ATTR, None)
    if chrome is not None:
        return chrome
    site = Site.find_for_request(request)
    if site is None:
        return None
    token = _token()
    chrome = _kept(token, ("chrome", site.pk), lambda: _build(site)) if token else _build(site)
    # A copy per request: Wagtail's settings machinery sets attributes on it.
    chrome = SiteChrome(department=copy.copy(chrome.department), main=chrome.main, footer=chrome.footer)
    setattr(request, REQUEST_ATTR, chrome)
    return chrome


def department_settings(request):
    """DepartmentSettings of the request's site, as ``DepartmentSettings.for_request`` gives, without a query."""
    from home.models import DepartmentSettings

    chrome = site_chrome(request)
    if chrome is None:
        return DepartmentSettings.for_request(request)
    return chrome.department


def prime_request(request) -> None:
    """Make ``{{ settings.home.DepartmentSettings }}`` in templates use the kept settings."""
    from home.models import DepartmentSettings

    if request is None:
        return
    attr = DepartmentSettings.get_cache_attr_name()
    if hasattr(request, attr):
        return
    chrome = site_chrome(request)
    if chrome is not None:
        chrome.department._request = request
        setattr(request, attr, chrome.department)


def _view_restriction_paths() -> tuple[str, ...] | None:
    """Tree paths of the pages that carry a view restriction; None when aliases make it not that simple."""
    from wagtail.models import Page, PageViewRestriction

    if Page.objects.filter(alias_of__isnull=False).exists():
        return None  # an alias takes its source's restrictions: leave it to Wagtail
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def restricted_paths() -> tuple[str, ...] | None:
    """Tree paths of the pages that carry a view restriction, kept per generation.

    None: ask Wagtail (fragments off, the generation unreadable, or aliases on
    the site, whose restrictions are their sources').
    """
    token = _token()
    if not token:
        return None
    return _kept(token, "view_restriction_paths", _view_restriction_paths)


def known_unrestricted(path: str) -> bool:
    """Whether no view restriction (login, password, groups) applies to the page at tree ``path``.

    Wagtail looks restrictions up with two queries each time it serves a page;
    restrictions change rarely and every change replaces the generation, so
    this process keeps the restricted paths per generation. False means "ask
    Wagtail" (fragments off, the generation unreadable, aliases on the site, or
    the page or an ancestor restricted).
    """
    restricted = restricted_paths()
    return restricted is not None and not any(path.startswith(prefix) for prefix in restricted)


def kept_child(parent, slug: str):
    """The child page of ``parent`` with ``slug``, in its specific type, as this process keeps it.

    Wagtail's routing reads each level of a URL with two queries (the child,
    then its specific type). Pages change only with a replaced generation, so
    their field values are kept here per process (at most
    ``PAGE_ROUTE_CACHE_MAX`` pages; URLs that match no page are never kept),
    and each request gets fresh instances: nothing mutable is shared. None:
    ask the database (fragments off, the generation unreadable, no such
    child, or the process keeps its maximum already).
    """
    from wagtail.models import Page

    token = _token()
    if not token or parent.pk is None:
        return None
    key = ("child", parent.pk, slug)
    with _lock:
        _start(token)
        snapshot = _state["kept"].get(key)
        full = _state["children"] >= getattr(settings, "PAGE_ROUTE_CACHE_MAX", 1000)
    if snapshot is None:
        if full:
            return None
        child = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1, slug=slug).first()
        if child is None:
            return None
        snapshot = _snapshot(child.specific)
        with _lock:
            if _state["generation"] == token and key not in _state["kept"]:
                _state["kept"][key] = snapshot
                _state["children"] += 1
    return _rebuild(snapshot)


@dataclass(frozen=True)
class KeptRows:
    """Model rows kept as field values: labels for choices, fresh instances on demand."""

    labels: tuple[tuple[object, str], ...]  # (pk, str(row)) in order
    snapshots: tuple  # the rows' field values, in order
    index: dict = field(compare=False)  # pk -> position; never changed once built

    @classmethod
    def of(cls, rows) -> KeptRows:
        rows = list(rows)
        return cls(
            labels=tuple((row.pk, str(row)) for row in rows),
            snapshots=tuple(_snapshot(row) for row in rows),
            index={row.pk: position for position, row in enumerate(rows)},
        )

    def row(self, pk):
        """A fresh instance of the row with this primary key, or None."""
        position = self.index.get(pk)
        return None if position is None else _rebuild(self.snapshots[position])

    def rows(self) -> list:
        """Fresh instances of every row, in order."""
        return [_rebuild(snapshot) for snapshot in self.snapshots]


def kept_rows(key, build) -> KeptRows:
    """The rows ``build()`` returns, kept per process and generation.

    For small reference lists of public content (the appeal form's addressees
    and topics): every change to them replaces the generation. Fragments off
    or the generation unreadable: built from ``build()`` on each call.
    """
    token = _token()
    if not token:
        return KeptRows.of(build())
    return _kept(token, ("rows", key), lambda: KeptRows.of(build()))


def kept(key, build):
    """A value built from public content, kept per process until the generation changes.

    ``key`` must say everything the value depends on besides content (the
    site, the day); with PAGE_CACHE_FRAGMENTS off it is built on every call.
    Never for anything personal: the value is shared by every visitor.
    """
    token = _token()
    return _kept(token, ("kept", key), build) if token else build()
