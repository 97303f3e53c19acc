"""``|date_cached``: the same text as Django's ``|date`` for every value and format the templates use."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

MOMENTS = [
    datetime.datetime(2026, 3, 30, 21, 5, 9, tzinfo=datetime.UTC),  # past midnight in Moscow: the day moves
    datetime.datetime(2026, 12, 31, 20, 59, 59, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2026, 1, 2, 3, 4, 5),  # naive (USE_TZ off somewhere): as given
    datetime.date(2026, 5, 9),
]
FORMATS = ["d.m.Y в H:i", "d.m.Y H:i", "Y-m-d", "d.m.Y", "c", "H:i", "j E Y", "l, j F", "d.m.Y \\г.", "100%"]


@pytest.mark.parametrize("value", MOMENTS)
@pytest.mark.parametrize("arg", FORMATS)
def test_the_same_text_as_djangos_date(value, arg):
    if not isinstance(value, datetime.datetime) and ("H" in arg or "i" in arg):
        pytest.skip("a day has no time: both filters refuse the format alike")
    template = Template("{% load site_tags %}{{ value|date:arg }}|{{ value|date_cached:arg }}")
    with translation.override("ru"):
        theirs, ours = template.render(Context({"value": value, "arg": arg})).split("|")
    assert ours == theirs
