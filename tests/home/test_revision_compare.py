"""Comparing revisions («История» → «Сравнить») speaks Russian for yes/no and empty values.

Found from outside: comparing two revisions of a report showed «В том числе False», «True» and
«Доля в исходном документе, % None».
"""

import re

import pytest
from django.urls import reverse
from wagtail import blocks

from home import compare
from reports.factories import ReportPageFactory
from tests.reports.admin_helpers import category_value

pytestmark = pytest.mark.django_db

ENGLISH_VALUE = re.compile(r"(?<![\w-])(True|False|None)(?![\w-])")


def test_every_leaf_block_of_every_stream_field_compares_in_russian():
    leaves = list(compare.stream_leaf_blocks())
    assert any(isinstance(block, blocks.BooleanBlock) for block in leaves)
    for block in leaves:
        comparison = block.get_comparison_class()(block, True, True, None, None)
        shown = comparison.htmlvalue(None) + comparison.htmldiff()
        if isinstance(block, blocks.BooleanBlock):
            shown += block.get_comparison_class()(block, True, True, False, True).htmldiff()
        assert not ENGLISH_VALUE.search(shown), (block, shown)


def _body(rows):
    """The body as the admin saves it (list items with their ids)."""
    from reports.models import ReportPage

    stream_block = ReportPage._meta.get_field("body").stream_block
    raw = [{"type": "category_table", "value": category_value("Обращения", rows), "id": "0b5a3c1e"}]
    value = stream_block.to_python(raw)
    return stream_block.get_prep_value(value)


def test_comparing_two_revisions_of_a_report_shows_da_net_and_dashes(admin_client):
    rows = [{"label": "Письменные", "count": 19}, {"label": "Устные", "count": 21}]
    page = ReportPageFactory(body=_body(rows))
    first = page.save_revision()
    page.body = _body([rows[0], {**rows[1], "is_part": True}])
    second = page.save_revision()

    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    html = admin_client.get(url).content.decode()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|svg)\b.*?</\1>", "", html, flags=re.S))
    assert "Письменные" in text
    assert not ENGLISH_VALUE.search(text), [text[m.start() - 80 : m.end()] for m in ENGLISH_VALUE.finditer(text)][:3]
    assert "нет" in text and "да" in text
