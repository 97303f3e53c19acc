"""The site's icon (found from outside: none at all, so every visit logged a 404 for /favicon.ico and a
resident's bookmark of the status page had a blank icon)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_every_page_names_an_icon_that_exists_and_favicon_ico_leads_to_it(client):
    for url in ("/search/", "/appeals/status/", "/identity/", "/net-takoy-stranitsy/"):
        html = client.get(url).content.decode()
        icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
        assert icon, f"{url}: no icon"
        assert icon.group(1).endswith("favicon.svg")
    assert finders.find("favicon.svg"), "static/favicon.svg"
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")
