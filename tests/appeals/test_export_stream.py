"""The queue's export read without model instances and streamed (issue 19).

The export reads ``values_list`` rows in chunks instead of model instances;
these tests pin that every column still says what the appeal says (labels,
local times, the executor's name, co-authors), and that both formats send
their first bytes before any appeal is read, then go on chunk by chunk.
"""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from appeals_form import spreadsheets
from appeals_form.models import Appeal, CoAuthor
from home import xlsx_stream
from identity.types import METHOD_LABELS
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user

pytestmark = pytest.mark.django_db
Status = Appeal.Status
CHUNK_QUERY = '"appeals_form_appeal"."id" IN'


@pytest.fixture
def exporter_client(client):
    client.force_login(make_user("exporter", APPEALS, perms=["appeals_form.export_personal_data"]))
    return client


def _expected(appeal: Appeal) -> dict[str, str]:
    """The CSV row as the model instance tells it (what the export wrote from instances before)."""

    def when(value):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""

    def day(value):
        return value.strftime("%d.%m.%Y") if value else ""

    executor = appeal.executor
    return {
        "Регистрационный номер": appeal.number,
        "Поступило": when(appeal.received_at),
        "Зарегистрировано": when(appeal.registered_at),
        "Вид обращения": appeal.get_kind_display(),
        "Статус": appeal.get_status_display(),
        "Тема": appeal.topic.title,
        "Код классификатора": appeal.classifier_code,
        "Адресат": appeal.addressee.name,
        "Ответственное подразделение": appeal.department.name if appeal.department else "",
        "Исполнитель": (executor.get_full_name() or executor.get_username()) if executor else "",
        "Способ идентификации": METHOD_LABELS.get(appeal.identity_method, appeal.identity_method),
        "Коллективное": "да" if appeal.is_collective else "",
        "Срок рассмотрения": day(appeal.due_date),
        "Срок до продления": day(appeal.original_due_date),
        "Направлено по компетенции в": appeal.redirected_to,
        "Дата направления": day(appeal.redirected_on),
        "Жалоба на (ч. 6 ст. 8 59-ФЗ)": appeal.complaint_against,
        "Адрес опубликованного ответа (ч. 5.1 ст. 11 59-ФЗ)": appeal.published_answer_url,
        "Дата ответа": when(appeal.answered_at),
        "Результат (ССТУ.РФ)": appeal.get_result_display(),
        "Рассмотрено с выездом на место": "да" if appeal.site_visit else "",
        "Рассмотрено с нарушением срока": "да" if appeal.answered_late else "",
        "Основание оставить без ответа": appeal.get_no_answer_reason_display(),
        "Заявитель": appeal.full_name,
        "Адрес электронной почты": appeal.email,
        "Телефон": spreadsheets.csv_phone(appeal.phone),
        "Почтовый адрес": appeal.postal_address,
        "Соавторы": "; ".join(str(row) for row in appeal.co_authors.all()),
        "Почтовые адреса соавторов": "; ".join(
            f"{row.name}: {row.postal_address}" for row in appeal.co_authors.all() if row.postal_address
        ),
        "Текст обращения": appeal.text,
    }


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_every_column_says_what_the_appeal_says(exporter_client):
    executor = make_user("ivanova", APPEALS, first_name="Анна", last_name="Иванова")
    answered = appeal_in(Status.ANSWERED, executor=executor, is_collective=True, site_visit=True, answered_late=True)
    Appeal.objects.filter(pk=answered.pk).update(original_due_date=date(2026, 2, 2), phone="+7 900 123-45-67")
    CoAuthor.objects.create(appeal=answered, name="Петров Пётр", postal_address="г. Энск, ул. Лесная, д. 2")
    CoAuthor.objects.create(appeal=answered, name="Сидорова Анна")  # no address: not listed among the addresses
    nameless = appeal_in(Status.IN_WORK, executor=make_user("no-name", APPEALS))  # the username stands in
    redirected = appeal_in(Status.REDIRECTED)
    left = appeal_in(Status.LEFT_WITHOUT_ANSWER, kind=Appeal.Kind.COMPLAINT, complaint_against="Управление ЖКХ")
    Appeal.objects.filter(pk=answered.pk).update(published_answer_url="https://admin-gorod.ru/otvety/sneg/")
    registered = appeal_in(Status.REGISTERED, patronymic="")  # no department, executor, dates of the outcome
    rows = {row["Регистрационный номер"]: row for row in _csv(exporter_client.get("/admin/appeals/?export=csv"))}
    for appeal in (answered, nameless, redirected, left, registered):
        appeal.refresh_from_db()
        assert rows[appeal.number] == _expected(appeal)
    assert rows[answered.number]["Соавторы"] == "Петров Пётр; Сидорова Анна"
    assert rows[answered.number]["Почтовые адреса соавторов"] == "Петров Пётр: г. Энск, ул. Лесная, д. 2"
    assert rows[answered.number]["Исполнитель"] == "Анна Иванова"
    assert rows[nameless.number]["Исполнитель"] == "no-name"


def test_the_xlsx_export_has_the_same_rows_typed(exporter_client):
    appeal = appeal_in(Status.ANSWERED, surname='=HYPERLINK("http://evil")')
    csv_row = _csv(exporter_client.get("/admin/appeals/?export=csv"))[0]
    response = exporter_client.get("/admin/appeals/?export=xlsx")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == xlsx_stream.CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="obrashcheniya-')
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert list(csv_row) == header
    received = timezone.make_naive(timezone.localtime(appeal.received_at))
    assert abs(cells["Поступило"].value - received) < timedelta(seconds=1)  # a date, local time
    assert cells["Поступило"].number_format == "DD.MM.YYYY HH:MM"
    assert cells["Срок рассмотрения"].value.date() == appeal.due_date
    assert cells["Срок рассмотрения"].number_format == "DD.MM.YYYY"
    assert cells["Заявитель"].value.startswith("=HYPERLINK(") and cells["Заявитель"].data_type == "s"
    for heading in ("Статус", "Тема", "Адресат", "Результат (ССТУ.РФ)", "Текст обращения"):
        assert cells[heading].value == csv_row[heading]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_first_bytes_go_out_before_any_appeal_is_read(exporter_client, monkeypatch, export_format):
    monkeypatch.setattr(spreadsheets, "EXPORT_CHUNK", 2)
    monkeypatch.setattr(spreadsheets, "CSV_BATCH_ROWS", 1)
    monkeypatch.setattr(xlsx_stream, "BATCH_ROWS", 1)
    for _ in range(5):
        appeal_in(Status.IN_WORK, text="Текст обращения. " * 300)
    response = exporter_client.get(f"/admin/appeals/?export={export_format}")
    assert isinstance(response, StreamingHttpResponse)
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first:
        head = next(chunks)
    assert head  # the CSV's header line, or the workbook's start
    assert not [q for q in first.captured_queries if CHUNK_QUERY in q["sql"]]
    with CaptureQueriesContext(connection) as rest:
        body = head + b"".join(chunks)
    assert len([q for q in rest.captured_queries if CHUNK_QUERY in q["sql"]]) == 3  # 2 + 2 + 1, as they are sent
    if export_format == "xlsx":
        assert len(list(load_workbook(io.BytesIO(body)).active.iter_rows())) == 6


def test_the_csv_goes_out_chunk_by_chunk(exporter_client, monkeypatch):
    monkeypatch.setattr(spreadsheets, "EXPORT_CHUNK", 2)
    monkeypatch.setattr(spreadsheets, "CSV_BATCH_ROWS", 1)
    for _ in range(5):
        appeal_in(Status.IN_WORK)
    chunks = iter(exporter_client.get("/admin/appeals/?export=csv").streaming_content)
    next(chunks)  # the header
    with CaptureQueriesContext(connection) as captured:
        next(chunks)  # the first appeal's line
    assert len([q for q in captured.captured_queries if CHUNK_QUERY in q["sql"]]) == 1  # its chunk only


def test_gunicorn_workers_keep_reporting_while_an_export_streams(monkeypatch):
    # A sync worker is killed after `timeout` even while it streams; a gthread worker's main thread keeps reporting.
    import runpy

    from django.conf import settings
    from gunicorn.config import Config
    from gunicorn.workers.gthread import ThreadWorker

    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    config = Config()
    for name, value in runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)
    assert issubclass(config.worker_class, ThreadWorker)
    assert config.threads > 1  # another thread serves while one streams a long export
