"""Focus after a form comes back with errors: on the error summary, on every public form.

The identity page («Подтверждение личности»), the code page, the status lookup and the
statistics period form came back with their errors while focus stayed on the top of the
page: a screen reader user heard nothing new, a keyboard user had to Tab through the
header to find out what went wrong. Only the appeal form (by its script) and the sign-up
form (by an inline script) moved focus. Now every error summary carries ``autofocus``
(no JavaScript needed); the template check below keeps new summaries in step, and the
browser test sends each public form wrong and asserts where focus lands.
"""

import os
import re

import pytest
from django.core import mail

from tests.browser.helpers import ROOT

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

expect = pytest.importorskip("playwright.sync_api").expect

TEMPLATES = ROOT / "templates"
SUMMARY_TAG = re.compile(r"<\w+\b[^>]*\bclass=\"error-summary\"[^>]*>")
EMAIL = "proverka.fokusa@example.ru"


def _public_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES)
        if {"admin", "wagtailadmin"}.intersection(relative.parts[:-1]):
            continue
        yield relative.as_posix(), path.read_text(encoding="utf-8")


def test_every_error_summary_takes_focus_when_the_page_loads():
    found = {}
    for name, text in _public_templates():
        for tag in SUMMARY_TAG.findall(text):
            found.setdefault(name, []).append(tag)
    assert {"includes/form_errors.html", "identity/includes/error_summary.html"} <= found.keys()
    needed = (re.compile(r'\sid="error-summary"'), re.compile(r'\stabindex="-1"'), re.compile(r"\sautofocus[\s>]"))
    wrong = [
        f"{name}: {tag}"
        for name, tags in found.items()
        for tag in tags
        if not all(pattern.search(tag) for pattern in needed)
    ]
    assert not wrong, 'error summaries need id="error-summary", tabindex="-1" and autofocus:\n' + "\n".join(wrong)


def _code_for(email: str) -> str:
    for message in reversed(mail.outbox):
        if email in message.to:
            return re.search(r"\b(\d{6})\b", message.body).group(1)
    raise AssertionError(f"no code was e-mailed to {email}")


def _identity(page, base):
    page.goto(base + "/identity/?next=%2F")
    page.get_by_label(re.compile("^Адрес электронной почты")).fill("zhitel@gmail.com")
    page.get_by_role("button", name="Получить код").click()


def _code(page, base):
    mail.outbox = []
    page.goto(base + "/identity/?next=%2F")
    page.get_by_label(re.compile("^Адрес электронной почты")).fill(EMAIL)
    page.get_by_role("button", name="Получить код").click()
    page.wait_for_url(re.compile("/identity/code/"))
    code = _code_for(EMAIL)
    page.get_by_label("Код из письма").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Подтвердить").click()


def _status_lookup(page, base):
    page.goto(base + "/appeals/status/")
    page.get_by_role("button", name="Отправить ссылку").click()


def _statistics(page, base, statistics):
    page.goto(statistics)
    page.get_by_label("Период (обязательное поле)").select_option("month")
    page.get_by_label("Номер месяца, квартала или полугодия").fill("13")
    page.get_by_role("button", name="Показать").click()


FORMS = {
    "identity": _identity,
    "identity-code": _code,
    "status-lookup": _status_lookup,
    "statistics": _statistics,
}


@pytest.mark.browser
@pytest.mark.parametrize("form", FORMS)
def test_a_form_sent_with_errors_puts_focus_on_its_error_summary(site_pages, section_pages, page, form):
    if form == "statistics":
        assert "statistics" in section_pages, "the demo content has a statistics page"
        _statistics(page, site_pages.base, section_pages["statistics"])
    else:
        FORMS[form](page, site_pages.base)

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    # The next Tab goes to the first error (a link to its field), not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('#error-summary, main')"), form
