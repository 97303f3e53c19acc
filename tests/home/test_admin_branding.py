"""The admin's browser tabs read the portal's name: every title ended «- Wagtail»."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/admin/", "/admin/login/", "/admin/pages/", "/admin/appeals/"])
def test_admin_tabs_name_the_portal(admin_client, client, settings, url):
    response = (client if url == "/admin/login/" else admin_client).get(url)
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert title.strip().endswith(f"- {settings.WAGTAIL_SITE_NAME}"), title
    assert "Wagtail" not in title
