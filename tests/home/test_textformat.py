"""Stored values shown as people read them (issue 12, item 10)."""

import datetime

import pytest

from home import textformat
from home.textformat import counted, phone_display, plural, version_display


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+79035551742", "+7 903 555-17-42"),
        ("+74955550102", "+7 495 555-01-02"),
        ("+375291234567", "+375291234567"),  # not Russian: as stored
        ("+7 (495) 555-01-02", "+7 (495) 555-01-02"),  # already written by a person
        ("", ""),
    ],
)
def test_phone_display(stored, shown):
    assert phone_display(stored) == shown


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-11-01", "от\u00a01\u00a0ноября 2026\u00a0года"),  # no-break spaces: home.textformat.no_break
        ("2027-05-09", "от\u00a09\u00a0мая\u00a02027\u00a0года"),
        ("ред. 3", "ред. 3"),
    ],
)
def test_version_display(stored, shown):
    assert version_display(stored) == shown


@pytest.mark.parametrize(
    ("n", "word"),
    [(0, "дней"), (1, "день"), (2, "дня"), (4, "дня"), (5, "дней"), (11, "дней"), (12, "дней"), (14, "дней"),
     (21, "день"), (22, "дня"), (101, "день"), (111, "дней"), (112, "дней"), (1001, "день"), (-1, "день"), (-3, "дня")],
)  # fmt: skip
def test_the_one_russian_plural_rule(n, word):
    """Every counted word of the portal goes through this rule (identity, reports, events, the queue, privacy)."""
    assert plural(n, "день", "дня", "дней") == word


def test_a_count_groups_thousands_with_a_no_break_space():
    assert counted(21, "обращение", "обращения", "обращений") == "21 обращение"
    assert counted(1112, "строка", "строки", "строк") == "1\u00a0112 строк"


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(45, "через 45\u00a0секунд"), (61, "через 2\u00a0минуты (после\u00a014:02)"), (1, "через 1\u00a0секунду")],
)
def test_a_wait_keeps_its_number_and_unit_on_one_line(seconds, said):
    """Found from outside at 375 px: «через 45 | секунд» broke between the number and its unit."""
    now = datetime.datetime(2026, 12, 5, 11, 0, tzinfo=datetime.UTC)  # 14:00 in Moscow
    assert textformat.wait_message(seconds, now=now) == said


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Обращение № ОГ-2026-000012 назначено", "Обращение №\u00a0ОГ-2026-000012 назначено"),
        ("№ 59-ФЗ, § 5", "№\u00a059-ФЗ, §\u00a05"),
        ("№ п/п", "№\u00a0п/п"),
        ("ст. 13 и кв. 12", "ст.\u00a013 и\u00a0кв.\u00a012"),
    ],
)
def test_a_number_sign_keeps_what_follows_it_letters_or_digits(typed, kept):
    """«№ ОГ-2026-000012»: the admin card's title broke after «№» at 375 px (the number starts with letters)."""
    assert textformat.no_break(typed) == kept


@pytest.mark.parametrize("repeat", [1, 2_000])  # within and past the length kept per process
def test_rich_text_is_typeset_alike_whether_kept_or_not(repeat):
    """The typeset rich text is kept per process up to a length: a long one and a second reading read the same."""
    html = "<p>Закон от 02.05.2006 № 59-ФЗ</p>" * repeat
    once = textformat.no_break_html(html)
    assert once == textformat.no_break_html(html)
    assert once == '<p>Закон от\u00a002.05.2006 <span class="keep-whole">№\u00a059-ФЗ</span></p>' * repeat
