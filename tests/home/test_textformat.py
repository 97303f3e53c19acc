"""Stored values shown as people read them (issue 12, item 10)."""

import pytest

from home.textformat import phone_display, version_display


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
    [("2026-11-01", "от 1 ноября 2026 года"), ("2027-05-09", "от 9 мая 2027 года"), ("ред. 3", "ред. 3")],
)
def test_version_display(stored, shown):
    assert version_display(stored) == shown
