"""The editor's side: warnings about typed figures (never blocking), import through the edit form."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reports.demo import leninsky
from reports.models import ReportPage
from tests.reports.admin_helpers import category_value, comparison_value, edit_form_data, post_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "redaktor@example.ru", "parol-dlya-testa")
    client.force_login(user)
    return user


def latest_body(page):
    return ReportPage.objects.get(pk=page.pk).get_latest_revision_as_object().body


def warnings(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


def test_the_edit_page_lists_the_leninsky_slips(client, editor, make_report):
    report = make_report(body=leninsky.page()["body"], title=leninsky.page()["title"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()
    panel = html.split("data-report-discrepancies")[1].split("</div>")[0]
    assert "Расхождения: 6." in panel
    for label in leninsky.SLIP_LABELS:
        assert f"строка «{label}»: разница — указано" in panel
    assert (
        "Таблица «Обращения по темам», итоговая строка: изменение, % — указано −57\u00a0%, вычислено −43,0\u00a0%"
        in panel
    )


def test_a_typed_slip_warns_after_saving_but_does_not_block_publishing(client, editor, make_report):
    report = make_report(body=[])
    table = comparison_value(
        "Поступило от",
        [{"label": "Государственной Думы РФ", "current": 12, "previous": 20, "difference": -7}],
    )
    response = post_edit(client, report, edit_form_data(report, body=[("comparison_table", table)]), publish=True)
    assert response.status_code == 302
    [warning] = warnings(response)
    assert "Расхождения с исходным документом: 1" in warning
    assert "строка «Государственной Думы РФ»: разница — указано −7, вычислено −8" in warning
    live = ReportPage.objects.get(pk=report.pk)
    assert live.body[0].value["rows"][0]["difference"] == -7  # kept as typed
    assert "−8<span" in client.get(live.url).content.decode()  # the page shows the computed value


def test_no_warning_when_typed_figures_agree(client, editor, make_report):
    report = make_report(body=[])
    table = category_value("Каналы", [{"label": "А", "count": 2}, {"label": "Б", "count": 1}], typed_total=3)
    response = post_edit(client, report, edit_form_data(report, body=[("category_table", table)]))
    assert response.status_code == 302
    assert warnings(response) == []


def test_a_good_paste_in_the_edit_form_replaces_the_rows(client, editor, make_report):
    report = make_report(body=[])
    table = category_value(
        "Каналы",
        [{"label": "Старая строка", "count": 1}],
        paste="Категория\tКоличество\nПисьменные\t1528\nСайт\t1021\n",
    )
    response = post_edit(client, report, edit_form_data(report, body=[("category_table", table)]))
    assert response.status_code == 302
    value = latest_body(report)[0].value
    assert [(row["label"], row["count"]) for row in value["rows"]] == [("Письменные", 1528), ("Сайт", 1021)]
    assert value["paste"] == "" and value["slug"] == "kanaly"


def test_a_bad_paste_in_the_edit_form_shows_errors_and_saves_nothing(client, editor, make_report):
    report = make_report(body=[])
    good = category_value("Каналы", [{"label": "Старая строка", "count": 1}])
    assert post_edit(client, report, edit_form_data(report, body=[("category_table", good)])).status_code == 302
    revisions = report.revisions.count()

    bad = category_value("Каналы", [{"label": "Старая строка", "count": 1}], paste="Категория\tКоличество\nА\tмного\n")
    response = post_edit(client, report, edit_form_data(report, body=[("category_table", bad)]))
    assert response.status_code == 200
    error = response.context["form"].errors["body"].as_data()[0]
    paste_error = error.block_errors[0].block_errors["paste"]
    assert paste_error.messages[0].startswith("Строка 2, «Количество»: «много»")
    assert report.revisions.count() == revisions
    assert [row["label"] for row in latest_body(report)[0].value["rows"]] == ["Старая строка"]


def test_creating_a_report_with_a_slip_warns_too(client, editor, index):
    page = ReportPage(
        title="Отчёт за 1 полугодие 2021 года",
        slug="otchet-2021",
        organisation="Администрация",
        period_kind="half",
        period_year=2021,
        period_number=1,
        intro="",
    )
    table = category_value("Каналы", [{"label": "А", "count": 2}], typed_total=5)
    url = reverse("wagtailadmin_pages:add", args=["reports", "reportpage", index.pk])
    response = client.post(url, edit_form_data(page, body=[("category_table", table)]))
    assert response.status_code == 302
    [warning] = warnings(response)
    assert "итоговая строка: итог — указано 5, вычислено 2" in warning


def test_the_title_must_name_the_period_in_the_edit_form(client, editor, make_report):
    report = make_report(body=[])
    data = edit_form_data(report, body=[], title="Отчёт за 2 полугодие 2020 года")
    response = post_edit(client, report, data)
    assert response.status_code == 200
    assert "«1 полугодие 2020 года»" in response.context["form"].errors["title"][0]
