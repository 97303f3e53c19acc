"""Reception dates from the rules: weeks of the month, "last", exceptions, holidays, validity; the Russian text."""

from datetime import date, time

import pytest

from schedules import rules
from schedules.models import LAST_WEEK, Place, ReceptionException, ReceptionRule

MON, TUE, WED, THU, FRI = range(5)
PLACE = Place(title="Администрация", address="ул. Советская, д. 1")
OTHER_PLACE = Place(pk=99, title="Общественная приёмная", address="пр. Октябрьский, д. 12")


def rule(**kwargs) -> ReceptionRule:
    values = {"weekdays": [TUE], "weeks": [], "time_from": time(15), "time_to": time(18), "place": PLACE}
    values.update(kwargs)
    return ReceptionRule(**values)


def dates(rule_list, start, end, exceptions=()):
    occurrences, _ = rules.compute(rules=rule_list, exceptions=exceptions, start=start, end=end)
    return [occ.date for occ in occurrences]


def test_second_and_fourth_tuesday_of_the_month():
    found = dates([rule(weeks=[2, 4])], date(2026, 9, 1), date(2026, 10, 31))
    assert found == [date(2026, 9, 8), date(2026, 9, 22), date(2026, 10, 13), date(2026, 10, 27)]


def test_last_friday_of_the_month_in_four_and_five_friday_months():
    # October 2026 has five Fridays (the last is the 30th); September has four (the last is the 25th).
    found = dates([rule(weekdays=[FRI], weeks=[LAST_WEEK])], date(2026, 9, 1), date(2026, 10, 31))
    assert found == [date(2026, 9, 25), date(2026, 10, 30)]


def test_every_week_on_two_weekdays():
    found = dates([rule(weekdays=[MON, THU])], date(2026, 9, 7), date(2026, 9, 13))
    assert found == [date(2026, 9, 7), date(2026, 9, 10)]


def test_a_public_holiday_on_a_reception_day_is_skipped_and_reported():
    # 04.11.2026 (Wednesday): День народного единства.
    occurrences, notices = rules.compute(
        rules=[rule(weekdays=[WED])], exceptions=[], start=date(2026, 11, 1), end=date(2026, 11, 14)
    )
    assert [occ.date for occ in occurrences] == [date(2026, 11, 11)]
    assert [(n.date, n.kind) for n in notices] == [(date(2026, 11, 4), "holiday")]
    assert "День народного единства" in notices[0].text


def test_new_year_holidays_and_transferred_days_off_are_skipped():
    # January 2027: the 1st–8th are days off; the first Monday (4th) has no reception.
    found = dates([rule(weekdays=[MON], weeks=[1, 3])], date(2027, 1, 1), date(2027, 1, 31))
    assert found == [date(2027, 1, 18)]


def test_a_cancelled_date_is_dropped_with_its_reason():
    exc = ReceptionException(date=date(2026, 9, 8), action="cancelled", reason="Командировка")
    occurrences, notices = rules.compute(
        rules=[rule(weeks=[2, 4])], exceptions=[exc], start=date(2026, 9, 1), end=date(2026, 9, 30)
    )
    assert [occ.date for occ in occurrences] == [date(2026, 9, 22)]
    assert notices[0].kind == "cancelled" and "Командировка" in notices[0].text


def test_a_moved_date_lands_on_its_new_day_time_and_place():
    exc = ReceptionException(
        date=date(2026, 9, 8),
        action="moved",
        new_date=date(2026, 9, 10),
        new_time_from=time(10),
        new_time_to=time(12),
        new_place=OTHER_PLACE,
        reason="Заседание Совета депутатов",
    )
    occurrences, notices = rules.compute(
        rules=[rule(weeks=[2, 4])], exceptions=[exc], start=date(2026, 9, 1), end=date(2026, 9, 30)
    )
    moved = occurrences[0]
    assert [occ.date for occ in occurrences] == [date(2026, 9, 10), date(2026, 9, 22)]
    assert (moved.time_from, moved.time_to, moved.place, moved.moved_from) == (
        time(10),
        time(12),
        OTHER_PLACE,
        date(2026, 9, 8),
    )
    assert notices[0].kind == "moved" and "10.09.2026" in notices[0].text


def test_a_reception_moved_from_before_the_window_still_shows():
    exc = ReceptionException(date=date(2026, 8, 25), action="moved", new_date=date(2026, 9, 2), reason="Отпуск")
    found = dates([rule(weeks=[LAST_WEEK])], date(2026, 9, 1), date(2026, 9, 10), exceptions=[exc])
    assert found == [date(2026, 9, 2)]


def test_validity_range_limits_the_dates_and_rules_can_follow_each_other():
    summer = rule(weekdays=[TUE], valid_to=date(2026, 9, 15))
    autumn = rule(weekdays=[THU], valid_from=date(2026, 9, 16))
    found = dates([summer, autumn], date(2026, 9, 7), date(2026, 9, 25))
    assert found == [date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 17), date(2026, 9, 24)]


def test_next_occurrences_counts_from_today():
    found = rules.next_occurrences(
        rules=[rule(weeks=[2, 4])], exceptions=[], today=date(2026, 9, 9), count=3, lookahead_days=90
    )
    assert [occ.date for occ in found] == [date(2026, 9, 22), date(2026, 10, 13), date(2026, 10, 27)]


@pytest.mark.parametrize(
    ("weekdays", "weeks", "expected"),
    [
        ([TUE], [2, 4], "каждый второй и\u00a0четвёртый вторник месяца, с\u00a015:00 до\u00a018:00"),
        ([WED], [LAST_WEEK], "каждая последняя среда месяца, с\u00a015:00 до\u00a018:00"),
        ([FRI], [1, 3, LAST_WEEK], "каждая первая, третья и\u00a0последняя пятница месяца, с\u00a015:00 до\u00a018:00"),
        ([TUE], [], "каждый вторник, с\u00a015:00 до\u00a018:00"),
        ([MON, THU], [], "по понедельникам и\u00a0четвергам, с\u00a015:00 до\u00a018:00"),
        ([6], [1], "каждое первое воскресенье месяца, с\u00a015:00 до\u00a018:00"),
    ],
)
def test_rule_in_plain_russian(weekdays, weeks, expected):
    assert rules.describe_rule(rule(weekdays=weekdays, weeks=weeks)) == expected


def test_rule_text_names_the_validity_range_and_morning_hours():
    text = rules.describe_rule(
        rule(time_from=time(9), time_to=time(12, 30), valid_from=date(2026, 9, 1), valid_to=date(2026, 12, 31))
    )
    assert text == "каждый вторник, с\u00a09:00 до\u00a012:30, с\u00a001.09.2026 по\u00a031.12.2026"
