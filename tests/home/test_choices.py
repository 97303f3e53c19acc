"""Choices handed to Django already normalised (home.choices.FixedChoices): the same form as a plain list."""

import copy

from django import forms

from home.choices import FixedChoices

PAIRS = [("", "— выберите тему —"), ("1", "Благоустройство"), ("2", "ЖКХ: отопление «зимой»")]


def _form(choices, widget=forms.Select):
    class Form(forms.Form):
        topic = forms.ChoiceField(choices=choices, widget=widget)

    return Form


def test_a_field_with_fixed_choices_renders_and_validates_as_with_the_list():
    for widget in (forms.Select, forms.RadioSelect):
        fixed, plain = _form(FixedChoices(PAIRS), widget), _form(PAIRS, widget)
        assert str(fixed()["topic"]) == str(plain()["topic"])
        for value in ("2", "3", ""):
            assert fixed({"topic": value}).errors == plain({"topic": value}).errors


def test_copies_of_the_field_share_the_choices_and_nothing_changes_them():
    field = forms.ChoiceField(choices=FixedChoices(PAIRS))
    copied = copy.deepcopy(field)
    assert copied.choices is field.choices and copied.widget.choices is field.choices
    assert list(copied.choices) == PAIRS
    assert len(field.choices) == 3 and field.choices[1] == ("1", "Благоустройство")
