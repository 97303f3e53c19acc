"""The routing shortcut (home.wagtail_compat) routes every demo URL exactly as Wagtail does, or turns itself off."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from home import checks as home_checks
from home import wagtail_compat
from home.pagecache import fragments


def test_every_private_name_the_shortcut_uses_still_works():
    """Fails after a Wagtail upgrade that renamed one: update home/wagtail_compat.py."""
    assert wagtail_compat.problems() == ()
    assert not home_checks.wagtail_private_names_check(None)


def test_a_name_wagtail_no_longer_honours_turns_the_shortcut_off_and_the_check_says_so(monkeypatch):
    # As if Wagtail stopped reading request._wagtail_site (and found no site for "testserver").
    monkeypatch.setattr(Site, "find_for_request", staticmethod(lambda request: None))
    wagtail_compat.problems.cache_clear()
    try:
        assert wagtail_compat.problems() == ("request._wagtail_site (Site.find_for_request)",)
        assert not wagtail_compat.shortcut_enabled()
        assert [message.id for message in home_checks.wagtail_private_names_check(None)] == ["home.W002"]
    finally:
        wagtail_compat.problems.cache_clear()


@pytest.fixture
def demo_urls(demo_site, fragments_on, settings):
    """Every page of the demo site, one of them behind a login, one behind a group, one unpublished, and a 404."""
    settings.ALLOWED_HOSTS = ["testserver"]
    pages = list(Page.objects.descendant_of(demo_site.root_page, inclusive=True).live().specific().order_by("path"))
    deep = [page for page in pages if page.depth > 3]
    assert len(deep) >= 3, "the demo content has nested pages"
    PageViewRestriction.objects.create(page=deep[0], restriction_type=PageViewRestriction.LOGIN)
    group = PageViewRestriction.objects.create(page=deep[1], restriction_type=PageViewRestriction.GROUPS)
    group.groups.add(Group.objects.create(name="Только для проверки маршрутизации"))
    deep[2].unpublish()
    urls = [page.get_url() for page in pages]
    return [*urls, urls[-1] + "net-takoy-stranitsy/", "/net-takoy-stranitsy/"]


def _observe(client, url: str):
    """What a visitor and Wagtail get for ``url``: the page, the status and the restrictions that apply."""
    request = RequestFactory().get(url)
    fragments.prime_routing(request)  # as home.middleware does
    route = Page.route_for_request(request, url)
    page = route[0] if route else None
    restrictions = sorted(page.get_view_restrictions().values_list("pk", flat=True)) if page else None
    return {
        "page": (page.pk, type(page).__name__) if page else None,
        "restrictions": restrictions,
        "status": client.get(url).status_code,
    }


@pytest.mark.django_db
def test_every_demo_url_routes_the_same_with_the_shortcut_on_and_off(client, demo_urls, settings):
    settings.PAGE_ROUTE_SHORTCUT = False
    off = {url: _observe(client, url) for url in demo_urls}
    settings.PAGE_ROUTE_SHORTCUT = True
    fragments.clear()
    on_cold = {url: _observe(client, url) for url in demo_urls}
    on_warm = {url: _observe(client, url) for url in demo_urls}
    assert on_cold == off
    assert on_warm == off
    statuses = {seen["status"] for seen in off.values()}
    assert {200, 302, 404} <= statuses, statuses  # pages, the login restriction, the unpublished page and the 404
    assert any(seen["restrictions"] for seen in off.values())


@pytest.mark.django_db
def test_with_the_shortcut_a_warm_process_routes_without_a_query(demo_urls, settings):
    settings.PAGE_ROUTE_SHORTCUT = True
    url = max(demo_urls[:-2], key=lambda u: u.count("/"))  # the deepest page
    for expected_some in (True, False):  # cold, then warm
        request = RequestFactory().get(url)
        with CaptureQueriesContext(connection) as captured:
            fragments.prime_routing(request)
            Page.route_for_request(request, url)
        assert bool(captured.captured_queries) == expected_some, [q["sql"] for q in captured.captured_queries]


def _fields(instance) -> dict:
    """Every attribute but Django's state, a StreamField's value as the JSON it saves."""
    values = {}
    for name, value in vars(instance).items():
        if name == "_state":
            continue
        values[name] = value.get_prep_value() if hasattr(value, "stream_block") else value
    return values


@pytest.mark.django_db
def test_every_kept_page_and_row_is_rebuilt_as_django_builds_it_from_the_database(demo_site):
    from appeals_form import selectors

    pages = [page.specific for page in Page.objects.descendant_of(demo_site.root_page, inclusive=True)]
    rows = [*selectors.addressees().rows(), *selectors.topics().rows(), demo_site]
    assert len(pages) > 10 and len(rows) > 10
    for instance in [*pages, *rows]:
        snapshot = fragments._snapshot(instance)
        model, values = snapshot
        expected = model.from_db("default", [f.attname for f in model._meta.concrete_fields], values)
        first, second = fragments._rebuild(snapshot), fragments._rebuild(snapshot)
        assert type(first) is model
        assert _fields(first) == _fields(expected), model
        assert (first._state.adding, first._state.db, first._state.fields_cache) == (False, "default", {})
        # Fresh each time: nothing one request changes reaches the next.
        assert first.__dict__ is not second.__dict__ and first._state is not second._state
        for name, value in vars(first).items():
            if hasattr(value, "stream_block"):
                assert value is not getattr(second, name)


def test_a_model_with_init_receivers_is_rebuilt_through_django():
    from django.db.models.signals import post_init

    receiver = []
    post_init.connect(
        lambda sender, instance, **kwargs: receiver.append(instance), sender=Site, weak=False, dispatch_uid="probe"
    )
    fragments._rebuild_plan.cache_clear()
    try:
        site = fragments._rebuild(fragments._snapshot(Site(id=5, hostname="probe.invalid", root_page_id=1)))
        assert receiver[-1] is site and site.pk == 5  # built by Model.__init__, which sent post_init
    finally:
        post_init.disconnect(sender=Site, dispatch_uid="probe")
        fragments._rebuild_plan.cache_clear()
