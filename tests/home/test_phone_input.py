"""A phone number is accepted however a resident got it onto the form (one rule for every public form).

Found from outside: a number copied from the phone's contacts (iOS wraps it in invisible direction
marks), from a letter or a page (dashes, a minus, no-break spaces) looked right on the screen and was
refused with «Укажите номер телефона цифрами» on the appeal form and the sign-up alike. Every public
form with a phone field is checked here; a new one fails until it is listed.
"""

import importlib
import re

import pytest
from django import forms
from django.utils import timezone

from home.phone import phone_as_typed
from identity.types import METHOD_EMAIL_CODE, Identity

PUBLIC_FORM_MODULES = ("identity.forms", "appeals_form.forms", "appeals_form.status", "schedules.forms")

# The number +7 903 555-17-42 as it arrives when copied or typed on another device.
COPIED = [
    "\u202d+7 903 555-17-42\u202c",  # iOS Contacts
    "\u2066+7 (903) 555-17-42\u2069",  # a messenger
    "\u200e8 903 555 17 42",
    "+7\u00a0903\u00a0555\u201117\u201142",  # no-break spaces and hyphens of a web page
    "+7 903 555–17–42",  # a word processor's dash
    "8 (903) 555−17−42",  # a minus
    "＋７ ９０３ ５５５-１７-４２",  # full-width characters
    "+7 903\u200b555-17-42",  # a zero-width space
]


def _identity():
    return Identity(method=METHOD_EMAIL_CODE, verified_at=timezone.now(), email="ivanova@example.ru")


def _form_with_phone(form_class):
    """An unbound instance of each public form class that has a phone field."""
    from appeals_form.forms import AppealForm
    from schedules.forms import SignUpForm

    makers = {AppealForm: lambda: AppealForm(identity=_identity()), SignUpForm: lambda: SignUpForm(options=[])}
    assert form_class in makers, f"{form_class.__name__} has a phone field: list it here"
    return makers[form_class]()


def _phone_forms():
    for module_name in PUBLIC_FORM_MODULES:
        module = importlib.import_module(module_name)
        for obj in vars(module).values():
            is_form = isinstance(obj, type) and issubclass(obj, forms.BaseForm) and obj.__module__ == module_name
            if is_form and any("phone" in name for name in obj.base_fields):
                yield obj


def _clean_phone(form_class, typed: str) -> str:
    form = _form_with_phone(form_class)
    form.cleaned_data = {"phone": form.fields["phone"].clean(typed)}
    return form.clean_phone()


def test_the_public_phone_fields_are_found():
    assert {cls.__name__ for cls in _phone_forms()} >= {"AppealForm", "SignUpForm"}


@pytest.mark.parametrize("typed", COPIED)
def test_every_public_phone_field_accepts_a_copied_number(db, typed):
    """Accepted, the same number, kept in plain characters (staff dial it and the queue's search finds it)."""
    for form_class in _phone_forms():
        stored = _clean_phone(form_class, typed)
        assert stored.isascii() and stored.isprintable(), f"{form_class.__name__}: {stored!r}"
        assert re.sub(r"\D", "", stored)[-10:] == "9035551742", f"{form_class.__name__}: {typed!r} -> {stored!r}"


@pytest.mark.parametrize("typed", ["903", "телефон", "+7 903 555-17-42 звонить вечером"])
def test_what_is_not_a_number_is_still_refused(db, typed):
    for form_class in _phone_forms():
        with pytest.raises(forms.ValidationError):
            _clean_phone(form_class, typed)


def test_phone_as_typed_keeps_what_the_resident_sees():
    assert phone_as_typed("\u202d+7 (903) 555–17–42\u202c") == "+7 (903) 555-17-42"
    assert phone_as_typed("  8\u00a0903   555 17 42 ") == "8 903 555 17 42"
    assert phone_as_typed(None) == ""
