"""Wagtail's userbar on the public pages: for staff who may use the admin, never for anyone else."""

import pytest

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"


def test_an_editor_gets_the_userbar_and_a_visitor_does_not(demo_site, client, admin_client):
    url = demo_site.root_page.url
    assert USERBAR in admin_client.get(url).content.decode()
    assert USERBAR not in client.get(url).content.decode()


def test_a_logged_in_user_without_admin_access_does_not_get_it(demo_site, client, django_user_model):
    user = django_user_model.objects.create_user(username="zhitel", password="x")
    client.force_login(user)
    assert USERBAR not in client.get(demo_site.root_page.url).content.decode()
