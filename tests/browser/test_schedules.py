"""Schedules from a resident's browser: find an official, sign up (first with mistakes), cancel;
the events index and an event page. Every page is checked with axe-core (WCAG 2.1 A/AA), in the
standard version and in the version for the visually impaired, and photographed to
tests/output/screenshots/schedules-*.png.

The demo content is loaded by site_pages before Chromium starts; the test bodies keep away
from the ORM (the cancel link is read from django.core.mail.outbox: the live server runs in
this process with the locmem backend).
"""

import os
import re
from types import SimpleNamespace

import pytest
from django.core import mail

from tests.browser.helpers import (
    assert_no_sideways_scroll,
    check_page,
    covers_forms,
    format_violations,
    run_axe,
    save_screenshot,
    set_vision_cookie,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

EMAIL = "zhitel@example.ru"


@pytest.fixture
def sched_site(site_pages):
    from schedules.models import EventIndexPage, EventPage, ReceptionSchedulePage

    schedule = ReceptionSchedulePage.objects.live().get()
    index = EventIndexPage.objects.live().get()
    event = EventPage.objects.live().filter(kind="thematic").order_by("date").first()
    return SimpleNamespace(
        base=site_pages.base,
        schedule=site_pages.base + schedule.url,
        events=site_pages.base + index.url,
        event=site_pages.base + event.url,
    )


@pytest.fixture
def sched_page(sched_site, context):
    return context.new_page()


def _check(page, name: str) -> None:
    check_page(page, f"schedules-{name}")


def _no_sideways_scroll(page, name: str) -> None:
    assert_no_sideways_scroll(page, f"schedules-{name}")


def _cancel_link() -> str:
    for message in reversed(mail.outbox):
        if EMAIL in message.to:
            match = re.search(r"https?://\S+(/priem/otmena/\S+/)", message.body)
            if match:
                return match.group(1)
    raise AssertionError(f"no cancel link was e-mailed to {EMAIL}")


@covers_forms("schedules/includes/filter_form.html", "schedules/signup.html", "schedules/cancel.html")
def test_find_an_official_sign_up_and_cancel(sched_site, sched_page):
    page = sched_page
    mail.outbox = []

    page.goto(sched_site.schedule)
    assert page.get_by_text("каждый второй и четвёртый вторник месяца, с 15:00 до 18:00").is_visible()
    _check(page, "1-schedule")
    _no_sideways_scroll(page, "1-schedule")

    # Filter without JavaScript: a plain GET form.
    page.get_by_label("Направление").select_option("Экономика и финансы")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator(".search-count")).to_have_text("Найдено должностных лиц: 1")
    _check(page, "2-schedule-filtered")

    page.get_by_role("link", name="Морозова Елена Сергеевна", exact=True).click()
    expect(page.locator("h1")).to_have_text("Морозова Елена Сергеевна")
    _check(page, "3-official")

    page.get_by_role("link", name="Записаться на приём").first.click()
    expect(page.locator("h1")).to_have_text("Запись на приём")
    _check(page, "4-signup")

    # First with mistakes: the summary takes the focus, errors sit next to the fields.
    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.get_by_label("Электронная почта (обязательное поле)", exact=True).fill("petrova@gmail.com")
    page.get_by_role("button", name="Записаться").click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.locator("#choice_error").is_visible()
    assert ".ru" in page.locator("#id_email_error").inner_text()
    _check(page, "5-signup-errors")
    _no_sideways_scroll(page, "5-signup-errors")

    page.locator("input[name=choice]").first.check()
    page.get_by_label("Имя (обязательное поле)", exact=True).fill("Анна")
    page.get_by_label("Телефон (обязательное поле)", exact=True).fill("+7 916 123-45-67")
    page.get_by_label("Электронная почта (обязательное поле)", exact=True).fill(EMAIL)
    page.get_by_label("Вопрос, коротко (обязательное поле)", exact=True).fill("Ремонт крыши дома 5.")
    page.get_by_label(re.compile("Я согласен")).check()
    page.get_by_role("button", name="Записаться").click()
    expect(page.locator("h1")).to_have_text("Вы записаны на приём")
    assert EMAIL in page.locator("main").inner_text()
    _check(page, "6-done")

    page.goto(sched_site.base + _cancel_link())
    expect(page.locator("h1")).to_have_text("Отмена записи на приём")
    assert "вы записаны" in page.locator("main").inner_text()
    _check(page, "7-cancel")
    page.get_by_role("button", name="Отменить запись").click()
    expect(page.get_by_text("Запись отменена", exact=True)).to_be_visible()
    _check(page, "8-cancelled")


def test_a_reception_held_by_a_deputy_is_named_so_through_the_sign_up(sched_site, sched_page):
    """The demo's head is away with his first deputy holding his receptions: the slot, the page after
    signing up and the e-mails name her «вместо» him (they named the head before)."""
    page = sched_page
    mail.outbox = []
    host = "Первый заместитель главы администрации, Морозова Елена Сергеевна (вместо: Глава городского округа, "
    page.goto(sched_site.schedule + "sokolov/zapis/")
    day = page.locator("fieldset.sched-day", has_text="вместо:").first
    if not day.count():
        pytest.skip("no reception of the head falls within the demo's trip and the sign-up window today")
    assert f"Приём ведёт {host}" in day.locator("legend").inner_text()
    _check(page, "9-signup-deputy")
    day.locator("input[type=radio]").first.check()
    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.get_by_label("Имя (обязательное поле)", exact=True).fill("Анна")
    page.get_by_label("Телефон (обязательное поле)", exact=True).fill("+7 916 123-45-67")
    page.get_by_label("Электронная почта (обязательное поле)", exact=True).fill(EMAIL)
    page.get_by_label("Вопрос, коротко (обязательное поле)", exact=True).fill("Благоустройство двора.")
    page.get_by_label(re.compile("Я согласен")).check()
    page.get_by_role("button", name="Записаться").click()
    expect(page.locator("h1")).to_have_text("Вы записаны на приём")
    assert host in page.locator(".sched-summary").inner_text()
    _check(page, "10-done-deputy")
    (message,) = [m for m in mail.outbox if EMAIL in m.to]
    assert f"Кто принимает: {host}" in message.body

    page.goto(sched_site.base + _cancel_link())
    assert host in page.locator(".sched-summary").inner_text()
    page.get_by_role("button", name="Отменить запись").click()
    expect(page.get_by_text("Запись отменена", exact=True)).to_be_visible()
    cancelled = [m for m in mail.outbox if EMAIL in m.to and "по вашей просьбе" in m.subject]
    assert len(cancelled) == 1 and f"Кто принимает: {host}" in cancelled[0].body


@covers_forms("schedules/includes/filter_form.html")
def test_events_index_archive_navigation_and_event_page(sched_site, sched_page):
    page = sched_page
    page.goto(sched_site.events)
    assert page.get_by_role("heading", name="Предстоящие").is_visible()
    _check(page, "9-events")
    _no_sideways_scroll(page, "9-events")
    page.get_by_label("Вид").select_option("thematic")
    page.get_by_role("button", name="Показать").click()
    _check(page, "10-events-filtered")

    # The archive without JavaScript: a year, its months, a month, the months around it.
    archive = page.get_by_role("navigation", name="Архив мероприятий по годам")
    archive.get_by_role("link", name="2018", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile(r": 2018 год$"))
    _check(page, "10a-archive-year")
    page.get_by_role("link", name="Февраль 2018").click()
    expect(page.locator("h1")).to_have_text(re.compile(r": февраль 2018$"))
    expect(page.locator(".sched-event")).to_have_count(2)
    _check(page, "10b-archive-month")
    _no_sideways_scroll(page, "10b-archive-month")
    page.get_by_role("link", name="Март 2018 →").click()
    expect(page.locator("h1")).to_have_text(re.compile(r": март 2018$"))
    assert page.get_by_text("Тематический приём по вопросам дорожного хозяйства").is_visible()
    # The filter on a month's page keeps the month (the address stays bookmarkable).
    page.get_by_label("Вид").select_option("broadcast")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("h1")).to_have_text(re.compile(r": март 2018$"))
    assert page.url.endswith("/arhiv/2018/03/?kind=broadcast")
    assert page.get_by_text("В этом месяце мероприятий по выбранным условиям не было.").is_visible()
    _check(page, "10c-archive-month-filtered")
    page.get_by_role("link", name="Предстоящие мероприятия").click()
    expect(page.get_by_role("heading", name="Предстоящие")).to_be_visible()

    page.goto(sched_site.event)
    assert page.locator('script[type="application/ld+json"]').count() == 1
    _check(page, "11-event")


@pytest.mark.parametrize("vision", ["large.wb.off", "xlarge.blue.on"])
def test_vision_versions(sched_site, context, sched_page, vision):
    set_vision_cookie(context, sched_site.base, vision)
    for name, url in (
        ("schedule", sched_site.schedule),
        ("official", sched_site.schedule + "morozova/"),
        ("signup", sched_site.schedule + "morozova/zapis/"),
        ("events", sched_site.events),
        ("events-month", sched_site.events + "arhiv/2018/02/"),
        ("event", sched_site.event),
    ):
        sched_page.goto(url)
        violations = run_axe(sched_page)
        assert not violations, f"{name} ({vision}):\n{format_violations(violations)}"
    save_screenshot(sched_page, f"schedules-vision-{vision}")
