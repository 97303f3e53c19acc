"""Dates and times typed in the admin are kept as typed, never replaced by «now».

Found from outside: a go-live time typed «2026-12-05 10:28» became «05.12.2026 07:27» (the browser's current
time) on leaving the field, and «Опубликовать» published the page at once instead of scheduling it.
"""

import json
import re
from datetime import timedelta

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.forms.models import registry
from wagtail.models import Page

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

CONFIG = re.compile(r'initDateTimeChooser\("([^"]+)", (\{.*?\})\);')


@pytest.mark.parametrize("field_class", [models.DateTimeField, models.DateField, models.TimeField])
def test_every_admin_date_and_time_field_keeps_what_was_typed(field_class):
    widget = registry.get(field_class(name="when"))["widget"]()
    assert widget.get_config()["validateOnBlur"] is False
    assert re.search("[ДЧ]", widget.attrs["placeholder"])  # the expected form, in Russian


def _editor(django_user_model):
    editor = django_user_model.objects.create_user("editor-dates", password="unused-password-1")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    return editor


def _page_types():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if model is not Page]


@pytest.mark.parametrize("model", _page_types(), ids=lambda model: model.__name__)
def test_every_date_and_time_field_of_every_page_form_keeps_typed_text(model):
    form = model.get_edit_handler().get_form_class()(instance=model(), for_user=None)
    pickers = {name: field.widget for name, field in form.fields.items() if hasattr(field.widget, "get_config")}
    assert {"go_live_at", "expire_at"} <= set(pickers)  # the «Установить расписание» dialog
    assert all(widget.get_config().get("validateOnBlur") is False for widget in pickers.values()), pickers


def test_the_schedule_dialog_of_the_edit_screen_keeps_typed_text(client, django_user_model):
    page = StandardPageFactory()
    client.force_login(_editor(django_user_model))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    configs = dict(CONFIG.findall(html))
    assert {"id_go_live_at", "id_expire_at"} <= set(configs)
    assert all(json.loads(config)["validateOnBlur"] is False for config in configs.values())
    assert 'placeholder="ДД.ММ.ГГГГ ЧЧ:ММ"' in html


def test_a_go_live_time_typed_the_iso_way_schedules_the_page(client, django_user_model):
    page = StandardPageFactory()
    client.force_login(_editor(django_user_model))
    when = timezone.localtime() + timedelta(days=1)
    data = {"title": page.title, "slug": page.slug, "go_live_at": when.strftime("%Y-%m-%d %H:%M")}
    data.update({"body-count": "0", "action-publish": "1"})
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page = Page.objects.get(pk=page.pk)
    assert not page.live
    assert timezone.localtime(page.get_latest_revision().as_object().go_live_at).strftime("%d.%m.%Y %H:%M") == (
        when.strftime("%d.%m.%Y %H:%M")
    )


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        (forms.DateField(), "31.02.2027", "ДД.ММ.ГГГГ"),
        (forms.TimeField(), "25:00", "ЧЧ:ММ"),
        (forms.DateTimeField(), "завтра в 10", "ДД.ММ.ГГГГ ЧЧ:ММ"),
    ],
)
def test_a_date_or_time_that_cannot_be_read_says_how_to_type_it(field, typed, says):
    # Found from outside: an event dated «31.02.2027» got «Введите правильную дату.», which names no form.
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert says in refused.value.messages[0] and "например" in refused.value.messages[0]
