"""The online appeal from a resident's browser: identify by an e-mail code, fill
the form (first with mistakes), attach a PDF, check, send, open the status page.

Every step is checked with axe-core (WCAG 2.1 A/AA) and photographed to
tests/output/screenshots/appeal-*.png. The live server runs in this process
with the locmem e-mail backend, so the code is read from django.core.mail.outbox.
Fixtures of tests/browser/conftest.py (site_pages, context) start Chromium
after the data is in the database; the test body keeps away from the ORM.
"""

import os
import re
from types import SimpleNamespace

import pytest
from django.core import mail

from home.textformat import plural
from tests.browser.helpers import assert_no_sideways_scroll, check_page, covers_forms, set_vision_cookie

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# As long as real addresses get: it must break on a phone's screen, not widen the page.
EMAIL = "aleksandra.konstantinopolskaya-rimskaya@example.ru"
# Markup, and a resident's usual length with what URL-encoding escapes (%, +, &, =, a backslash): «Продолжить»
# without a file goes URL-encoded, and the server decodes it (home.querystring) to exactly what was typed.
SPECIAL_SENTENCE = "Пени 100% + штраф & долг = 2 500 руб., акт в папке C:\\акты\\2026. "
SCRIPT_TEXT = "Во дворе дома 5 не горят фонари. <script>alert(1)</script> " + SPECIAL_SENTENCE * 20


@pytest.fixture
def appeal_site(site_pages):
    """The form page, an addressee and a topic (from the demo content when it has them)."""
    from appeals_form.factories import AddresseeFactory, AppealFormPageFactory, TopicFactory
    from appeals_form.models import Addressee, AppealFormPage, Topic

    form_page = AppealFormPage.objects.live().first()
    if form_page is None:
        form_page = AppealFormPageFactory(parent=site_pages.home_page)
    addressee = Addressee.objects.active().first() or AddresseeFactory(name="Управление ЖКХ")
    topic = Topic.objects.active().first() or TopicFactory(title="Освещение дворов")
    return SimpleNamespace(
        url=site_pages.base + form_page.url,
        base=site_pages.base,
        addressee=addressee.name,
        topic=topic.title,
    )


@pytest.fixture
def appeal_page(appeal_site, context):
    """A browser tab, opened only after appeal_site is in the database."""
    return context.new_page()


def _check(page, name: str) -> None:
    check_page(page, f"appeal-{name}")


def _code_for(email: str) -> str:
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(r"\b(\d{6})\b", message.body)
            if match:
                return match.group(1)
    raise AssertionError(f"no code was e-mailed to {email}")


def _identify(page, appeal_site) -> None:
    page.goto(appeal_site.url)
    page.get_by_role("link", name="Пройти идентификацию").click()
    page.get_by_label("Адрес электронной почты для ответа").fill(EMAIL)
    page.get_by_role("button", name="Получить код").click()
    page.get_by_label("Код из письма").fill(_code_for(EMAIL))
    page.get_by_role("button", name="Подтвердить").click()
    page.wait_for_url(re.compile(re.escape(appeal_site.url)))


@covers_forms(
    "identity/start.html",
    "identity/code.html",
    "appeals_form/appeal_form_page.html",
    "appeals_form/appeal_form_page_preview.html",
)
def test_resident_identifies_fills_checks_sends_and_sees_the_status(appeal_site, appeal_page):
    page = appeal_page
    mail.outbox = []

    # Without identification: why and how.
    page.goto(appeal_site.url)
    assert page.get_by_role("link", name="Пройти идентификацию").is_visible()
    _check(page, "1-identify-explanation")

    # Identification by an e-mail code; back to the form afterwards.
    page.get_by_role("link", name="Пройти идентификацию").click()
    _check(page, "2-identification")
    page.get_by_label("Адрес электронной почты для ответа").fill(EMAIL)
    page.get_by_role("button", name="Получить код").click()
    page.get_by_label("Код из письма").fill(_code_for(EMAIL))
    page.get_by_role("button", name="Подтвердить").click()
    page.wait_for_url(re.compile(re.escape(appeal_site.url)))

    assert page.locator("#id_email").input_value() == EMAIL
    assert page.locator("#id_email").get_attribute("readonly") is not None
    _check(page, "3-form")
    # How each «Продолжить» is sent: multipart with a file chosen, URL-encoded without one (appeal-form.js).
    encodings = []
    page.on(
        "request",
        lambda request: (
            request.method == "POST"
            and request.url.startswith(appeal_site.url)
            and encodings.append((request.headers.get("content-type") or "").split(";")[0])
        ),
    )

    # First attempt with mistakes: errors at the top and next to the fields; the file is kept.
    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.get_by_label("Текст обращения (обязательное поле)", exact=True).fill("   ")
    page.set_input_files(
        "#id_attachments", files=[{"name": "акт.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert "Укажите имя." in page.locator("#id_first_name_error").inner_text()
    assert "Напишите текст обращения." in page.locator("#id_text_error").inner_text()
    assert page.locator("#id_text").get_attribute("aria-invalid") == "true"
    assert "акт.pdf" in page.locator(".files").inner_text()
    assert page.locator("#id_surname").input_value() == "Петрова"
    assert encodings == ["multipart/form-data"]
    _check(page, "4-form-with-errors")

    # On a phone: no sideways scrolling, nothing cut off (the long address included).
    assert_no_sideways_scroll(page, "appeal-4-form-with-errors")

    # The error summary links move to the fields.
    summary.get_by_role("link", name=re.compile("Имя")).click()
    expect(page.locator("#id_first_name")).to_be_focused()

    # Fill it in properly; the counter counts as one types.
    page.get_by_label("Имя (обязательное поле)", exact=True).fill("Анна")
    page.get_by_label("Отчество", exact=True).fill("Сергеевна")
    page.get_by_label("Телефон", exact=True).fill("8 900 000-11-22")
    page.get_by_label("Кому адресовано обращение (обязательное поле)", exact=True).select_option(
        label=appeal_site.addressee
    )
    page.get_by_label("Тема обращения (обязательное поле)", exact=True).select_option(label=appeal_site.topic)
    page.get_by_label(re.compile("^Заявление")).check()
    page.get_by_label("Текст обращения (обязательное поле)", exact=True).fill(SCRIPT_TEXT)
    left = 4000 - len(SCRIPT_TEXT)
    counter = f"Осталось {left} {plural(left, 'знак', 'знака', 'знаков')} из 4000."
    assert page.locator("[data-char-count-message]").inner_text() == counter
    assert page.locator("[data-co-author-row]").count() == 0, "co-authors only on demand"
    page.get_by_role("button", name="Добавить соавтора").click()
    assert page.locator("[data-co-author-row]").count() == 1
    expect(page.locator("#id_coauthor-0-name")).to_be_focused()
    page.locator("#id_coauthor-0-name").fill("Соседов Иван Петрович")
    page.locator("#id_coauthor-0-email").fill("sosedov@example.ru")
    page.get_by_label("Почтовый адрес соавтора", exact=True).fill("140000, г. Энск, ул. Лесная, д. 2")
    page.get_by_label(re.compile("^Я даю согласие")).check()
    page.get_by_role("button", name="Продолжить", exact=True).last.click()

    # Step 2: the appeal as it will be registered, as the answer to «Продолжить» (the script asked for it: no
    # redirect), at its own address in the history: a reload makes a GET of that address, never a POST.
    page.get_by_role("heading", level=1, name="Проверьте обращение перед отправкой").wait_for()
    page.wait_for_url(re.compile(r"\?step=preview&draft=[0-9a-f-]{36}$"))
    preview_url = page.url
    answered = page.locator("main").inner_text()
    posts = len(encodings)
    page.reload()
    page.get_by_role("heading", level=1, name="Проверьте обращение перед отправкой").wait_for()
    assert len(encodings) == posts, "the reload sent the form again"
    body = page.locator("main").inner_text()
    assert body == answered, "the page answering «Продолжить» is the page its address shows"
    for expected in (
        "Петрова Анна Сергеевна",
        EMAIL,
        appeal_site.addressee,
        appeal_site.topic,
        "Заявление",
        "Соседов Иван Петрович, sosedov@example.ru",
        "Почтовый адрес: 140000, г. Энск, ул. Лесная, д. 2",
        "акт.pdf",
        "<script>alert(1)</script>",
        (SPECIAL_SENTENCE * 20).strip(),
    ):
        assert expected in body, expected
    # No file chosen this time: URL-encoded, and the file kept from the first attempt is still there.
    assert encodings == ["multipart/form-data", "application/x-www-form-urlencoded"]
    _check(page, "5-preview")
    assert_no_sideways_scroll(page, "appeal-5-preview")

    # The browser's Back from the check step: the form with what was fixed, then forward again. The page
    # with the errors answered a POST: Back to it was Chromium's ERR_CACHE_MISS («Подтвердите повторную
    # отправку формы»), and sending it again brought the old mistakes back.
    page.go_back()
    page.go_back()  # past the error summary's link to «Имя»
    assert page.locator("#id_first_name").input_value() == "Анна"
    assert page.locator("#id_coauthor-0-name").input_value() == "Соседов Иван Петрович"
    assert "акт.pdf" in page.locator(".files").inner_text()
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    page.get_by_role("heading", level=1, name="Проверьте обращение перед отправкой").wait_for()

    # Send: the registration number and the private status page.
    page.get_by_role("button", name="Отправить").click()
    page.wait_for_url(re.compile(r"/appeals/status/[^/]+/\?new=1$"))
    answered = page.locator("main").inner_text()
    number = re.search(r"ОГ-\d{4}-\d{6}", answered)
    assert number, "the registration number is shown"
    posts = len(encodings)
    page.reload()
    # The page answering «Отправить» is the page its address shows (its addressee was empty).
    assert page.locator("main").inner_text() == answered
    assert len(encodings) == posts, "the reload sent «Отправить» again"
    _check(page, "6-status-new")

    status_url = page.url.split("?", 1)[0]
    page.goto(status_url)
    assert number.group(0) in page.locator("main").inner_text()
    _check(page, "7-status")
    # On a phone the number stays on one line, to be read out or copied (it split at «ОГ-2026-|000010»), with its
    # «№» (the heading broke between «№» and the number).
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.locator("h1 .appeal-number").evaluate("el => el.getClientRects().length") == 1
    assert page.locator("h1 .appeal-number").inner_text().startswith("№")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Back to the check step of the sent appeal: its status, not a second appeal.
    page.goto(preview_url)
    page.wait_for_url(re.compile(r"/appeals/status/"))
    assert number.group(0) in page.locator("main").inner_text()


def test_a_long_address_breaks_on_a_phone_in_the_large_text(appeal_site, appeal_page, context):
    """The confirmed address shown above the form breaks onto lines instead of widening the page
    (it ran 54 px past a 375 px screen in the large text of the version for the visually impaired)."""
    page = appeal_page
    mail.outbox = []
    set_vision_cookie(context, appeal_site.base, "large.wb.on")
    _identify(page, appeal_site)
    assert EMAIL in page.locator(".identity-box").inner_text()
    assert_no_sideways_scroll(page, "appeal-long-address-large")


def test_what_a_resident_typed_is_not_lost_by_leaving_the_form(appeal_site, appeal_page):
    """Found from outside: a link away from the form dropped what was typed, without a word;
    the counter took an emoji for two characters (the server counts one)."""
    page = appeal_page
    mail.outbox = []
    _identify(page, appeal_site)
    text = page.get_by_label("Текст обращения (обязательное поле)", exact=True)
    text.fill("😀" * 10 + "Фонари")
    assert page.locator("[data-char-count-message]").inner_text() == "Осталось 3984 знака из 4000."

    # A link away asks first; staying keeps the text.
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.locator(".site-footer").get_by_role("link", name="Поиск по сайту").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert text.input_value() == "😀" * 10 + "Фонари"

    # Sent with mistakes, then away (the dialog accepted) and back by the menu: all there.
    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.remove_listener("dialog", answer)
    page.goto(appeal_site.base + "/")
    page.goto(appeal_site.url)
    assert page.locator("#id_surname").input_value() == "Петрова"
    assert page.get_by_label("Текст обращения (обязательное поле)", exact=True).input_value() == "😀" * 10 + "Фонари"
    expect(page.get_by_role("status").filter(has_text="Мы сохранили")).to_be_visible()
    _check(page, "resumed-draft")


def test_a_refused_security_check_sends_the_resident_back_to_what_was_typed(appeal_site, appeal_page, context):
    """The form's security cookie gone (cookies cleared, a long pause): «Форма не отправлена».
    Its way back must work in a real browser: «Вернуться к форме» (or «Назад») brings the form back
    with everything typed, and sending again goes through (the old advice, «обновите страницу», lost
    the text, and the page had no way back to the form at all)."""
    page = appeal_page
    mail.outbox = []
    _identify(page, appeal_site)
    text = "Во дворе дома 7 по улице Ёлочной третий месяц не вывозят мусор. " * 10
    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.get_by_label("Текст обращения (обязательное поле)", exact=True).fill(text)
    kept = [cookie for cookie in context.cookies() if cookie["name"] != "csrftoken"]
    context.clear_cookies()
    context.add_cookies(kept)

    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    expect(page.get_by_role("heading", level=1, name="Форма не отправлена")).to_be_visible()
    assert "кнопку «Назад»" in page.locator("main").inner_text()
    _check(page, "csrf-refused")

    page.get_by_role("link", name="Вернуться к форме").click()
    field = page.get_by_label("Текст обращения (обязательное поле)", exact=True)
    expect(field).to_have_value(text)
    assert page.locator("#id_surname").input_value() == "Петрова"
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    # Accepted this time: the form answers with what is still missing, the text kept.
    expect(page.locator("#error-summary")).to_be_focused()
    assert field.input_value() == text
