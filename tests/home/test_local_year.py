"""The footer's year ({% local_year %}): as {% now "Y" %} writes it, in the site's time zone."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 31, 20, 59, tzinfo=datetime.UTC),  # 23:59 in Moscow: still 2026
        datetime.datetime(2026, 12, 31, 21, 0, tzinfo=datetime.UTC),  # 00:00 in Moscow: already 2027
        datetime.datetime(2027, 6, 1, 12, 0, tzinfo=datetime.UTC),
    ],
)
def test_the_year_is_the_sites_as_now_writes_it(moment, monkeypatch, settings):
    settings.TIME_ZONE = "Europe/Moscow"
    monkeypatch.setattr(timezone, "now", lambda: moment)
    ours = Template("{% load site_tags %}{% local_year %}").render(Context())
    assert ours == str(timezone.localtime(moment).year)


def test_today_it_is_the_year_now_writes():
    ours = Template("{% load site_tags %}{% local_year %}").render(Context())
    assert ours == Template('{% now "Y" %}').render(Context())
