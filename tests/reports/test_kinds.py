"""The registry of report table kinds: one module and one registry line per kind, unknown kinds raise.

The last tests add a throwaway kind (``ranking_kind``: topics ranked by count) to ``reports.kinds.KIND_MODULES``
and nothing else, then follow a real published table through it: imported in the editor's block, saved on a
page, shown, downloaded and charted as the report's headline.
"""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from reports import exports, kinds
from reports.blocks import ReportStreamBlock
from reports.blocks.importing import ImportableTableBlock
from reports.models import ReportPage
from tests.reports.ranking_kind import RankingTableBlock

PUBLISHED = Path(__file__).parent / "data" / "published"
RANKING = "tests.reports.ranking_kind"
# The body's children in the order the migrations record (reports/migrations): the registry keeps it.
BODY_CHILDREN = ["heading", "paragraph", "callout", "document", "key_figures", "category_table", "comparison_table"]


def test_the_report_body_has_one_child_per_registered_kind_in_registry_order():
    children = ReportStreamBlock().child_blocks
    assert list(children) == [*BODY_CHILDREN, "register_statistics"]
    tables = [name for name, block in children.items() if isinstance(block, ImportableTableBlock)]
    assert tables == list(kinds.table_types()) == ["category_table", "comparison_table"]
    for block_type in tables:
        assert type(children[block_type]) is kinds.get(block_type).block


def test_an_unknown_kind_raises_instead_of_being_computed_as_another_kind():
    with pytest.raises(kinds.UnknownTableKind):
        kinds.result("ratings_table", {"rows": [{"label": "А", "count": 1}]})
    assert not kinds.is_table("ratings_table")
    assert list(kinds.table_blocks([])) == []


def test_a_kind_module_without_a_kind_or_a_kind_registered_twice_is_refused(monkeypatch):
    monkeypatch.setattr(kinds, "KIND_MODULES", (*kinds.KIND_MODULES, "reports.values"))
    with pytest.raises(ImproperlyConfigured, match="reports.values has no KIND"):
        kinds.registered()
    monkeypatch.setattr(kinds, "KIND_MODULES", ("reports.table_kinds.category", "reports.table_kinds.category"))
    with pytest.raises(ImproperlyConfigured, match="two table kinds are named 'category_table'"):
        kinds.registered()


def test_the_headline_of_a_comparison_table_is_its_current_total():
    value = {"caption": "По темам", "headline": True, "rows": [{"label": "А", "current": 5, "previous": 2}]}

    class Child:
        id, block_type = "x", "comparison_table"

    Child.value = value
    assert kinds.headline([Child()]) == ("По темам", 5)


# ---- a new kind: its module and one registry line ------------------------------------------------------------


@pytest.fixture
def ranking_body(monkeypatch):
    """The report body with the throwaway kind registered (the page model's field included)."""
    monkeypatch.setattr(kinds, "KIND_MODULES", (*kinds.KIND_MODULES, RANKING))
    body = ReportPage._meta.get_field("body")
    monkeypatch.setattr(body, "stream_block", ReportStreamBlock())
    return body.stream_block


def test_a_registered_kind_becomes_a_child_of_the_report_body(ranking_body):
    assert list(ranking_body.child_blocks) == [*BODY_CHILDREN, "ranking_table", "register_statistics"]
    assert isinstance(ranking_body.child_blocks["ranking_table"], RankingTableBlock)
    assert kinds.table_types() == ("category_table", "comparison_table", "ranking_table")


@pytest.mark.django_db
def test_a_new_kind_imports_shows_exports_and_headlines_a_published_table(ranking_body, client, make_report):
    # Щекинский район, «Проблемы, с которыми обращались жители», November 2021 (source in the file's header).
    name = "shchekino_2021-11_problemy.csv"
    document = Document.objects.create(title=name, file=ContentFile((PUBLISHED / name).read_bytes(), name=name))
    block = ranking_body.child_blocks["ranking_table"]
    raw = {"caption": "Проблемы жителей", "rows": [], "show_total": True, "headline": True, "upload": document.pk}
    value = block.clean(block.to_python(raw))
    assert [row["count"] for row in value["rows"]] == [9, 3, 92, 4, 48]  # as printed; «Итого» is not a row

    report = make_report(body=[{"type": "ranking_table", "value": block.get_prep_value(value)}])
    assert (report.headline_label, report.headline_value) == ("Проблемы жителей", 92)  # the kind's headline

    html = client.get(report.url).content.decode()
    ranked = ["1. Экономика", "2. Жилищно-коммунальная сфера", "3. Государство, общество, политика"]
    assert all(f'<th scope="row">{label}</th>' in html for label in ranked)
    assert html.index(ranked[0]) < html.index(ranked[1]) < html.index(ranked[2])
    assert '<th scope="row">Всего</th>' in html and ">156</td>" in html

    slug = value["slug"]
    assert [(kind, found) for kind, found, _ in exports.page_exports(report)] == [("ranking_table", slug)]
    response = client.get(f"{report.url}tables/{slug}/csv/")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Тема;Обращений" in text and "Экономика;92" in text
