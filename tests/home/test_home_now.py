"""The home page shows what residents come for now (issue 12): the next personal receptions of the
head and the deputies, the next events, the latest report; computed, kept per day and recomputed
when content changes, like the rest of the page cache."""

from datetime import date, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from home import now
from home.factories import HomePageFactory
from reports.factories import ReportIndexPageFactory, ReportPageFactory
from schedules.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    OfficialFactory,
    ReceptionRuleFactory,
    ReceptionSchedulePageFactory,
)
from schedules.models import EventPage

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)  # a Monday


def set_clock(monkeypatch, day: date, at: time = time(9, 0)) -> None:
    """The site's clock: timezone.now() (localdate, localtime and the page cache's slice follow it)."""
    moment = timezone.make_aware(datetime.combine(day, at))
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def today(monkeypatch):
    set_clock(monkeypatch, TODAY)
    return TODAY


@pytest.fixture
def home(today):
    home = HomePageFactory(site_root=True)
    ReceptionSchedulePageFactory(parent=home)
    head = OfficialFactory(surname="Соколов", first_name="Андрей", position="Глава городского округа", order=0)
    deputy = OfficialFactory(surname="Морозова", first_name="Елена", position="Первый заместитель главы", order=1)
    ReceptionRuleFactory(official=head, weekdays=[2], time_from=time(16, 0), time_to=time(19, 0))  # Wednesdays
    ReceptionRuleFactory(official=deputy, weekdays=[4], time_from=time(10, 0), time_to=time(13, 0))  # Fridays
    OfficialFactory(surname="Безграфиков", order=2)  # no rules: nothing to show
    events = EventIndexPageFactory(parent=home)
    EventPageFactory(
        parent=events, title="Прямой эфир Главы", kind=EventPage.Kind.BROADCAST, date=today + timedelta(days=3)
    )
    EventPageFactory(parent=events, title="Приём по вопросам ЖКХ", date=today + timedelta(days=10))
    EventPageFactory(parent=events, title="Прошедший приём", date=today - timedelta(days=1))
    reports = ReportIndexPageFactory(parent=home)
    ReportPageFactory(parent=reports, period_year=2025, period_number=1)
    ReportPageFactory(parent=reports, period_year=2025, period_number=2)
    return home


def sections(client) -> dict[str, str]:
    soup = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    return {block.h2.get_text(strip=True): block.get_text(" ", strip=True) for block in soup.select(".home-now__block")}


def test_the_home_page_shows_the_next_receptions_events_and_the_latest_report(client, home):
    shown = sections(client)
    receptions = shown["Ближайший личный приём"]
    assert "Соколов Андрей" in receptions and "9\u00a0декабря, среда, с\u00a016:00 до\u00a019:00" in receptions
    assert "Морозова Елена" in receptions and "11\u00a0декабря, пятница, с\u00a010:00 до\u00a013:00" in receptions
    assert "Безграфиков" not in receptions
    events = shown["Тематические приёмы и эфиры"]
    assert events.index("Прямой эфир Главы") < events.index("Приём по вопросам ЖКХ")
    assert "Прошедший приём" not in events
    assert "2 полугодие 2025" in shown["Последний отчёт"]


def test_a_reception_held_by_a_deputy_or_moved_says_so(client, home, today):
    """As the schedule page: the head's next reception held by his deputy names her; a moved one its old date."""
    from schedules.factories import AbsenceFactory
    from schedules.models import Official, ReceptionException

    head, deputy = Official.objects.get(surname="Соколов"), Official.objects.get(surname="Морозова")
    AbsenceFactory(official=head, kind="trip", date_from=today, date_to=today + timedelta(days=3), deputy=deputy)
    ReceptionException.objects.create(
        official=deputy, date=date(2026, 12, 11), action="moved", new_date=date(2026, 12, 14), reason="Совет"
    )
    receptions = sections(client)["Ближайший личный приём"]
    assert (
        "9\u00a0декабря, среда, с\u00a016:00 до\u00a019:00 Приём ведёт Первый заместитель главы, Морозова Елена"
        in receptions
    )
    assert "14\u00a0декабря, понедельник, с\u00a010:00 до\u00a013:00 перенесён с\u00a011.12" in receptions


def test_nothing_to_show_means_no_empty_boxes(client, today):
    HomePageFactory(site_root=True)
    assert sections(client) == {}


def test_sections_are_kept_per_day_and_recomputed_when_content_changes(client, home, fragments_on, monkeypatch):
    built = []
    real_build = now.build_sections
    monkeypatch.setattr(now, "build_sections", lambda **kwargs: built.append(kwargs["today"]) or real_build(**kwargs))
    sections(client)
    sections(client)
    assert built == [TODAY]  # computed once, then kept
    EventPageFactory(parent=EventIndexPageFactory._meta.model.objects.get(), title="Новая встреча", date=TODAY)
    assert "Новая встреча" in sections(client)["Тематические приёмы и эфиры"]
    tomorrow = TODAY + timedelta(days=1)
    set_clock(monkeypatch, tomorrow)
    assert "Новая встреча" not in sections(client)["Тематические приёмы и эфиры"]  # yesterday's event is gone
    assert built == [TODAY, TODAY, tomorrow]


def test_what_ended_earlier_today_is_not_next(client, home, fragments_on, monkeypatch):
    """Wednesday: the head receives 16:00–19:00; a meeting 11:00–12:00; a broadcast at 11:00 (no end: 13:00)."""
    wednesday = TODAY + timedelta(days=2)
    events = EventIndexPageFactory._meta.model.objects.get()
    EventPageFactory(parent=events, title="Встреча с жителями", date=wednesday, time_from=time(11), time_to=time(12))
    EventPageFactory(parent=events, title="Эфир без окончания", date=wednesday, time_from=time(11), time_to=None)

    set_clock(monkeypatch, wednesday, time(11, 30))
    shown = sections(client)
    assert "9\u00a0декабря, среда, с\u00a016:00 до\u00a019:00" in shown["Ближайший личный приём"]
    assert "Встреча с жителями" in shown["Тематические приёмы и эфиры"]  # still going on
    assert "Эфир без окончания" in shown["Тематические приёмы и эфиры"]

    set_clock(monkeypatch, wednesday, time(12, 30))
    shown = sections(client)
    assert "Встреча с жителями" not in shown["Тематические приёмы и эфиры"]
    assert "Эфир без окончания" in shown["Тематические приёмы и эфиры"]

    set_clock(monkeypatch, wednesday, time(19, 30))
    shown = sections(client)
    receptions = shown["Ближайший личный приём"]
    assert "9\u00a0декабря" not in receptions and "16\u00a0декабря, среда, с\u00a016:00 до\u00a019:00" in receptions
    assert "Эфир без окончания" not in shown["Тематические приёмы и эфиры"]


def test_the_clock_slice_is_half_an_hour():
    moment = timezone.make_aware(datetime(2026, 12, 9, 19, 29))
    assert now.clock_slice(moment) == "2026-12-09T38"
    assert now.clock_slice(moment + timedelta(minutes=1)) == "2026-12-09T39"
