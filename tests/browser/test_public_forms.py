"""Every public form is submitted in a real browser (issue 12).

The status lookup was refused with 403 in every real browser (its page was
sent with ``Referrer-Policy: no-referrer``, so Chromium posted ``Origin: null``)
while the suite was green: no test submitted it the way a browser does.

``test_every_public_form_has_a_browser_test`` finds every <form> of the public
templates (and the vision toggle, a row of links doing a form's job) and fails
when no browser test declares it with ``helpers.covers_forms``. The browser
tests here submit the forms not covered elsewhere; each checks what Chromium
really sent (Origin) and what the resident sees.
"""

import importlib
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail

from tests.browser.helpers import (
    DESKTOP,
    MOBILE,
    ROOT,
    check_page,
    covers_forms,
    format_violations,
    run_axe,
    save_screenshot,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
expect = pytest.importorskip("playwright.sync_api").expect

TEMPLATES = ROOT / "templates"
# Staff screens (Wagtail admin) are not public; their templates live in admin/ folders.
STAFF_TEMPLATE_PARTS = {"admin", "wagtailadmin"}
FORM_RE = re.compile(r"<form\b", re.I)
# The vision toggle is a set of links (GET, works without JavaScript) that does a form's job.
TOGGLE_RE = re.compile(r"{%\s*vision_url\b")


def public_form_templates() -> set[str]:
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES)
        if STAFF_TEMPLATE_PARTS.intersection(relative.parts[:-1]):
            continue
        text = path.read_text(encoding="utf-8")
        if FORM_RE.search(text) or TOGGLE_RE.search(text):
            found.add(relative.as_posix())
    return found


def declared_browser_coverage() -> dict[str, list[str]]:
    covered: dict[str, list[str]] = {}
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        module = importlib.import_module(f"tests.browser.{path.stem}")
        for name, obj in vars(module).items():
            for template in getattr(obj, "covers_forms", ()):
                covered.setdefault(template, []).append(f"{path.stem}.{name}")
    return covered


def test_every_public_form_has_a_browser_test():
    forms = public_form_templates()
    assert {"appeals_form/status_lookup.html", "schedules/signup.html", "identity/start.html"} <= forms
    covered = declared_browser_coverage()
    missing = sorted(forms - covered.keys())
    assert not missing, f"public forms without a browser test (declare with helpers.covers_forms): {missing}"
    stale = sorted(covered.keys() - forms)
    assert not stale, f"covers_forms names templates without a form: {stale}"


# -- the forms not submitted by other browser tests ---------------------------------------------------------------

APPEAL_EMAIL = "zhitel@example.ru"


@pytest.fixture
def appeal_site(site_pages):
    from appeals_form.factories import AddresseeFactory, AppealFactory, AppealFormPageFactory, TopicFactory
    from appeals_form.models import Addressee, AppealFormPage, Topic

    form_page = AppealFormPage.objects.live().first() or AppealFormPageFactory(parent=site_pages.home_page)
    addressee = Addressee.objects.active().first() or AddresseeFactory(name="Управление ЖКХ")
    topic = Topic.objects.active().first() or TopicFactory(title="Освещение дворов")
    appeal = AppealFactory(email=APPEAL_EMAIL)
    return SimpleNamespace(
        base=site_pages.base,
        form=site_pages.base + form_page.url,
        lookup=site_pages.base + "/appeals/status/",
        number=appeal.number,
        token=appeal.status_token,
        addressee=addressee.name,
        topic=topic.title,
    )


@pytest.fixture
def tab(appeal_site, context):
    return context.new_page()


def _posts(page) -> list[dict]:
    """Record the headers of every POST the page makes (what Chromium really sends)."""
    sent = []
    page.on("request", lambda request: sent.append(request.headers) if request.method == "POST" else None)
    return sent


def _assert_same_origin_posts(sent, base: str) -> None:
    assert sent, "the form was posted"
    for headers in sent:
        assert headers.get("origin") == base, f"Chromium sent Origin {headers.get('origin')!r}"


def _status_link() -> str:
    for message in reversed(mail.outbox):
        if APPEAL_EMAIL in message.to:
            match = re.search(r"https?://\S+?(/appeals/status/[^/\s]+/)", message.body)
            if match:
                return match.group(1)
    raise AssertionError("no status link was e-mailed")


@pytest.mark.browser
@covers_forms("appeals_form/status_lookup.html")
def test_status_lookup_from_the_footer_sends_the_link(appeal_site, tab):
    page = tab
    mail.outbox = []
    sent = _posts(page)
    page.goto(appeal_site.base + "/")
    page.get_by_role("link", name="Узнать статус обращения").first.click()
    page.wait_for_url(re.compile("/appeals/status/$"))

    # The rule for Cyrillic before «@»: the reason in Russian, what was typed kept.
    page.get_by_label(re.compile("^Регистрационный номер")).fill(appeal_site.number)
    page.get_by_label(re.compile("^Адрес электронной почты")).fill("пример@почта.рф")
    page.get_by_role("button", name="Отправить ссылку").click()
    assert "латинскими буквами" in page.locator("#id_email_error").inner_text()
    assert page.locator("#id_email").input_value() == "пример@почта.рф"
    assert page.locator("#id_number").input_value() == appeal_site.number

    page.get_by_label(re.compile("^Адрес электронной почты")).fill(APPEAL_EMAIL.upper())
    page.get_by_role("button", name="Отправить ссылку").click()
    page.wait_for_url(re.compile(r"\?sent=1$"))
    assert "Запрос принят" in page.locator("main").inner_text()
    _assert_same_origin_posts(sent, appeal_site.base)
    check_page(page, "status-lookup-sent")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "status-lookup-sent-375")
    page.set_viewport_size(DESKTOP)

    # The link from the letter opens the status page.
    page.goto(appeal_site.base + _status_link())
    assert appeal_site.number in page.locator("h1").inner_text()

    # The "registered" box (shown after sending) has no empty band above its title.
    page.goto(appeal_site.base + _status_link() + "?new=1")
    box = page.locator(".appeal-status .callout").bounding_box()
    title = page.locator(".appeal-status .callout h2").bounding_box()
    assert title["y"] - box["y"] <= 24, f"{title['y'] - box['y']:.0f} px above the title"
    page.goto(appeal_site.base + _status_link())
    check_page(page, "status-lookup-result")
    page.set_viewport_size(MOBILE)
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    save_screenshot(page, "status-lookup-result-375")


def _identify(page, site) -> None:
    page.goto(site.form)
    page.get_by_role("link", name="Пройти идентификацию").click()
    page.get_by_label("Адрес электронной почты для ответа").fill(APPEAL_EMAIL)
    page.get_by_role("button", name="Получить код").click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Код из письма").fill(code)
    page.get_by_role("button", name="Подтвердить").click()
    page.wait_for_url(re.compile(re.escape(site.form)))


@pytest.mark.browser
@covers_forms("appeals_form/includes/identity_box.html")
def test_a_3_mb_text_is_refused_in_russian_on_the_form_and_nothing_is_lost(appeal_site, browser):
    """Issue 12, items 4 and 7, without JavaScript: co-authors added by the server, a huge text kept."""
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    sent = _posts(page)
    mail.outbox = []
    _identify(page, appeal_site)

    # The form starts near the top: no co-author rows, the intro folded.
    assert page.locator("[data-co-author-row]").count() == 0
    save_screenshot(page, "appeal-form-start")
    first_field = page.locator("#id_surname").bounding_box()
    assert first_field["y"] + first_field["height"] < DESKTOP["height"], "the first field is on the first screen"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4_800, f"the empty form is {height} px tall (was 5,700 with the intro and three co-author rows)"

    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.get_by_label("Телефон", exact=True).fill("89035551742")
    # Without JavaScript the button is a POST and a redirect: the click returns once the new page is
    # committed, not loaded, so a bare count() read a half-parsed page on a loaded CI (0 rows).
    with page.expect_navigation():
        page.get_by_role("button", name="Добавить соавтора").click()
    expect(page.locator("[data-co-author-row]")).to_have_count(1)
    assert page.locator("#id_surname").input_value() == "Петрова"
    page.locator("#id_coauthor-0-name").fill("Соседов Иван Петрович")
    page.locator("#id_coauthor-0-email").fill("сосед@почта.рф")

    huge = "Во дворе не горят фонари. " * 120_000  # 3.1 million characters
    page.locator("#id_text").fill(huge)
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    page.locator("#error-summary").wait_for()

    assert "Bad Request" not in page.content()
    assert "не должен быть длиннее 4000 знаков" in page.locator("#id_text_error").inner_text()
    assert "латинскими буквами" in page.locator("#id_coauthor-0-email_error").inner_text()
    assert page.locator("#id_text").input_value() == huge, "the text is still there"
    assert page.locator("#id_coauthor-0-name").input_value() == "Соседов Иван Петрович"
    assert page.locator("#id_phone").input_value() == "89035551742"
    assert "Не более 4000 знаков." in page.locator("#id_text_helptext").inner_text(), "the limit is stated"
    _assert_same_origin_posts(sent, appeal_site.base)

    # Leaving: the logout button of the identity box.
    page.get_by_role("button", name=re.compile("^Выйти")).first.click()
    page.get_by_role("link", name="Пройти идентификацию").wait_for()
    _assert_same_origin_posts(sent, appeal_site.base)
    context.close()


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), "#0b4f8a").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.browser
def test_without_javascript_reload_and_back_to_the_form_with_errors_never_post_again(appeal_site, browser):
    """Found from outside: without JavaScript, reload or Back to the form shown with its errors was Chromium's
    «Подтвердите повторную отправку формы» (ERR_CACHE_MISS). The form's POST ends in a redirect to the draft's
    address: both open it (a GET), with the errors, what was typed and the files accepted (a PNG photo
    renamed «.jpg» among them, kept as what it is)."""
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    mail.outbox = []
    _identify(page, appeal_site)
    page.get_by_label("Фамилия (обязательное поле)", exact=True).fill("Петрова")
    page.locator("#id_text").fill("Во дворе не горят фонари.")
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    page.set_input_files(
        "#id_attachments",
        files=[
            {"name": "акт.pdf", "mimeType": "application/pdf", "buffer": pdf},
            {"name": "двор.jpg", "mimeType": "image/jpeg", "buffer": _png()},
        ],
    )
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    page.locator("#error-summary").wait_for()
    assert "draft=" in page.url
    for reopen in (page.reload, lambda: (page.goto(appeal_site.base + "/"), page.go_back())[1]):
        response = reopen()
        assert response.request.method == "GET" and response.status == 200
        assert "Укажите имя." in page.locator("#id_first_name_error").inner_text()
        assert page.locator("#id_text").input_value() == "Во дворе не горят фонари."
        assert page.locator(".files__name").all_inner_texts() == ["акт.pdf", "двор.png"]

    page.get_by_label("Имя (обязательное поле)", exact=True).fill("Анна")
    page.get_by_label("Кому адресовано обращение (обязательное поле)", exact=True).select_option(
        label=appeal_site.addressee
    )
    page.get_by_label("Тема обращения (обязательное поле)", exact=True).select_option(label=appeal_site.topic)
    page.get_by_label(re.compile("^Заявление")).check()
    page.get_by_label(re.compile("^Я даю согласие")).check()
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    page.get_by_role("heading", level=1, name="Проверьте обращение перед отправкой").wait_for()
    response = page.go_back()
    assert response.request.method == "GET" and response.status == 200
    assert page.locator("#id_first_name").input_value() == "Анна"
    assert page.locator("#error-summary").count() == 0
    context.close()


@pytest.mark.browser
def test_without_javascript_a_wrong_code_reloaded_and_gone_back_to_never_posts_again(appeal_site, browser):
    """Found from outside: without JavaScript the identification steps answered a wrong address or code in
    place, so reload or Back was Chromium's «Подтвердите повторную отправку формы» (ERR_CACHE_MISS). Each
    POST ends in a redirect (home.posted): the error and the address typed come back on a GET; the code never."""
    context = browser.new_context(viewport=DESKTOP, locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    answered = []
    page.on("response", lambda r: answered.append((r.request.method, r.status)) if r.request.method == "POST" else None)
    mail.outbox = []
    page.goto(appeal_site.form)
    page.get_by_role("link", name="Пройти идентификацию").click()
    page.get_by_label("Адрес электронной почты для ответа").fill("zhitel@example,ru")
    page.get_by_role("button", name="Получить код").click()
    assert "запятая вместо точки" in page.locator("#id_email-error-1").inner_text()
    response = page.reload()
    assert response.request.method == "GET" and response.status == 200
    assert page.get_by_label("Адрес электронной почты для ответа").input_value() == "zhitel@example,ru"

    page.get_by_label("Адрес электронной почты для ответа").fill(APPEAL_EMAIL)
    page.get_by_role("button", name="Получить код").click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Код из письма").fill("000000" if code != "000000" else "999999")
    page.get_by_role("button", name="Подтвердить").click()
    # The answer first, as the resident sees it (a reload while the POST's redirect was still loading
    # detached the page under a loaded CI: «Not attached to an active page»).
    page.locator("#id_code-error-1").wait_for()
    page.wait_for_load_state()
    for reopen in (page.reload, lambda: (page.goto(appeal_site.base + "/"), page.go_back())[1]):
        response = reopen()
        assert response.request.method == "GET" and response.status == 200
        assert "Неверный код. Осталось 4 попытки." in page.locator("#id_code-error-1").inner_text()
        assert page.get_by_label("Код из письма").input_value() == ""  # a secret is never shown again
        assert page.get_by_label("Код из письма").get_attribute("aria-describedby") == "id_code-hint id_code-error-1"
    save_screenshot(page, "identity-wrong-code-nojs")
    response = page.go_back()  # the code page before the mistake: a GET too
    assert response.request.method == "GET" and response.status == 200
    page.go_forward()
    page.get_by_label("Код из письма").fill(code)
    page.get_by_role("button", name="Подтвердить").click()
    page.wait_for_url(re.compile(re.escape(appeal_site.form)))
    assert answered and all(status == 303 for _, status in answered), answered
    context.close()


@pytest.mark.browser
@covers_forms("home/search.html")
def test_search_page_form(site_pages, page):
    page.goto(site_pages.search)
    box = page.locator("main form.search-form input[name=q]")
    box.fill("приём граждан")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("main form.search-form input[name=q]").input_value() == "приём граждан"
    violations = run_axe(page)
    assert not violations, format_violations(violations)


@pytest.mark.browser
def test_a_body_over_the_limit_gets_the_russian_page(appeal_site, settings, tab):
    """Beyond DATA_UPLOAD_MAX_MEMORY_SIZE (lowered here): the 413 page, in Russian, accessible."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    page = tab
    page.goto(appeal_site.lookup)
    page.get_by_label(re.compile("^Регистрационный номер")).fill(appeal_site.number)
    page.locator("#id_email").evaluate("(el) => { el.value = 'a'.repeat(20000); }")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Отправить ссылку").click()
    assert navigation.value.status == 413
    assert "Отправленных данных слишком много" in page.locator("main").inner_text()
    check_page(page, "form-too-big")


@pytest.mark.browser
def test_with_javascript_a_paste_over_the_limit_is_stopped_before_sending(appeal_site, settings, tab):
    """Past DATA_UPLOAD_MAX_MEMORY_SIZE the server could not keep the text: the page stops it first."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    page = tab
    mail.outbox = []
    _identify(page, appeal_site)
    sent = _posts(page)
    text = "Фонари не горят. " * 1_000  # 17,000 characters, 31 KB in UTF-8
    page.locator("#id_text").fill(text)
    page.get_by_role("button", name="Продолжить", exact=True).last.click()
    message = page.locator("[data-char-count-message]")
    assert "Текст слишком большой для отправки" in message.inner_text()
    assert not sent, "nothing was sent"
    assert page.locator("#id_text").input_value() == text


@pytest.mark.browser
@covers_forms("503_database.html")
def test_the_database_restarting_mid_request_gives_a_retry_button_that_works(appeal_site, tab):
    """The database drops while a resident sends a form: 503 in Russian, one click sends it again.

    The retry form repeats the request from hidden fields (the CSRF token
    among them); in Chromium it must be accepted (same origin, the token still
    valid) and land where the first send would have.
    """
    from unittest import mock

    from django.db import OperationalError

    from appeals_form import services

    page = tab
    mail.outbox = []
    sent = _posts(page)
    page.goto(appeal_site.lookup)
    page.get_by_label(re.compile("^Регистрационный номер")).fill(appeal_site.number)
    page.get_by_label(re.compile("^Адрес электронной почты")).fill(APPEAL_EMAIL)

    real = services.request_status_link
    calls = {"n": 0}

    def restarting(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    with mock.patch("appeals_form.services.request_status_link", side_effect=restarting):
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Отправить ссылку").click()
        assert navigation.value.status == 503
        assert "Введённые данные не потеряны" in page.locator("main").inner_text()
        check_page(page, "database-restarting")
        assert not mail.outbox

        page.get_by_role("button", name="Попробовать ещё раз").click()
        page.wait_for_url(re.compile(r"\?sent=1$"))

    assert calls["n"] == 2
    assert "Запрос принят" in page.locator("main").inner_text()
    assert _status_link()
    _assert_same_origin_posts(sent, appeal_site.base)
