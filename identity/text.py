"""Small helpers for Russian messages."""

import math
from datetime import datetime, timedelta

from django.utils import timezone


def plural(number: int, forms: tuple[str, str, str]) -> str:
    """The form of a noun for ``number``: ("минута", "минуты", "минут")."""
    number = abs(number)
    if number % 10 == 1 and number % 100 != 11:
        return forms[0]
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return forms[1]
    return forms[2]


def duration(seconds: float) -> str:
    """Accusative duration for "через …": "45 секунд", "1 минуту", "12 минут"."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} {plural(seconds, ('секунду', 'секунды', 'секунд'))}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} {plural(minutes, ('минуту', 'минуты', 'минут'))}"


def wait_message(seconds: float, *, now: datetime | None = None) -> str:
    """ "через 12 минут (после 14:35)"; just "через 45 секунд" for less than a minute."""
    text = f"через {duration(seconds)}"
    if seconds >= 60:
        moment = timezone.localtime((now or timezone.now()) + timedelta(seconds=math.ceil(seconds)))
        if moment.second or moment.microsecond:
            moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        text += f" (после {moment:%H:%M})"
    return text
