"""The queue at a department's scale: search over text, deep pages, streamed Excel-friendly exports, the loader.

The timings are measured by ``make bench-scale`` (bench/scale.py), not here;
these tests pin the behaviour the speed relies on: the indexed search finds
what the officer types (number, names, e-mail, a word of the text), pages
deep in the queue list the right rows, exports stream in chunks, and (on
PostgreSQL) the queries can use the indexes of migration 0004.
"""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from appeals_form import spreadsheets
from appeals_form.admin_views import search
from appeals_form.admin_views.listing import AppealPaginator
from appeals_form.models import Appeal, AppealEvent
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user, numbers

pytestmark = pytest.mark.django_db
Status = Appeal.Status
postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's indexes")


@pytest.fixture
def exporter_client(client):
    client.force_login(make_user("exporter", APPEALS, perms=["appeals_form.export_personal_data"]))
    return client


# -- Search -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["батареи", "Батареи не греют", "Фёдорова", "fedorova@example", "ФЁДОРОВА ольга"],
)
def test_search_finds_a_word_of_the_text_names_and_email(officer_client, query):
    wanted = appeal_in(
        Status.IN_WORK,
        surname="Фёдорова",
        first_name="Ольга",
        email="fedorova@example.ru",
        text="В квартире не греют батареи, температура ниже нормы.",
    )
    appeal_in(Status.IN_WORK, surname="Петрова", email="petrova@example.ru", text="Яма на дороге.")
    assert numbers(officer_client.get("/admin/appeals/", {"q": query})) == [wanted.number]


@postgresql_only
def test_search_folds_yo_and_word_forms_on_postgresql(officer_client):
    wanted = appeal_in(Status.IN_WORK, surname="Фёдорова", text="Не вывозят мусор с контейнерной площадки.")
    # е typed for ё; another form of the word in the text.
    assert numbers(officer_client.get("/admin/appeals/", {"q": "федорова"})) == [wanted.number]
    assert numbers(officer_client.get("/admin/appeals/", {"q": "площадка"})) == [wanted.number]


def test_search_treats_like_wildcards_as_text(officer_client):
    appeal_in(Status.IN_WORK, surname="Иванова")
    assert numbers(officer_client.get("/admin/appeals/", {"q": "Иван%а"})) == []
    assert numbers(officer_client.get("/admin/appeals/", {"q": "Ив_нова"})) == []


@postgresql_only
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("иванова", search.PERSON_INDEX),
        ("батареи", search.TEXT_INDEX),
        ("2026-0000", search.PERSON_INDEX),  # a part of a number
        ("ОГ-2026-000001", "appeals_form_appeal_number"),  # a whole number: an index of the number, one row
    ],
)
def test_search_can_use_the_indexes(query, index):
    appeal_in(Status.IN_WORK)
    rows = Appeal.objects.filter(search.search_condition(query)).order_by().values("pk")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        # Only a bitmap scan is left: it appears only if the condition matches the index expression.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan


@postgresql_only
def test_the_default_order_has_its_index():
    appeal_in(Status.IN_WORK)
    rows = Appeal.objects.order_by("due_date", "-pk").values("pk")[:50]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "appeals_due_id_idx" in plan and "Sort" not in plan


# -- Pages and filters --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("few_rows", [0, 5_000], ids=["ordered-subquery", "ids-first"])
def test_deep_pages_list_every_appeal_once_in_the_queue_order(officer_client, monkeypatch, few_rows):
    monkeypatch.setattr(AppealPaginator, "FEW_ROWS", few_rows)
    created = [appeal_in(Status.IN_WORK) for _ in range(57)]  # same due date: the order falls back to newest first
    listed = numbers(officer_client.get("/admin/appeals/")) + numbers(officer_client.get("/admin/appeals/?p=2"))
    assert listed == [appeal.number for appeal in sorted(created, key=lambda a: -a.pk)]


def test_a_search_with_few_matches_evaluates_its_condition_without_the_order(officer_client):
    """An e-mail among 100,000 appeals took 1.1 s: PostgreSQL walked the order's index testing every row."""
    wanted = appeal_in(Status.IN_WORK, surname="Фёдорова", email="fedorova@example.ru")
    appeal_in(Status.IN_WORK, surname="Петрова", email="petrova@example.ru")
    with CaptureQueriesContext(connection) as captured:
        response = officer_client.get("/admin/appeals/", {"q": "fedorova@example.ru"})
    assert numbers(response) == [wanted.number]
    searching = [q["sql"] for q in captured.captured_queries if "fedorova" in q["sql"]]
    assert searching, "the search condition is in no query"
    assert not any("ORDER BY" in sql or "LIMIT" in sql for sql in searching)


def test_the_status_filter_selects_no_distinct_rows(officer_client):
    appeal_in(Status.ANSWERED)
    with CaptureQueriesContext(connection) as captured:
        response = officer_client.get("/admin/appeals/?status=answered&status=in_work")
    assert len(numbers(response)) == 1
    appeal_queries = [q["sql"] for q in captured.captured_queries if '"appeals_form_appeal"' in q["sql"]]
    assert appeal_queries and not any("DISTINCT" in sql for sql in appeal_queries)


# -- Exports ------------------------------------------------------------------------------------------------------


def _csv(response, separator=","):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, not ANSI
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=separator))


def test_csv_for_excel_has_a_bom_a_semicolon_option_readable_phones_and_no_formulas(exporter_client):
    appeal_in(Status.IN_WORK, surname='=HYPERLINK("http://evil")', phone="+7 900 123-45-67", text="@SUM(1)")
    for separator, query in ((",", ""), (";", "&csv_separator=semicolon")):
        response = exporter_client.get(f"/admin/appeals/?export=csv{query}")
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        [row] = _csv(response, separator)
        assert row["Телефон"] == "8 900 123-45-67"  # «+7 …» would be a formula to Excel
        assert row["Заявитель"].startswith("'=HYPERLINK")
        assert row["Текст обращения"] == "'@SUM(1)"


def test_the_listing_offers_xlsx_first_and_csv_for_excel(officer_client):
    html = officer_client.get("/admin/appeals/?status=in_work").content.decode()
    assert "Скачать XLSX (рекомендуется)" in html
    assert "csv_separator=semicolon" in html and "Скачать CSV для Excel" in html


@pytest.mark.parametrize(
    ("phone", "cell"),
    [
        ("+7 900 123-45-67", "8 900 123-45-67"),
        ("+79035551742", "8 903 555-17-42"),
        ("8 (495) 123-45-67", "8 (495) 123-45-67"),
        ("+375 29 123-45-67", "'+375 29 123-45-67"),
        ("+375291234567", "'+375291234567"),
        ("-1+1", "'-1+1"),
        ("-1", "'-1"),
        ("=1+1", "'=1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("", ""),
    ],
)
def test_phones_keep_their_plus_and_digits_anything_else_is_defused(phone, cell):
    assert spreadsheets.csv_cell("phone", phone) == cell


def test_xlsx_keeps_text_as_text_without_apostrophes(exporter_client):
    appeal_in(Status.IN_WORK, surname='=HYPERLINK("http://evil")', phone="+7 900 123-45-67")
    response = exporter_client.get("/admin/appeals/?export=xlsx")
    assert response.streaming
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    row = {header[i]: cell for i, cell in enumerate(sheet[2])}
    assert row["Заявитель"].value.startswith("=HYPERLINK(") and row["Заявитель"].data_type == "s"
    assert row["Телефон"].value == "+7 900 123-45-67"


def test_exports_read_the_appeals_in_chunks_in_the_queue_order(exporter_client, monkeypatch):
    monkeypatch.setattr(spreadsheets, "EXPORT_CHUNK", 2)
    created = [appeal_in(Status.IN_WORK) for _ in range(5)]
    with CaptureQueriesContext(connection) as captured:
        rows = _csv(exporter_client.get("/admin/appeals/?export=csv"))
    assert [row["Регистрационный номер"] for row in rows] == [a.number for a in sorted(created, key=lambda a: -a.pk)]
    chunk_queries = [q for q in captured.captured_queries if '"appeals_form_appeal"."id" IN' in q["sql"]]
    assert len(chunk_queries) == 3  # 2 + 2 + 1, never all rows at once
    full_rows = [q for q in captured.captured_queries if '"appeals_form_appeal"."text"' in q["sql"]]
    assert full_rows == chunk_queries  # no other query reads whole appeals (e.g. to count or list them all)


# -- The scale data loader ----------------------------------------------------------------------------------------


def test_load_scale_data_is_seeded_and_idempotent(demo_site):
    call_command("load_scale_data", appeals=40, only="appeals_form", verbosity=0)
    scale = Appeal.objects.filter(idempotency_key__startswith="scale-")
    first = list(scale.order_by("idempotency_key").values_list("number", "surname", "status", "due_date"))
    events = AppealEvent.objects.filter(appeal__in=scale).count()
    assert len(first) == 40 and len({row[0] for row in first}) == 40
    assert events >= 40 * 3
    assert {row[2] for row in first} & {Status.ANSWERED, Status.CLOSED}

    call_command("load_scale_data", appeals=40, only="appeals_form", verbosity=0)
    assert list(scale.order_by("idempotency_key").values_list("number", "surname", "status", "due_date")) == first
    assert AppealEvent.objects.filter(appeal__in=scale).count() == events


def test_load_scale_data_adds_acts_with_amendments_once(demo_site):
    from regulations.models import RegulationAmendment, RegulationPage

    call_command("load_scale_data", regulations=6, only="regulations", verbosity=0)
    acts = RegulationPage.objects.live().filter(slug__startswith="scale-akt-")
    amendments = RegulationAmendment.objects.filter(page__in=acts).count()
    assert acts.count() == 6
    call_command("load_scale_data", regulations=6, only="regulations", verbosity=0)
    assert acts.count() == 6 and RegulationAmendment.objects.filter(page__in=acts).count() == amendments


def test_load_scale_data_adds_officials_with_sign_ups_and_events_once(demo_site):
    from schedules.models import EventPage, Official
    from schedules.models.signups import SignUp

    call_command("load_scale_data", officials=2, events=3, only="schedules", verbosity=0)
    officials = Official.objects.filter(slug__startswith="scale-")
    events = EventPage.objects.live().filter(slug__startswith="scale-event-")
    signups = SignUp.objects.filter(session__official__in=officials).count()
    assert officials.count() == 2 and events.count() == 3 and signups > 2 * 40
    call_command("load_scale_data", officials=2, events=3, only="schedules", verbosity=0)
    assert officials.count() == 2 and events.count() == 3
    assert SignUp.objects.filter(session__official__in=officials).count() == signups


def test_load_scale_data_adds_half_year_reports_with_tables_once(demo_site):
    from reports.models import ReportPage

    call_command("load_scale_data", reports=3, only="reports", verbosity=0)
    reports = ReportPage.objects.live().filter(slug__startswith="scale-report-").order_by("period_start")
    assert [(page.period_year, page.period_number) for page in reports] == [(2024, 2), (2025, 1), (2025, 2)]
    first = reports.first()
    tables = [block.value["slug"] for block in first.body if block.block_type.endswith("_table")]
    assert tables == ["kanaly", "tematika", "rezultaty"]
    assert first.headline_value is not None
    kept = list(reports.values_list("pk", "latest_revision_id"))

    call_command("load_scale_data", reports=3, only="reports", verbosity=0)
    assert list(reports.values_list("pk", "latest_revision_id")) == kept
    assert Client().get(first.url).status_code == 200
