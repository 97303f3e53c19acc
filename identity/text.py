"""Small helpers for Russian messages."""

import math
from datetime import datetime, timedelta

from django.utils import timezone

from home.textformat import plural

MINUTES = ("минуту", "минуты", "минут")


def duration(seconds: float) -> str:
    """Accusative duration for "через …": "45 секунд", "1 минуту", "12 минут"."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} {plural(seconds, 'секунду', 'секунды', 'секунд')}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} {plural(minutes, *MINUTES)}"


def wait_message(seconds: float, *, now: datetime | None = None) -> str:
    """ "через 12 минут (после 14:35)"; just "через 45 секунд" for less than a minute."""
    text = f"через {duration(seconds)}"
    if seconds >= 60:
        moment = timezone.localtime((now or timezone.now()) + timedelta(seconds=math.ceil(seconds)))
        if moment.second or moment.microsecond:
            moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        text += f" (после {moment:%H:%M})"
    return text
