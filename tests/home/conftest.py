"""Fixtures shared by the home app's tests."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.fixture
def site_home(db):
    """A home page as the default site's root."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Обращения граждан", slug="home-test", intro="<p>Назначение отдела</p>")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home
