"""The demo content: the 2018 thematic receptions, upcoming events, officials; idempotent on the same day."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from schedules.models import EventIndexPage, EventPage, Official, ReceptionSchedulePage, SignUp

pytestmark = pytest.mark.django_db


def test_demo_builds_schedule_events_and_is_idempotent(demo_site, client):
    schedule = ReceptionSchedulePage.objects.get(slug="grafik-priema")
    index = EventIndexPage.objects.get(slug="meropriyatiya")
    dates = set(EventPage.objects.values_list("date", "topic__title"))
    assert {
        (date(2018, 2, 8), "Жилищно-коммунальное хозяйство"),
        (date(2018, 2, 21), "Социальная сфера"),
        (date(2018, 3, 22), "Дорожное хозяйство"),
        (date(2018, 5, 24), "Летний отдых детей"),
    } <= dates
    today = timezone.localdate()
    upcoming = EventPage.objects.filter(date__gte=today)
    assert set(upcoming.values_list("kind", flat=True)) == {"thematic", "broadcast", "meeting", "field"}
    positions = list(Official.objects.values_list("position", flat=True))
    assert "Глава городского округа" in positions and "Первый заместитель главы администрации" in positions
    assert all(Official.objects.values_list("is_demo", flat=True))
    assert not SignUp.objects.exists()

    counts = (
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        Official.objects.count(),
        EventPage.objects.count(),
    )
    call_command("load_demo_content", verbosity=0)
    assert (
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        Official.objects.count(),
        EventPage.objects.count(),
    ) == counts

    html = client.get(schedule.url).content.decode()
    assert "каждый второй и\u00a0четвёртый вторник месяца, с\u00a015:00 до\u00a018:00" in html
    assert "демонстрационные данные" in html
    assert client.get(index.url).status_code == 200
