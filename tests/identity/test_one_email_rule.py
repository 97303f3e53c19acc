"""One rule for the reply address on every public form (issue 12, item 3).

Identification accepted ``пример@почта.рф`` and the status lookup refused it,
so such a resident could never recover the status link. Every form where a
resident types an address must use the same field (and so the same
validator); a new form with its own ``EmailField`` fails here.
"""

import importlib

import pytest
from django import forms

from identity.forms import EmailCodeRequestForm, ReplyEmailField
from identity.validators import MSG_LOCAL_NON_ASCII

PUBLIC_FORM_MODULES = ("identity.forms", "appeals_form.forms", "appeals_form.status", "schedules.forms")
# The appeal form's address is the identity's confirmed one, shown read-only and
# checked against it (AppealForm.clean_email); it is never typed there.
NOT_TYPED = {("appeals_form.forms", "AppealForm", "email")}


def _public_forms():
    for module_name in PUBLIC_FORM_MODULES:
        module = importlib.import_module(module_name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm) and obj.__module__ == module_name:
                yield module_name, obj


def _email_fields():
    for module_name, form_class in _public_forms():
        for name, field in form_class.base_fields.items():
            if "email" in name or isinstance(field, forms.EmailField):
                yield module_name, form_class, name, field


def test_every_typed_address_uses_the_one_field():
    found = list(_email_fields())
    assert len(found) >= 5, "identification, status lookup, sign-up, co-author and the appeal form"
    offenders = [
        f"{module}.{form.__name__}.{name}"
        for module, form, name, field in found
        if (module, form.__name__, name) not in NOT_TYPED and not isinstance(field, ReplyEmailField)
    ]
    assert not offenders, f"use identity.forms.ReplyEmailField: {offenders}"


def _bound_forms(data_email):
    """Each form where the address is typed, bound with just the address."""
    from appeals_form.forms import CoAuthorForm
    from appeals_form.status import StatusLookupForm
    from schedules.forms import SignUpForm

    yield "identification", EmailCodeRequestForm({"email": data_email})
    yield "status lookup", StatusLookupForm({"number": "ОГ-2026-000001", "email": data_email})
    yield "sign-up", SignUpForm({"email": data_email}, options=[])
    yield "co-author", CoAuthorForm({"c-name": "Соседов Иван", "c-email": data_email}, prefix="c")


@pytest.mark.parametrize("typed", ["пример@почта.рф", "Иванов@пример.рф"])
def test_cyrillic_local_part_is_refused_everywhere_with_the_reason(db, typed):
    for where, form in _bound_forms(typed):
        form.is_valid()
        assert form.errors.get("email") == [MSG_LOCAL_NON_ASCII], where


@pytest.mark.parametrize(
    ("typed", "normal"), [("ivanov@пример.рф", "ivanov@пример.рф"), ("Ivanov@Mail.RU", "Ivanov@mail.ru")]
)
def test_a_good_address_is_accepted_everywhere_in_the_same_form(db, typed, normal):
    for where, form in _bound_forms(typed):
        form.is_valid()
        assert "email" not in form.errors, where
        assert form.cleaned_data["email"] == normal, where


# What an address outside the zones cannot be used for, per form: one list of zones, a message for the purpose.
# The sign-up said «Ответ на обращение …» for gmail.com: a sign-up is not an appeal, co-authors get no answer.
ZONE_PURPOSE = {
    "identification": "Ответ на обращение может быть направлен только на адрес в доменных зонах .ru, .рф, .su.",
    "status lookup": "Ответ на обращение может быть направлен только на адрес в доменных зонах .ru, .рф, .su.",
    "sign-up": "Подтверждение записи и ссылка для её отмены отправляются только на адрес в доменных зонах "
    ".ru, .рф, .su.",
    "co-author": "Адрес соавтора должен быть в доменных зонах .ru, .рф, .su.",
}


def test_an_address_outside_the_zones_is_refused_with_what_it_is_for(db):
    seen = set()
    for where, form in _bound_forms("ivanov@gmail.com"):
        form.is_valid()
        (message,) = form.errors["email"]
        assert message == ZONE_PURPOSE[where] + " Укажите другой адрес.", where
        seen.add(where)
    assert seen == set(ZONE_PURPOSE)


def test_every_purpose_names_the_zones_of_the_settings(db, settings):
    settings.APPEALS_EMAIL_ZONES = ["ru", "xn--p1ai"]
    for where, form in _bound_forms("ivanov@gmail.com"):
        form.is_valid()
        assert "доменных зонах .ru, .рф. Укажите" in form.errors["email"][0], where
