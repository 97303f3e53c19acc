"""Each staff role walks its day in Chromium, and the walk photographs the admin for «Справка».

- the editor imports a table into a new half-year report and submits it for
  approval; the head of the department approves it from the dashboard and it
  goes live;
- the officer assigns an appeal (the department pre-filled by the routing
  rule), redirects one, extends one, answers one; tells one applicant the
  address of an answer published on the site (59-ФЗ art. 11 p. 5.1), and
  returns a complaint that may not go to whom it complains about (art. 8 p. 6);
- the editor marks an official's vacation and sees the public schedule change.

The table pasted by the editor is the channels table of the Lyubertsy seed
report (1st half of 2018, /work/shared/seeds/000_3a8454c508e9820d.txt) as a
clerk copies it from Word: tab-separated, with the total row.
Fixtures put the data in the database before the browser starts; the test
bodies keep away from the ORM.
"""

import os
import re
import secrets
from datetime import timedelta
from types import SimpleNamespace

import pytest

from tests.browser.guide_shots import guide_shot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "staff-Day-2026-" + secrets.token_hex(4)
LYUBERTSY_CHANNELS = (
    "Категория\tКоличество\n"
    "Письменные обращения (лично и почтой)\t1528\n"
    "Официальный сайт администрации\t1021\n"
    "Электронная почта Главы\t1226\n"
    "Личные приёмы руководства\t208\n"
    "Прямые эфиры Главы\t222\n"
    "Электронная почта Губернатора\t409\n"
    "Из вышестоящих органов (МСЭД)\t1556\n"
    "Письменные обращения на встречах с жителями\t9\n"
    "Итого\t6179\n"
)


def _user(username, group, first_name, last_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.ru",
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def day(site_pages):
    from django.utils import timezone
    from wagtail.models import Page

    from appeals_form.factories import AppealFactory
    from appeals_form.models import Addressee, Appeal, Topic
    from home.demo.content import SLUG_REPORTS, SLUG_SCHEDULES
    from schedules.models import Official

    _user("editor.day", "Редакторы", "Эдуард", "Редакторов")
    _user("head.day", "Руководители отдела", "Галина", "Руководитель")
    _user("officer.day", "Отдел по работе с обращениями", "Ольга", "Исполнитель")
    now = timezone.now()
    topic = Topic.objects.get(title="Дороги, ямы, ремонт дорог")
    head_of_town = Addressee.objects.get(name="Глава городского округа")
    appeals = {
        key: AppealFactory(
            status=Appeal.Status.REGISTERED,
            topic=topic,
            addressee=head_of_town,
            registered_at=now - timedelta(days=1),
            surname=surname,
        )
        for key, surname in (
            ("assign", "Ямщикова"),
            ("redirect", "Переадресова"),
            ("extend", "Продлёнова"),
            ("published", "Опубликова"),
            ("complaint", "Жалобина"),
        )
    }
    Appeal.objects.filter(pk=appeals["complaint"].pk).update(kind=Appeal.Kind.COMPLAINT)
    official = Official.objects.get(slug="kuznetsov")
    schedule = Page.objects.get(slug=SLUG_SCHEDULES)
    reports = Page.objects.get(slug=SLUG_REPORTS)
    return SimpleNamespace(
        base=site_pages.base,
        reports_id=reports.pk,
        appeals={key: (appeal.pk, appeal.number) for key, appeal in appeals.items()},
        official_id=official.pk,
        official_url=site_pages.base + schedule.url + f"{official.slug}/",
        today=timezone.localdate(),
    )


@pytest.fixture
def tab(day, context):
    return context.new_page()


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#main")).to_be_visible()


def test_editor_imports_a_table_submits_and_the_head_approves(day, tab):
    page = tab
    log_in(page, day.base, "editor.day")
    page.goto(f"{day.base}/admin/pages/add/reports/reportpage/{day.reports_id}/")
    page.locator("#id_title").fill("Работа с обращениями граждан за 2 полугодие 2025 года")
    page.locator("#id_organisation").fill("Администрация городского округа Энск")
    page.locator("#id_period_year").fill("2025")
    page.locator("#id_period_number").fill("2")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Таблица по категориям").click()
    page.get_by_label("Заголовок таблицы").fill("Обращения по каналам поступления")
    toggle = page.locator("[id^=block_group-block_group-body-0-value][id$=-section] button.w-panel__toggle").first
    paste = page.get_by_label("Вставить таблицу")
    # The new block's panels get their controllers a moment after it appears; on a loaded machine a first
    # click can come before, and does nothing: click until the section says it is open.
    for _ in range(5):
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        if paste.is_visible():
            break
        page.wait_for_timeout(500)
    paste.fill(LYUBERTSY_CHANNELS)
    paste.scroll_into_view_if_needed()
    guide_shot(page, "report-import")
    page.get_by_role("tab", name="Продвижение").click()
    # The address is made from the title in Latin letters (a Cyrillic one became 440 characters encoded).
    slug = page.locator("#id_slug").input_value()
    assert slug.isascii() and slug.startswith("rabota-s-obrash") and slug.endswith("-2-polugodie-2025-goda"), slug
    page.locator("#id_slug").fill("ensk-2-polugodie-2025")
    page.get_by_role("tab", name="Содержимое").click()

    # The editor can only save a draft and submit it: no «Опубликовать».
    page.locator("footer .w-dropdown__toggle").click()
    expect(page.get_by_role("button", name="Опубликовать")).to_have_count(0)
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Сохранить черновик").click()
    # Wagtail 8 autosaves a new page every 500 ms of changes: on a slow machine it exists before the click.
    expect(page.locator(".messages")).to_contain_text(re.compile("создана|обновлена"))
    checks = page.locator("[data-report-discrepancies]").first
    expect(checks).to_contain_text("Расхождений нет")
    guide_shot(page, "report-checks")
    page.locator("footer .w-dropdown__toggle").click()
    submit = page.get_by_role("button", name="Отправить в «Согласование»")
    expect(submit).to_be_visible()
    guide_shot(page, "report-submit")
    submit.click()
    expect(page.locator(".messages")).to_contain_text("отправлена")
    page.goto(day.base + "/otchety/ensk-2-polugodie-2025/")
    assert "Обращения по каналам поступления" not in page.content()  # not live yet

    # The head approves it from the dashboard.
    log_in(page, day.base, "head.day")
    review = page.locator("section", has_text="В ожидании вашего отзыва").last
    expect(review).to_contain_text("2 полугодие 2025 года")
    guide_shot(page, "report-review")
    review.get_by_role("link", name="Работа с обращениями граждан за 2 полугодие 2025 года").first.click()
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button", has_text=re.compile(r"^\s*Одобрить и опубликовать\s*$")).click()
    expect(page.locator(".messages")).to_contain_text("обновлена")

    page.goto(day.base + "/otchety/ensk-2-polugodie-2025/")
    table = page.get_by_role("table", name="Обращения по каналам поступления")
    expect(table).to_be_visible()
    expect(table.locator("tfoot")).to_contain_text("6\u00a0179")


def test_officer_assigns_by_the_rule_redirects_extends_and_answers(day, tab):
    page = tab
    log_in(page, day.base, "officer.day")
    pk, number = day.appeals["assign"]

    # Assign: the department comes from the routing rule; another pick needs a confirmation.
    page.goto(f"{day.base}/admin/appeals/{pk}/assign/")
    department = page.get_by_label("Ответственное подразделение")
    expect(department.locator("option:checked")).to_have_text(
        "Управление строительства, дорожного хозяйства и благоустройства"
    )
    expect(page.locator("#appeal-queue-action")).to_contain_text("по правилу распределения")
    guide_shot(page, "queue-assign")
    department.select_option(label="Управление образования")
    page.get_by_role("button", name="Назначить").click()
    expect(page.locator("#appeal-form-errors")).to_contain_text("Выбор отличается от правила распределения")
    department.select_option(label="Управление строительства, дорожного хозяйства и благоустройства")
    page.get_by_role("button", name="Назначить").click()
    detail = page.locator("#appeal-queue-detail")
    expect(detail).to_contain_text("по правилу распределения")
    guide_shot(page, "queue-detail")

    # Redirect within 7 days.
    pk, number = day.appeals["redirect"]
    page.goto(f"{day.base}/admin/appeals/{pk}/redirect/")
    page.get_by_label("Орган, в который направляется обращение").fill(
        "Министерство транспорта и дорожной инфраструктуры Московской области"
    )
    page.get_by_role("button", name="Направить по компетенции").click()
    expect(page.locator("#appeal-queue-detail")).to_contain_text("Направлено по компетенции")

    # Extend once, then answer.
    pk, number = day.appeals["extend"]
    page.goto(f"{day.base}/admin/appeals/{pk}/assign/")
    page.get_by_role("button", name="Назначить").click()
    page.goto(f"{day.base}/admin/appeals/{pk}/extend/")
    page.get_by_label("Основание продления").fill("Направлен запрос в дорожную службу")
    page.get_by_role("button", name="Продлить срок").click()
    expect(page.locator(".messages")).to_contain_text("продлён до")
    page.goto(f"{day.base}/admin/appeals/{pk}/answer/")
    page.get_by_label("Разъяснено").check()
    page.get_by_label("Текст ответа").fill("Ремонт дороги включён в план на май.")
    page.get_by_role("button", name="Записать ответ").click()
    expect(page.locator("#appeal-queue-detail")).to_contain_text("Дан ответ")


def test_officer_tells_a_published_answer_and_returns_a_complaint(day, tab):
    """59-ФЗ art. 11 part 5.1 and art. 8 part 6, as the officer works them; axe finds nothing on either screen."""

    from tests.browser.helpers import run_axe

    page = tab
    log_in(page, day.base, "officer.day")
    pk, number = day.appeals["published"]
    page.goto(f"{day.base}/admin/appeals/{pk}/")
    page.get_by_role("link", name="Сообщить адрес опубликованного ответа").click()
    assert run_axe(page) == []
    # Wagtail's page chooser opens in the section of published answers and lists them; a click chooses one.
    title = "Сроки рассмотрения обращения и их продление"
    page.get_by_role("button", name="Выберите страницу").click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_contain_text("Ответы на вопросы из обращений")
    modal.locator("a.choose-page", has_text=title).first.click()
    expect(page.locator("#id_page-chooser")).to_contain_text(title)
    page.get_by_role("button", name="Сообщить адрес заявителю").click()
    expect(page.locator(".messages")).to_contain_text("Дан ответ автору")
    expect(page.locator("#appeal-queue-detail")).to_contain_text("Ответ опубликован")

    pk, number = day.appeals["complaint"]
    housing = "Управление жилищно-коммунального хозяйства"
    page.goto(f"{day.base}/admin/appeals/{pk}/")
    page.get_by_role("link", name="Указать, на кого жалоба").click()
    page.locator("input[name=name]").fill(housing)
    page.get_by_role("button", name="Сохранить").click()
    page.goto(f"{day.base}/admin/appeals/{pk}/redirect/")
    page.get_by_label("Орган, в который направляется обращение").fill(housing.lower())
    page.get_by_role("button", name="Направить по компетенции").click()
    expect(page.locator("#appeal-form-errors")).to_contain_text("ч. 6 ст. 8")
    assert run_axe(page) == []
    page.goto(f"{day.base}/admin/appeals/{pk}/no-answer/")
    page.locator("input[name=reason][value=complaint_returned]").check()
    page.get_by_role("button", name="Оставить без ответа").click()
    expect(page.locator("#appeal-queue-detail")).to_contain_text("возвращена с разъяснением права")


def test_editor_marks_a_vacation_and_the_public_schedule_changes(day, tab):
    page = tab
    start, end = day.today + timedelta(days=1), day.today + timedelta(days=20)
    page.goto(day.official_url)
    expect(page.locator("main")).not_to_contain_text("отпуск")

    log_in(page, day.base, "editor.day")
    page.goto(f"{day.base}/admin/snippets/schedules/official/edit/{day.official_id}/")
    page.get_by_role("button", name="Добавить Период отсутствия").click()
    page.locator("#id_absences-0-date_from").fill(start.strftime("%d.%m.%Y"))
    page.locator("#id_absences-0-date_to").fill(end.strftime("%d.%m.%Y"))
    page.locator("#id_absences-0-note").fill("Вопросы ЖКХ принимает отдел по телефону.")
    page.add_style_tag(content=".xdsoft_datetimepicker { display: none !important; }")  # the open date picker
    page.locator("#id_absences-0-kind").evaluate("e => e.scrollIntoView({block: 'center'})")
    guide_shot(page, "official-absence")
    page.get_by_role("button", name="Сохранить").first.click()
    expect(page.locator(".messages")).to_contain_text("обновлен")

    page.goto(day.official_url)
    main = page.locator("main")
    expect(main).to_contain_text(f"С {start:%d.%m.%Y}: отпуск по {end:%d.%m.%Y}; приёмы в эти дни отменены.")
    expect(main).to_contain_text(f"Приёма нет: отпуск с {start:%d.%m.%Y} по {end:%d.%m.%Y}")
    page.locator(".sched-note").first.evaluate("e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -80); }")
    guide_shot(page, "schedule-public")
