"""The queue's listing: columns, filters, search, sorting, export, the dashboard panel."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from appeals_form.factories import AddresseeFactory, TopicFactory
from appeals_form.models import Appeal
from appeals_form.workflow import dates
from identity.types import METHOD_OIDC
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user, numbers

pytestmark = pytest.mark.django_db

Status = Appeal.Status


@pytest.fixture
def officer():
    return make_user("officer", APPEALS, first_name="Ольга", last_name="Сотрудникова")


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def queue(officer):
    today = timezone.localdate()
    housing = TopicFactory(title="Оплата ЖКУ", classifier_code="0005.0005.0056.1149")
    roads = TopicFactory(title="Дороги", classifier_code="0003.0009.0099.0688")
    head = AddresseeFactory(name="Глава городского округа")
    return {
        "overdue": appeal_in(
            Status.IN_WORK, executor=officer, topic=housing, due_date=today - timedelta(days=3), surname="Просрочкина"
        ),
        "soon": appeal_in(
            Status.IN_WORK, executor=officer, topic=roads, due_date=dates.add_working_days(today, 2), surname="Скорова"
        ),
        "new": appeal_in(
            Status.REGISTERED,
            topic=roads,
            addressee=head,
            due_date=today + timedelta(days=29),
            surname="Новикова",
            first_name="Анна",
            email="novikova@example.ru",
            identity_method=METHOD_OIDC,
            registered_at=timezone.now() - timedelta(days=1),
        ),
        "answered": appeal_in(Status.ANSWERED, topic=housing, due_date=today - timedelta(days=10), surname="Ответова"),
    }


def test_listing_shows_the_columns_and_highlights_overdue(staff_client, queue):
    response = staff_client.get("/admin/appeals/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Номер", "Поступило", "Заявитель", "Тема", "Адресат", "Исполнитель", "Статус"):
        assert heading in html
    assert "Срок рассмотрения" in html
    assert "Просрочкина" in html and "Ольга Сотрудникова" in html
    overdue_days = -dates.working_days_left(queue["overdue"].due_date, timezone.localdate())
    assert f'appeal-tag--overdue">просрочено на {overdue_days} раб. дн.' in html
    assert 'appeal-tag--soon">осталось 2 раб. дн.' in html
    # The default order is by deadline, earliest first.
    assert numbers(response)[:3] == [queue["answered"].number, queue["overdue"].number, queue["soon"].number]


def _menu_url(dashboard_html: str, name: str) -> str:
    """The URL of a main menu item, as the admin's sidebar receives it (its JSON props)."""
    script = r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>'
    props = re.search(script, dashboard_html, re.S)

    def find(node):
        if isinstance(node, dict):
            if node.get("name") == name and "url" in node:
                return node["url"]
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                if (found := find(child)) is not None:
                    return found
        return None

    return find(json.loads(props.group(1)))


def test_the_menu_opens_the_appeals_still_to_be_answered(staff_client, queue):
    """The queue's menu item lists open appeals, most urgent first; the filter shows and clears."""
    dashboard = staff_client.get("/admin/").content.decode()
    url = _menu_url(dashboard, "appeal-queue")
    response = staff_client.get(url)
    # Not the answered appeal, though its deadline is the earliest (it tops the unfiltered listing).
    assert numbers(response) == [queue["overdue"].number, queue["soon"].number, queue["new"].number]
    html = response.content.decode()
    assert re.search(r'<input[^>]*value="registered"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="in_work"[^>]*checked', html)
    # The dashboard links to the same list, and to every appeal.
    assert f'href="{url.replace("&", "&amp;")}">Открытые обращения</a>' in dashboard
    assert 'href="/admin/appeals/">Все обращения, включая завершённые</a>' in dashboard


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("overdue=1", ["overdue"]),
        ("due_within=3", ["soon"]),
        ("status=registered", ["new"]),
        ("status=in_work&status=answered", ["overdue", "soon", "answered"]),
        ("section=0005", ["overdue", "answered"]),
        ("identity_method=oidc", ["new"]),
        ("kind=application", ["overdue", "soon", "new", "answered"]),
    ],
)
def test_filters(staff_client, queue, query, expected):
    listed = set(numbers(staff_client.get(f"/admin/appeals/?{query}")))
    assert listed == {queue[key].number for key in expected}


def test_filters_by_reference_rows_executor_and_period(staff_client, queue, officer):
    new = queue["new"]
    assert set(numbers(staff_client.get(f"/admin/appeals/?topic={new.topic_id}"))) == {
        new.number,
        queue["soon"].number,
    }
    assert numbers(staff_client.get(f"/admin/appeals/?addressee={new.addressee_id}")) == [new.number]
    by_executor = set(numbers(staff_client.get(f"/admin/appeals/?executor={officer.pk}")))
    assert by_executor == {queue["overdue"].number, queue["soon"].number}
    education = AddresseeFactory(name="Управление образования")
    Appeal.objects.filter(pk=queue["overdue"].pk).update(department=education)
    assert numbers(staff_client.get(f"/admin/appeals/?department={education.pk}")) == [queue["overdue"].number]
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    period = staff_client.get(f"/admin/appeals/?period_from={yesterday}&period_to={yesterday}")
    assert numbers(period) == [new.number]


def test_a_reversed_period_says_so(staff_client, queue):
    """Found from outside: a period ending before it starts found nothing, without a word."""
    response = staff_client.get("/admin/appeals/?period_from=2026-12-01&period_to=2026-11-01")
    assert response.status_code == 200
    assert "Начало периода позже его конца: поменяйте даты местами." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "key"),
    [("новикова", "new"), ("Новикова Анна", "new"), ("NOVIKOVA@example", "new"), ("ПРОСРОЧКИНА", "overdue")],
)
def test_search_by_name_email_and_number(staff_client, queue, query, key):
    assert numbers(staff_client.get("/admin/appeals/", {"q": query})) == [queue[key].number]


@pytest.mark.parametrize("query", ["елкина", "ЕЛКИНА", "Ёлкина", "ёлкина", "алена", "АЛЁНА", "Елкина Алена", "еЛКИНА"])
def test_search_finds_a_name_with_yo_however_it_is_typed(staff_client, queue, query):
    """Officers type «е» for «ё» and any case; on SQLite the search compared the letters as stored."""
    appeal = appeal_in(Status.IN_WORK, surname="Ёлкина", first_name="Алёна")
    assert numbers(staff_client.get("/admin/appeals/", {"q": query})) == [appeal.number]


@pytest.mark.parametrize("query", ["ivan_petrov", "IVAN_PETROV@", "100%"])
def test_search_takes_underscores_and_percent_signs_as_typed(staff_client, queue, query):
    appeal = appeal_in(Status.IN_WORK, email="ivan_petrov@example.ru", text="Тариф вырос на 100% за год.")
    appeal_in(Status.IN_WORK, email="ivanXpetrov@example.ru", text="Тариф вырос на 1000 рублей.")
    assert numbers(staff_client.get("/admin/appeals/", {"q": query})) == [appeal.number]


@pytest.mark.parametrize("query", ["елку", "ЁЛКУ", "Ёлку"])
def test_search_finds_a_word_of_the_text_with_yo_however_it_is_typed(staff_client, queue, query):
    appeal = appeal_in(Status.IN_WORK, text="Во дворе дома 3 уже месяц лежит старую ёлку никто не вывозит.")
    assert numbers(staff_client.get("/admin/appeals/", {"q": query})) == [appeal.number]


def test_search_by_number(staff_client, queue):
    number = queue["soon"].number
    assert numbers(staff_client.get("/admin/appeals/", {"q": number})) == [number]


def test_appeals_are_not_in_the_search_index(queue):
    from wagtail.search.index import class_is_indexed
    from wagtail.search.models import IndexEntry

    assert not class_is_indexed(Appeal)
    assert not IndexEntry.objects.filter(content_type__model="appeal").exists()


@pytest.mark.parametrize(
    ("ordering", "first"),
    [("surname", "new"), ("-surname", "soon"), ("-due_date", "new"), ("received_at", "new")],
)
def test_columns_sort(staff_client, queue, ordering, first):
    html_numbers = numbers(staff_client.get(f"/admin/appeals/?ordering={ordering}"))
    assert html_numbers[0] == queue[first].number


def test_sorting_by_applicant_follows_the_alphabet(staff_client, officer):
    """Found from outside: «Ёлкина» came before «Демидова» (code points put «Ё» before «А»)."""
    names = ["Жукова", "ёлкина", "Елисеев", "Ёлкин", "демидова", "Абрамов", "Ежов"]
    by_number = {appeal_in(Status.IN_WORK, executor=officer, surname=name).number: name for name in names}
    listed = [by_number[n] for n in numbers(staff_client.get("/admin/appeals/?ordering=surname")) if n in by_number]
    assert listed == ["Абрамов", "демидова", "Ежов", "Елисеев", "Ёлкин", "ёлкина", "Жукова"]
    listed = [by_number[n] for n in numbers(staff_client.get("/admin/appeals/?ordering=-surname")) if n in by_number]
    assert listed == ["Жукова", "ёлкина", "Ёлкин", "Елисеев", "Ежов", "демидова", "Абрамов"]


def test_listing_query_count_does_not_grow_with_rows(staff_client, officer, django_assert_max_num_queries):
    for _ in range(3):
        appeal_in(Status.IN_WORK, executor=officer)
    with django_assert_max_num_queries(30) as small:
        staff_client.get("/admin/appeals/")
    for _ in range(20):
        appeal_in(Status.IN_WORK, executor=officer)
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.get("/admin/appeals/")


def test_export_follows_the_filter_and_defuses_formulas(client, queue):
    exporter = make_user("exporter", APPEALS, perms=["appeals_form.export_personal_data"])
    client.force_login(exporter)
    Appeal.objects.filter(pk=queue["overdue"].pk).update(surname='=HYPERLINK("http://evil")')
    response = client.get("/admin/appeals/?overdue=1&export=csv")
    assert response["Content-Disposition"].startswith('attachment; filename="obrashcheniya-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["Регистрационный номер"] for row in rows] == [queue["overdue"].number]
    assert rows[0]["Заявитель"].startswith("'=HYPERLINK")


def test_dashboard_panel_counts_and_links(staff_client, queue, django_assert_max_num_queries):
    html = staff_client.get("/admin/").content.decode()
    panel = html[html.index('id="appeal-queue-panel"') :]

    def count(key):
        match = re.search(
            rf'data-appeal-count="{key}">\s*<a href="([^"]+)"><span class="appeal-panel__count">(\d+)', panel
        )
        return match.group(1).replace("&amp;", "&"), int(match.group(2))

    assert count("new") == ("/admin/appeals/?status=registered", 1)
    assert count("in_work") == ("/admin/appeals/?status=in_work", 2)
    assert count("due_soon") == ("/admin/appeals/?due_within=3", 1)
    assert count("overdue") == ("/admin/appeals/?overdue=1", 1)
    # Each link opens the listing filtered the same way.
    assert numbers(staff_client.get(count("overdue")[0])) == [queue["overdue"].number]
    assert numbers(staff_client.get(count("due_soon")[0])) == [queue["soon"].number]


def test_dashboard_panel_query_count_is_constant(staff_client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from appeals_form import selectors

    with CaptureQueriesContext(connection) as few:
        selectors.dashboard_counts(on=timezone.localdate())
    for _ in range(10):
        appeal_in(Status.IN_WORK, executor=officer)
    with CaptureQueriesContext(connection) as many:
        counts = selectors.dashboard_counts(on=timezone.localdate())
    assert len(few.captured_queries) == len(many.captured_queries) == 1
    assert counts.in_work == 10


def test_rows_show_local_time_extension_late_answer_and_escape_names(staff_client, officer):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    received = datetime(2026, 3, 2, 21, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 the next day in Moscow
    extended = appeal_in(Status.IN_WORK, executor=officer, surname="<b>Жирнова</b>", received_at=received)
    Appeal.objects.filter(pk=extended.pk).update(extended_at=timezone.now())
    late = appeal_in(Status.ANSWERED, surname="Поздняя", answered_late=True)
    html = staff_client.get("/admin/appeals/").content.decode()
    row = next(part for part in html.split("<tr>") if extended.number in part)
    assert '<time datetime="2026-03-03T00:30:00+03:00">03.03.2026 00:30</time>' in row
    assert "&lt;b&gt;Жирнова&lt;/b&gt;" in row and "<b>Жирнова" not in row
    assert '<span class="appeal-queue__muted">(продлён)</span>' in row
    assert '<span class="w-status w-status--primary">На рассмотрении</span>' in row
    late_row = next(part for part in html.split("<tr>") if late.number in part)
    assert 'appeal-tag--overdue">с нарушением срока</span>' in late_row
    assert '<span class="w-status">' in late_row
