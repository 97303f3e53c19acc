"""The shared form markup (includes/form_field.html, form_errors.html) passes axe in every colour scheme."""

import pytest
from django import forms
from django.template import Context, Template

from tests.browser.helpers import format_violations, run_axe, save_screenshot, set_vision_cookie

pytestmark = pytest.mark.browser


class SampleForm(forms.Form):
    surname = forms.CharField(label="Фамилия", help_text="Как в паспорте.")
    email = forms.EmailField(label="Электронная почта для ответа", help_text="В зоне .ru, .рф или .su.")
    kind = forms.ChoiceField(
        label="Вид обращения",
        choices=[("p", "Предложение"), ("z", "Заявление"), ("j", "Жалоба")],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label="Текст обращения", widget=forms.Textarea)
    consent = forms.BooleanField(label="Согласен на обработку персональных данных")


def _form_html() -> str:
    form = SampleForm(data={"surname": "Иванов", "email": "ivanov"})
    form.is_valid()
    return Template(
        '<div class="container"><form class="form" method="post" novalidate>'
        "{% include 'includes/form_errors.html' with form=form %}"
        "{% for field in form %}{% include 'includes/form_field.html' with field=field %}{% endfor %}"
        '<button type="submit">Отправить обращение</button></form></div>'
    ).render(Context({"form": form}))


@pytest.mark.parametrize("vision", [None, "normal.wb.on", "large.blue.on"])
def test_form_markup_has_no_axe_violations(site_pages, context, page, vision):
    if vision:
        set_vision_cookie(context, site_pages.base, vision)
    html = _form_html()
    page.goto(site_pages.search)
    page.evaluate("(html) => { document.querySelector('main').innerHTML = html; }", html)

    expect_fields = page.locator("main .field")
    assert expect_fields.count() == 5
    save_screenshot(page, f"form-{vision or 'standard'}")
    violations = run_axe(page)

    assert not violations, format_violations(violations)
