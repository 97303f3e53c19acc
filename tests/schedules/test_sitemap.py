"""The sitemap leads search engines to each official's reception page, and everything it lists opens.

From outside, the demo's sitemap listed the schedule but none of the officials' pages (sub-routes of
the schedule page, not pages of the tree): a resident who types «Кузнецов приём» into a search
engine is brought by what the engine has indexed.
"""

import re
from urllib.parse import urlsplit

import pytest

from schedules.models import Official, ReceptionSchedulePage

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_each_official_shown_and_every_listed_address_opens(client, demo_site):
    schedule = ReceptionSchedulePage.objects.live().get()
    hidden = Official.objects.filter(is_active=True).order_by("order").last()
    hidden.is_active = False
    hidden.save()

    xml = client.get("/sitemap.xml").content.decode()
    paths = [urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)]

    shown = Official.objects.filter(is_active=True)
    assert shown.exists()
    for official in shown:
        assert schedule.official_url(official) in paths, official.full_name
    assert schedule.official_url(hidden) not in paths
    assert not [path for path in paths if path.endswith("/zapis/")], "sign-up forms are not pages to find"
    broken = [path for path in paths if client.get(path).status_code != 200]
    assert not broken, broken
