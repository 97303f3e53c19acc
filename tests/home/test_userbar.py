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


def test_a_residents_status_page_has_no_userbar_and_reads_no_session(
    admin_client, fragments_on, django_assert_num_queries
):
    from appeals_form.factories import AppealFactory

    appeal = AppealFactory()
    url = f"/appeals/status/{appeal.status_token}/"
    admin_client.get(url)  # warm: the form page, the site and the menus are kept per process (production)
    with django_assert_num_queries(2) as captured:  # the appeal and its public history
        html = admin_client.get(url).content.decode()
    assert appeal.number in html and USERBAR not in html
    assert not any("django_session" in query["sql"] for query in captured.captured_queries)
