"""Every use of a Wagtail (or Django) private name in the portal, in one place.

The routing shortcut (``home.pagecache.fragments`` and
``home.models.mixins.PortalPageMixin``) hands Wagtail what it would otherwise
read from the database on every page request. For that it relies on names
that Wagtail does not document:

- ``request._wagtail_site``, read by ``Site.find_for_request``;
- ``request._wagtail_cached_site_root_paths``, read by ``Page._get_site_root_paths``;
- ``Site._find_for_request``: the site lookup without the request's copy;
- ``instance._state.fields_cache`` (Django): a related object already at hand;
- ``page._cached_parent_obj``, read by treebeard's ``get_parent`` (Wagtail's own
  ``Page.route`` sets it too);
- ``Page.route(request, path_components)`` and ``Page.get_view_restrictions()``,
  overridden by ``PortalPageMixin``;
- ``Model.__new__`` with a ``django.db.models.base.ModelState`` (Django): the
  kept pages and rows become instances as ``Model.from_db`` builds them,
  without running ``Model.__init__`` over every field each request
  (``loaded_instance``);
- ``QuerySet._result_cache`` (Django): a page known to have no view
  restriction answers Wagtail's check with an empty queryset that is already
  evaluated (``evaluated_empty``): iterating ``.none()`` still compiled a query
  each time (about 0.1 ms a page), and it stays a queryset for the admin's
  ``order_by``/``exists``.

The site search reads a page of hits and their total in one query
(``ranked_search_queryset``) through modelsearch's undocumented
``results.query_compiler.search(config, start, stop, backend=…)`` and
``get_config(backend)``; when they change it answers None and the search pages
the usual way (a count and a page).

The group form's page permission row labels its page chooser after the form field, «Page» in
English (``wagtail.users.forms.PagePermissionsForm``, field ``page`` without a label):
``label_page_permission_chooser()`` gives it Wagtail's own translated «Page» (``home.permission_names``).

Django's ``QueryDict`` parses ``request.GET`` and a URL-encoded ``request.POST`` with the name
``parse_qsl`` imported into ``django.http.request``; ``install_query_parser`` points that name at
``home.querystring.parse_qsl`` (the same result, decoded at C speed) after checking that ``QueryDict``
really goes through it, and leaves Django's parser in place otherwise.

A Wagtail upgrade can rename any of them. ``problems()`` tries each one,
without the database, the way the shortcut uses it; the system check
``home.E002`` lists what no longer works, and the shortcut then turns itself
off (``shortcut_enabled()``): pages are served by Wagtail's own code, slower
and correct. ``tests/home/test_wagtail_compat.py`` routes every demo URL with
the shortcut on and off and compares the page, the status and the view
restrictions. ``PAGE_ROUTE_SHORTCUT=0`` turns it off by hand.
"""

from __future__ import annotations

import inspect
from functools import cache

from django.conf import settings
from django.db.models.base import ModelState
from wagtail.models import Page, Site

# ---- the private names, used only through these functions -------------------------------------------------------


def install_query_parser(parse) -> bool:
    """``QueryDict`` parses with ``parse`` (equal to ``urllib.parse.parse_qsl``); False if Django does not allow it."""
    from urllib.parse import parse_qsl as standard

    from django.http import QueryDict
    from django.http import request as django_request

    if getattr(django_request, "parse_qsl", None) not in (standard, parse):
        return False
    called = []

    def recording(*args, **kwargs):
        called.append(True)
        return parse(*args, **kwargs)

    django_request.parse_qsl = recording
    try:
        probe = QueryDict("a=%D0%B9+1&b", encoding="utf-8")
        works = bool(called) and probe.getlist("a") == ["й 1"] and probe.getlist("b") == [""]
    except Exception:  # noqa: BLE001 - any failure means: leave Django's parser in place
        works = False
    django_request.parse_qsl = parse if works else standard
    return works


def request_site_known(request) -> bool:
    """Whether Wagtail already has the request's Site (``Site.find_for_request`` will not query)."""
    return hasattr(request, "_wagtail_site")


def prime_request(request, *, site: Site | None, site_root_paths) -> None:
    """Give Wagtail the request's Site and the site root paths, as if it had looked them up itself."""
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = site_root_paths


def find_site(request) -> Site | None:
    """The Site serving the request, looked up afresh (Wagtail's lookup without the request's copy)."""
    return Site._find_for_request(request)


def cached_related(instance, name: str):
    """The related object ``name`` if Django already has it on ``instance`` (no query), else None."""
    return instance._state.fields_cache.get(name)


def set_cached_related(instance, name: str, value) -> None:
    """Put a related object on ``instance`` so that reading ``instance.<name>`` needs no query."""
    instance._state.fields_cache[name] = value


def cached_parent(page):
    """The parent that routing left on the page (no query), or None."""
    return page.__dict__.get("_cached_parent_obj")


def set_cached_parent(page, parent) -> None:
    """Leave the parent on the page, as Wagtail's routing does: ``get_parent()`` then needs no query."""
    page._cached_parent_obj = parent


def loaded_instance(model, values: dict, *, db: str):
    """An instance of ``model`` as ``Model.from_db`` leaves it, its attributes ``values`` (attname → value) as given.

    ``Model.__init__`` is not run: the caller assigns through their descriptors the fields that convert what
    is assigned (a StreamField's text); neither are ``pre_init``/``post_init``, so it is only for models
    without their receivers.
    """
    instance = model.__new__(model)
    state = ModelState()
    state.adding = False
    state.db = db
    instance.__dict__["_state"] = state
    instance.__dict__.update(values)
    return instance


def evaluated_empty(queryset):
    """``queryset.none()`` with its (empty) result already in place: iterating it runs no compiler."""
    empty = queryset.none()
    empty._result_cache = []
    return empty


def label_page_permission_chooser() -> None:
    """The group form's page permission rows: the page chooser labelled with Wagtail's translated «Page»."""
    from django.utils.translation import gettext_lazy
    from wagtail.users.forms import PagePermissionsForm

    field = PagePermissionsForm.base_fields.get("page")
    if field is not None and field.label is None:
        field.label = gettext_lazy("Page")


# ---- the site search on PostgreSQL -------------------------------------------------------------------------------


def ranked_search_queryset(results):
    """The whole ranked queryset behind modelsearch's PostgreSQL search results (not sliced), or None.

    None for another backend (SQLite's), or when modelsearch's names have changed.
    """
    try:
        from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

        if not isinstance(results, PostgresSearchResults):
            return None
        compiler = results.query_compiler
        return compiler.search(compiler.get_config(results.backend), 0, None, backend=results.backend)
    except (AttributeError, ImportError, TypeError):
        return None


# ---- the startup check -------------------------------------------------------------------------------------------


def _unsaved_page(**values) -> Page:
    """A Page in memory only (an arbitrary content type id, so that Wagtail does not look its type up)."""
    return Page(content_type_id=-1, **values)


def _probe_site_on_request() -> bool:
    from django.test import RequestFactory

    request, site = RequestFactory().get("/"), Site(hostname="probe.invalid")
    prime_request(request, site=site, site_root_paths=["probe"])
    return Site.find_for_request(request) is site and request_site_known(request)


def _probe_site_root_paths() -> bool:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    prime_request(request, site=None, site_root_paths=["probe"])
    return _unsaved_page()._get_site_root_paths(request) == ["probe"]


def _probe_find_site() -> bool:
    return callable(getattr(Site, "_find_for_request", None)) and list(
        inspect.signature(Site._find_for_request).parameters
    ) == ["request"]


def _probe_fields_cache() -> bool:
    site, root = Site(root_page_id=1), _unsaved_page(id=1)
    set_cached_related(site, "root_page", root)
    return site.root_page is root and cached_related(site, "root_page") is root


def _probe_cached_parent() -> bool:
    page, parent = _unsaved_page(path="00010001", depth=2), _unsaved_page(path="0001", depth=1)
    set_cached_parent(page, parent)
    return page.get_parent() is parent and cached_parent(page) is parent


def _probe_overridden_methods() -> bool:
    route = list(inspect.signature(Page.route).parameters)
    restrictions = list(inspect.signature(Page.get_view_restrictions).parameters)
    return route == ["self", "request", "path_components"] and restrictions == ["self"]


def _probe_evaluated_empty() -> bool:
    from wagtail.models import PageViewRestriction

    empty = evaluated_empty(PageViewRestriction.objects.all())
    chained = empty.order_by("-page__depth")
    return list(empty) == [] and not empty and chained._result_cache is None


def _probe_loaded_instance() -> bool:
    values = {
        "id": 7,
        "hostname": "probe.invalid",
        "port": 80,
        "site_name": "",
        "root_page_id": 1,
        "is_default_site": False,
    }
    built = Site.from_db("default", list(values), list(values.values()))
    made = loaded_instance(Site, values, db="default")
    same = {k: v for k, v in vars(made).items() if k != "_state"} == {
        k: v for k, v in vars(built).items() if k != "_state"
    }
    state = made._state
    return same and not state.adding and state.db == "default" and state.fields_cache == {} and made.pk == 7


PROBES = {
    "request._wagtail_site (Site.find_for_request)": _probe_site_on_request,
    "request._wagtail_cached_site_root_paths (Page._get_site_root_paths)": _probe_site_root_paths,
    "Site._find_for_request(request)": _probe_find_site,
    "Model._state.fields_cache": _probe_fields_cache,
    "Page._cached_parent_obj (get_parent)": _probe_cached_parent,
    "Page.route(request, path_components), Page.get_view_restrictions()": _probe_overridden_methods,
    "Model.__new__ with a ModelState (an instance as Model.from_db builds it)": _probe_loaded_instance,
    "QuerySet._result_cache (an evaluated empty queryset)": _probe_evaluated_empty,
}


@cache
def problems() -> tuple[str, ...]:
    """The private names this Wagtail no longer honours as the shortcut uses them (tried once per process)."""
    failed = []
    for name, probe in PROBES.items():
        try:
            ok = probe()
        except (AttributeError, TypeError, ValueError, KeyError):
            ok = False
        if not ok:
            failed.append(name)
    return tuple(failed)


def shortcut_enabled() -> bool:
    """Whether the routing shortcut may run: on in the settings and every private name still works."""
    return getattr(settings, "PAGE_ROUTE_SHORTCUT", True) and not problems()
