"""Private pages stay private when this process keeps the view restrictions (production's fragments on)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.factories import HomePageFactory, SectionIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(fragments_on):
    home = HomePageFactory(site_root=True, slug="home-restrictions")
    section = SectionIndexPageFactory(parent=home, title="Служебный раздел", slug="sluzhebnyy")
    inner = StandardPageFactory(parent=section, title="Внутренняя страница", slug="vnutrennyaya")
    public = StandardPageFactory(parent=home, title="Открытая страница", slug="otkrytaya")
    return home, section, inner, public


def restriction_queries(captured) -> int:
    return sum("wagtailcore_pageviewrestriction" in q["sql"] for q in captured.captured_queries)


def test_a_public_page_is_served_without_asking_for_restrictions_each_time(client, pages):
    client.get("/otkrytaya/")  # the first request of the generation reads them once
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/otkrytaya/")
    assert response.status_code == 200
    assert restriction_queries(captured) == 0


def test_a_restricted_section_and_its_pages_stay_closed(client, pages):
    _, section, inner, _ = pages
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    for url in ("/sluzhebnyy/", "/sluzhebnyy/vnutrennyaya/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"] or "login" in response["Location"]
    assert client.get("/otkrytaya/").status_code == 200


def test_a_restriction_added_after_the_page_was_served_applies_at_once(client, pages):
    assert client.get("/sluzhebnyy/vnutrennyaya/").status_code == 200
    _, _, inner, _ = pages
    restriction = PageViewRestriction.objects.create(page=inner, restriction_type=PageViewRestriction.PASSWORD)
    restriction.password = "секрет-2026"
    restriction.save()
    response = client.get("/sluzhebnyy/vnutrennyaya/")
    assert response.status_code == 200
    assert "Внутренняя страница" not in response.content.decode()  # the password form instead
    assert 'name="password"' in response.content.decode()


def test_a_group_restriction_refuses_a_user_outside_the_group(client, pages, django_user_model):
    _, section, _, _ = pages
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Отдел по работе с обращениями (тест)"))
    user = django_user_model.objects.create_user(username="resident", password="long-enough-password-1")
    client.force_login(user)
    response = client.get("/sluzhebnyy/vnutrennyaya/")
    assert response.status_code in (302, 403)
    assert "Внутренняя страница" not in response.content.decode()
