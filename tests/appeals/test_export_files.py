"""What an officer gets from the queue's downloads: distinct files, data as stored, safe cells, a usable sheet.

- Every download button of the queue saves under a name of its own (both CSVs once
  had the same name and overwrote each other in the downloads folder).
- No CSV cell of any text column starts a formula (``=``, ``+``, ``-``, ``@``)
  unless it is a phone number (digits and separators only, which cannot run
  anything); the XLSX keeps every value exactly as stored (typed text).
- A phone is exported as stored, with its «+7», never as «8…».
- Co-authors are listed with their e-mails.
- The XLSX opens with a frozen header, an autofilter and readable column widths.
"""

import csv
import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from appeals_form import exports
from appeals_form.factories import CoAuthorFactory
from appeals_form.models import Appeal
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user

pytestmark = pytest.mark.django_db
Status = Appeal.Status
FORMULA_PREFIXES = ("=", "+", "-", "@")


@pytest.fixture
def exporter_client(client):
    client.force_login(make_user("exporter", APPEALS, perms=["appeals_form.export_personal_data"]))
    return client


def _csv_rows(response, separator=",") -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body), delimiter=separator))


def _sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def _sheet_rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _filename(response) -> str:
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


def test_every_download_of_the_queue_has_a_file_name_of_its_own(exporter_client):
    appeal_in(Status.IN_WORK)
    html = exporter_client.get("/admin/appeals/").content.decode()
    urls = sorted({unescape(url) for url in re.findall(r'href="([^"]*[?&]export=[^"]*)"', html)})
    assert len(urls) == 3  # XLSX, CSV for Excel («;»), CSV («,»)
    names = {url: _filename(exporter_client.get(url)) for url in urls}
    assert len(set(names.values())) == len(urls), names
    for name in names.values():
        assert re.fullmatch(r"obrashcheniya-\d{4}-\d{2}-\d{2}(-excel)?\.(csv|xlsx)", name)


def _appeal_with_every_text_starting(prefix: str) -> Appeal:
    """An appeal whose every free text (applicant, co-author, topic, addressee, executor...) starts with ``prefix``."""
    evil = f'{prefix}HYPERLINK("http://evil")'
    executor = make_user(f"executor{ord(prefix)}", APPEALS, first_name=evil, last_name=evil)
    appeal = appeal_in(
        Status.REDIRECTED,
        executor=executor,
        surname=evil,
        first_name=evil,
        patronymic=evil,
        email=f"{prefix}cmd@example.ru",
        phone=f"{prefix}cmd|' /C calc'!A0",
        postal_address=evil,
        text=evil,
        is_collective=True,
    )
    Appeal.objects.filter(pk=appeal.pk).update(redirected_to=evil, classifier_code=f"{prefix}1")
    CoAuthorFactory(appeal=appeal, name=evil, email=f"{prefix}co@example.ru")
    for n, related in enumerate((appeal.topic, appeal.addressee, appeal.department)):  # names are unique
        type(related).objects.filter(pk=related.pk).update(**{"title" if n == 0 else "name": f"{evil} {n}"})
    appeal.refresh_from_db()
    return appeal


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_no_exported_text_can_run_as_a_formula_and_the_xlsx_keeps_it_as_stored(exporter_client, prefix):
    _appeal_with_every_text_starting(prefix)
    [row] = _csv_rows(exporter_client.get("/admin/appeals/?export=csv&csv_separator=semicolon"), ";")
    text_headings = [column.heading for column in exports.COLUMNS if column.kind is exports.CellKind.TEXT]
    for heading in text_headings:
        cell = row[heading]
        assert not cell.startswith(FORMULA_PREFIXES), (heading, cell)
    for heading in ("Заявитель", "Текст обращения", "Почтовый адрес", "Тема", "Адресат", "Исполнитель", "Телефон"):
        assert row[heading].startswith("'" + prefix), heading
    [cells] = _sheet_rows(_sheet(exporter_client.get("/admin/appeals/?export=xlsx")))
    assert cells["Текст обращения"] == f'{prefix}HYPERLINK("http://evil")'  # as stored: typed text, no apostrophe
    assert cells["Телефон"] == f"{prefix}cmd|' /C calc'!A0"
    assert cells["Соавторы"] == f'{prefix}HYPERLINK("http://evil") ({prefix}co@example.ru)'


@pytest.mark.parametrize(
    ("stored", "in_csv"),
    [
        # The same number the national way: a CSV cell starting with «+» is a formula to Excel.
        ("+79035551742", "8 903 555-17-42"),
        ("+7 903 555-17-42", "8 903 555-17-42"),
        ("8 (495) 123-45-67", "8 (495) 123-45-67"),
        ("+375291234567", "'+375291234567"),
    ],
)
def test_a_phone_is_exported_as_a_spreadsheet_reads_it(exporter_client, stored, in_csv):
    appeal_in(Status.IN_WORK, phone=stored)
    for separator, query in ((",", ""), (";", "&csv_separator=semicolon")):
        [row] = _csv_rows(exporter_client.get(f"/admin/appeals/?export=csv{query}"), separator)
        assert row["Телефон"] == in_csv
        assert re.sub(r"\D", "", row["Телефон"])[1:] == re.sub(r"\D", "", stored)[1:]  # the same number
    [cells] = _sheet_rows(_sheet(exporter_client.get("/admin/appeals/?export=xlsx")))
    assert cells["Телефон"] == stored


def test_co_authors_are_exported_with_their_e_mails(exporter_client):
    appeal = appeal_in(Status.IN_WORK, is_collective=True)
    CoAuthorFactory(appeal=appeal, name="Ковалёв Сергей Иванович", email="kovalev@example.ru")
    CoAuthorFactory(appeal=appeal, name="Петрова Анна", email="")
    expected = "Ковалёв Сергей Иванович (kovalev@example.ru); Петрова Анна"
    [row] = _csv_rows(exporter_client.get("/admin/appeals/?export=csv"))
    assert row["Соавторы"] == expected
    [cells] = _sheet_rows(_sheet(exporter_client.get("/admin/appeals/?export=xlsx")))
    assert cells["Соавторы"] == expected


def test_the_xlsx_opens_with_a_frozen_header_an_autofilter_and_readable_widths(exporter_client):
    for _ in range(3):
        appeal_in(Status.IN_WORK)
    sheet = _sheet(exporter_client.get("/admin/appeals/?export=xlsx"))
    last = sheet.cell(row=1, column=sheet.max_column).column_letter
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{last}4"  # the header and the three appeals
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    for heading, width in widths.items():
        assert width >= min(len(heading), 12), heading  # a heading is not cut to Excel's default 8.43
    assert widths["Текст обращения"] >= 60 and widths["Почтовый адрес"] >= 40
    assert widths["Поступило"] >= 16  # «05.12.2026 10:15»


def test_an_empty_xlsx_still_opens_with_its_header_and_filter(exporter_client):
    sheet = _sheet(exporter_client.get("/admin/appeals/?export=xlsx&status=closed"))
    assert sheet.max_row == 1 and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:") and sheet.auto_filter.ref.endswith("1")
