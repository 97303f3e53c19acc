"""«Статистика обращений»: the published figures of a period, protected, cached and frozen."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from appeals_form.factories import AppealFactory, TopicFactory
from appeals_form.models import Appeal
from reports import disclosure
from reports.models import StatisticsSnapshot
from reports.public_statistics import (
    month_periods,
    period_containing,
    published_bounds,
    published_statistics,
    refresh_daily,
)
from tests.reports.test_disclosure import candidates

pytestmark = pytest.mark.django_db

MSK = timezone.get_fixed_timezone(180)
HOUSING = "0005.0005.0056.1149"
ROADS = "0005.0005.0056.1150"
SCHOOLS = "0002.0007.0071.0337"
STATE = "0001.0001.0001.0001"


def appeals(count, *, day=datetime(2025, 2, 3, 12, tzinfo=MSK), code=HOUSING, **kwargs):
    titles = {HOUSING: "Освещение", ROADS: "Дороги", SCHOOLS: "Школы", STATE: "Государство"}
    TopicFactory(title=titles[code], classifier_code=code)
    return [AppealFactory(registered_at=day, classifier_code=code, **kwargs) for _ in range(count)]


def cells_of(stats):
    for table in stats.tables:
        for row in (*table.rows, table.total):
            yield table, row


def test_a_cell_of_three_is_neither_shown_nor_recoverable_by_subtraction():
    appeals(12, code=HOUSING, kind=Appeal.Kind.COMPLAINT)
    appeals(9, code=ROADS, kind=Appeal.Kind.APPLICATION)
    appeals(8, code=STATE, kind=Appeal.Kind.COMPLAINT)
    appeals(3, code=SCHOOLS, kind=Appeal.Kind.PROPOSAL)  # the small cell: 3 in «Социальная сфера», 3 proposals
    stats = published_statistics(start=date(2025, 1, 1), end=date(2025, 3, 31))

    section = {row.key: row.current for row in stats.table("section").rows}
    assert section["0002"].value is None and section["0002"].text == "менее 5"
    assert section["0001"].text == "скрыто"  # 8, hidden with it: else 32 − 8 − 21 gives 3
    assert section["0005"].value == 21
    assert stats.table("section").total.current.value == 32
    kind = {row.key: row.current for row in stats.table("kind").rows}
    assert kind["proposal"].text == "менее 5"
    for table, row in cells_of(stats):
        assert row.current.value is None or not disclosure.is_small(row.current.value), (table.key, row.key)
    # Subtraction: in every table, no assignment of its hidden cells but one fits the published total.
    for table in stats.tables:
        if table.key == "topic":
            continue
        true = {"0001": 8, "0002": 3, "0005": 21, "proposal": 3, "complaint": 20, "application": 9}
        counts = [true.get(row.key, 0) if row.current.value is None else row.current.value for row in table.rows]
        marks = [row.current.mark for row in table.rows]
        worlds = list(candidates(counts, marks, table.total.current.published))
        for index, mark in enumerate(marks):
            if mark == disclosure.SMALL:
                assert len({world[index] for world in worlds}) >= 2, (table.key, table.rows[index].key)
    # Topics: the schools topic is only inside its section's line, never on its own.
    topic_rows = {row.key: row.current for row in stats.table("topic").rows}
    assert SCHOOLS not in topic_rows
    assert topic_rows["0002:other"].text == "менее 5"
    assert topic_rows[HOUSING].value == 12 and topic_rows[ROADS].value == 9


def test_the_same_period_a_year_earlier_is_beside_it_with_the_change():
    appeals(7, day=datetime(2025, 5, 5, 12, tzinfo=MSK))
    appeals(10, day=datetime(2024, 5, 6, 12, tzinfo=MSK))
    stats = published_statistics(start=date(2025, 5, 1), end=date(2025, 5, 31))
    assert (stats.previous_start, stats.previous_end) == (date(2024, 5, 1), date(2024, 5, 31))
    total = stats.table("section").total
    assert (total.current.value, total.previous.value, total.change) == (7, 10, -3)


def test_indicators_on_time_share_median_redirected_extended():
    registered = datetime(2025, 3, 3, 10, tzinfo=MSK)  # Monday
    for days in (1, 2, 3, 4, 5):  # answered after 1..5 working days, on time
        appeals(1, day=registered, answered_at=registered + timedelta(days=days + (2 if days >= 5 else 0)))
    for _ in range(5):
        appeals(1, day=registered, answered_at=registered + timedelta(days=45), answered_late=True)
    appeals(2, day=registered, extended_at=registered + timedelta(days=20))
    stats = published_statistics(start=date(2025, 3, 1), end=date(2025, 3, 31))
    indicators = {row.key: row.current for row in stats.indicators}
    assert indicators["on_time_share"].value == 50
    assert indicators["median_working_days"].value == 5
    assert indicators["extended"].text == "менее 5"
    assert indicators["redirected"].value == 0


def test_settled_periods_are_frozen_and_closed_ones_cached_until_the_daily_refresh(django_assert_num_queries):
    appeals(6, day=datetime(2020, 2, 3, 12, tzinfo=MSK))
    first = published_statistics(start=date(2020, 1, 1), end=date(2020, 3, 31))
    assert first.frozen_at is not None and StatisticsSnapshot.objects.count() == 1
    appeals(6, day=datetime(2020, 2, 4, 12, tzinfo=MSK))  # e.g. a late import: the frozen figures stay
    from django.core.cache import cache

    cache.clear()
    again = published_statistics(start=date(2020, 1, 1), end=date(2020, 3, 31))
    assert again.table("section").total.current.value == 6

    # On 15 March 2020 March runs: nothing of it is published. February has ended: published whole, cached, and
    # recomputed by the daily job until it is settled.
    today = date(2020, 3, 15)
    assert published_bounds(period_containing(today, kind="month"), today=today) is None
    start, end = published_bounds(period_containing(date(2020, 2, 1), kind="month"), today=today)
    assert (start, end) == (date(2020, 2, 1), date(2020, 2, 29))
    touched = refresh_daily(today=today)
    assert (start, end) in touched and all(last < today for _, last in touched)
    appeals(5, day=datetime(2020, 2, 11, 12, tzinfo=MSK))
    with django_assert_num_queries(0):
        cached = published_statistics(start=start, end=end)
    assert cached.table("section").total.current.value == 12
    refresh_daily(today=today)
    assert published_statistics(start=start, end=end).table("section").total.current.value == 17


def test_a_running_or_partial_period_is_never_published():
    today = timezone.localdate()
    running = period_containing(today, kind="month")
    assert published_bounds(running, today=today) is None
    with pytest.raises(ValueError):
        published_statistics(start=running.start, end=running.end)
    with pytest.raises(ValueError):  # not a whole period: two overlapping ranges would give one day away
        published_statistics(start=date(2025, 1, 1), end=date(2025, 1, 30))


def test_a_year_is_decided_once_for_all_its_periods_until_its_appeals_change(django_assert_max_num_queries):
    appeals(6, day=datetime(2025, 2, 3, 12, tzinfo=MSK))
    published_statistics(start=date(2025, 1, 1), end=date(2025, 3, 31))  # decides 2025 and 2024: 96 counting queries
    with django_assert_max_num_queries(8):  # the period's snapshot, two fingerprints, freezing it: no counting
        february = published_statistics(start=date(2025, 2, 1), end=date(2025, 2, 28))
    assert february.table("section").total.current.value == 6
    appeals(7, day=datetime(2025, 3, 3, 12, tzinfo=MSK))  # the register changed: the year is decided again
    march = published_statistics(start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert march.table("section").total.current.value == 7


def test_month_periods_cover_the_range():
    months = month_periods(start=date(2024, 11, 15), end=date(2025, 2, 1))
    assert [(p.year, p.number) for p in months] == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]


def test_counts_take_four_queries_whatever_the_number_of_appeals(django_assert_num_queries):
    from appeals_form.public_counts import public_counts

    appeals(3, code=HOUSING, answered_at=datetime(2025, 2, 10, 12, tzinfo=MSK))
    with django_assert_num_queries(4):
        few = public_counts(start=date(2025, 1, 1), end=date(2025, 3, 31))
    appeals(20, code=ROADS, answered_at=datetime(2025, 2, 10, 12, tzinfo=MSK))
    with django_assert_num_queries(4):
        many = public_counts(start=date(2025, 1, 1), end=date(2025, 3, 31))
    assert (few.total, many.total) == (3, 23)
    assert many.answer_working_days == tuple([5] * 23)  # 3 Feb (Monday) to 10 Feb: five working days after
