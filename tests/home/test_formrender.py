"""The fast form renderer writes exactly what Django's widget templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from home import checks as home_checks
from home.formrender import FAST_TEMPLATES, FastRenderer

CHOICES = [("", "— выберите —"), ("1", "Глава <округа> & «заместители»"), (2, gettext_lazy("Yes")), ("3", "Третий")]
GROUPED = [("Органы", [("a", "Администрация"), ("b", "Совет депутатов")]), ("c", "Прочие")]


class EveryWidget(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "family-name", "data-x": 5}))
    email = forms.EmailField(widget=forms.EmailInput(attrs={"readonly": True, "hidden": False}))
    phone = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))
    number = forms.IntegerField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    url = forms.URLField(required=False, assume_scheme="https")
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(required=False, widget=forms.FileInput)
    agree = forms.BooleanField()
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "aria-describedby": "a b"}))
    choice = forms.ChoiceField(choices=CHOICES)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    kind = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect(attrs={"class": "choices"}))
    kind_grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    checks = forms.MultipleChoiceField(choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False)


DATA = [
    {},
    {
        "text": "Иванов <script>alert(1)</script>",
        "email": 'a"b@example.ru',
        "phone": "",
        "number": "12",
        "hidden": "token&1",
        "password": "секрет",
        "url": "https://example.ru/?a=1&b=2",
        "date": "2026-12-02",
        "agree": "on",
        "body": "Строка 1\n<b>строка 2</b>\n\n",
        "choice": "1",
        "grouped": "b",
        "many": ["1", "3"],
        "kind": "2",
        "kind_grouped": "c",
        "checks": ["2"],
    },
    {"body": "", "choice": "нет такого", "kind": "", "checks": ["9"]},
]


def render_all(form_kwargs, renderer) -> dict[str, str]:
    form = EveryWidget(renderer=renderer, **form_kwargs)
    return {name: str(form[name]) for name in form.fields}


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_bound_forms_render_the_same(data, auto_id):
    kwargs = {"data": data, "auto_id": auto_id} if data else {"auto_id": auto_id}
    assert render_all(kwargs, FastRenderer()) == render_all(kwargs, DjangoTemplates())


def render_options(form_kwargs, renderer) -> dict[str, list[str]]:
    """Options one by one, as a template's ``{% for radio in field %}{{ radio.tag }}`` and ``{{ radio }}`` give them."""
    form = EveryWidget(renderer=renderer, **form_kwargs)
    return {
        name: [html for option in form[name] for html in (option.tag(), str(option), option.tag(wrap_label=True))]
        for name in ("kind", "kind_grouped", "checks")
    }


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_options_one_by_one_render_the_same(data, auto_id):
    kwargs = {"data": data, "auto_id": auto_id} if data else {"auto_id": auto_id}
    assert render_options(kwargs, FastRenderer()) == render_options(kwargs, DjangoTemplates())


def test_initial_values_of_any_type_render_the_same():
    initial = {"text": 42, "number": 7, "date": "2026-01-01", "body": mark_safe("<i>уже безопасно</i>"), "choice": 2}
    kwargs = {"initial": initial}
    assert render_all(kwargs, FastRenderer()) == render_all(kwargs, DjangoTemplates())


def test_the_fast_path_is_taken_for_the_standard_widgets(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the template engine was used")

    renderer = FastRenderer()
    assert renderer.fast
    monkeypatch.setattr(DjangoTemplates, "render", fail)
    form = EveryWidget(renderer=renderer, data=DATA[1])
    for name in form.fields:
        str(form[name])
    for option in form["kind"]:
        option.tag()


def test_a_label_that_needs_localisation_goes_the_long_way(settings):
    settings.USE_THOUSAND_SEPARATOR = True

    class Numbers(forms.Form):
        size = forms.ChoiceField(choices=[(1, 1234567), (2, 7654321)])

    fast = str(Numbers(renderer=FastRenderer())["size"])
    assert fast == str(Numbers(renderer=DjangoTemplates())["size"])


def test_every_fast_template_is_djangos_own():
    renderer = FastRenderer()
    for name in FAST_TEMPLATES:
        assert "django/forms/templates" in renderer.get_template(name).origin.name


# ---- scope and guard ---------------------------------------------------------------------------------------------


def test_djangos_widget_templates_are_the_ones_recorded():
    """Fails after a Django upgrade that changed a copied widget template: compare, then record the new digest."""
    from home.formrender import WIDGET_TEMPLATES_DIGEST, templates_digest

    assert templates_digest() == WIDGET_TEMPLATES_DIGEST
    assert not home_checks.widget_templates_check(None)


def test_changed_widget_templates_turn_the_fast_path_off_and_the_check_says_so(monkeypatch):
    from home import formrender

    monkeypatch.setattr(formrender, "WIDGET_TEMPLATES_DIGEST", "0" * 64)
    formrender.templates_unchanged.cache_clear()
    try:
        assert not FastRenderer().fast
        kwargs = {"data": DATA[1], "auto_id": "id_%s"}
        assert render_all(kwargs, FastRenderer()) == render_all(kwargs, DjangoTemplates())
        assert [message.id for message in home_checks.widget_templates_check(None)] == ["home.W001"]
    finally:
        formrender.templates_unchanged.cache_clear()


def test_the_public_forms_and_only_they_use_the_fast_renderer():
    from django.forms.renderers import get_default_renderer

    from appeals_form.forms import AppealForm, CoAuthorForm
    from appeals_form.status import StatusLookupForm
    from home.formrender import PUBLIC_RENDERER
    from identity.forms import CodeForm, EmailCodeRequestForm
    from regulations.forms import RegulationFilterForm
    from schedules.forms import EventFilterForm, ScheduleFilterForm, SignUpForm, StaffCancelForm

    public = [AppealForm, CoAuthorForm, StatusLookupForm, CodeForm, EmailCodeRequestForm, RegulationFilterForm]
    public += [EventFilterForm, ScheduleFilterForm, SignUpForm]
    assert all(form_class.default_renderer is PUBLIC_RENDERER for form_class in public)
    assert StaffCancelForm.default_renderer is None  # shown in the admin
    assert not isinstance(get_default_renderer(), FastRenderer)


def test_the_wagtail_admin_renders_its_forms_with_djangos_templates(admin_client, monkeypatch):
    from wagtail.models import Page

    def fail(*args, **kwargs):
        raise AssertionError("the admin used the public forms' renderer")

    monkeypatch.setattr(FastRenderer, "render", fail)
    page = Page.objects.filter(depth=2).first()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert b'name="title"' in response.content
