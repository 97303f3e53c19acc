"""Each public form's copy of its fields (home.formcopy) is the copy Django's own deepcopy makes."""

import copy
import importlib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps

from home.formcopy import FieldsCopiedFast, copy_field
from home.formrender import PublicForm


def _public_form_classes() -> list[type]:
    """Every subclass of PublicForm, once each project app's forms and views are imported."""
    project = Path(apps.get_app_config("home").path).parent
    for config in apps.get_app_configs():
        for module in ("forms", "status", "views"):
            if Path(config.path).parent == project and (Path(config.path) / f"{module}.py").exists():
                importlib.import_module(f"{config.name}.{module}")
    found, todo = [], [PublicForm]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.base_fields]


def _state(obj) -> dict:
    """An object's attributes, its widget's compared by their own state."""
    return {name: _state(value) if isinstance(value, forms.Widget) else value for name, value in vars(obj).items()}


PUBLIC_FORMS = _public_form_classes()


def test_the_portal_has_public_forms_of_every_kind():
    names = {cls.__name__ for cls in PUBLIC_FORMS}
    assert {"AppealForm", "CoAuthorForm", "StatusLookupForm"} <= names, names
    assert len(PUBLIC_FORMS) >= 6


@pytest.mark.parametrize("form_class", PUBLIC_FORMS, ids=lambda cls: cls.__name__)
def test_a_forms_copy_of_its_fields_is_djangos_copy(form_class):
    assert isinstance(form_class.base_fields, FieldsCopiedFast)
    ours = copy.deepcopy(form_class.base_fields)
    djangos = copy.deepcopy(dict(form_class.base_fields))
    assert type(ours) is dict and list(ours) == list(djangos)
    for name, field in form_class.base_fields.items():
        copied = ours[name]
        assert type(copied) is type(field) and _state(copied) == _state(djangos[name]), name
        # Nothing a form changes on its copy reaches the class (or the next request's form).
        assert copied is not field and copied.widget is not field.widget
        assert copied.widget.attrs is not field.widget.attrs
        assert copied.error_messages is not field.error_messages and copied.validators is not field.validators


def test_a_change_to_one_forms_fields_stays_in_that_form():
    from appeals_form.forms import CoAuthorForm

    first, second = CoAuthorForm(), CoAuthorForm()
    first.fields["name"].widget.attrs["readonly"] = True
    first.fields["name"].error_messages["required"] = "Другое"
    first.fields["name"].validators.append(lambda value: None)
    first.fields["name"].required = True
    assert "readonly" not in second.fields["name"].widget.attrs
    assert "readonly" not in CoAuthorForm.base_fields["name"].widget.attrs
    assert second.fields["name"].error_messages == CoAuthorForm.base_fields["name"].error_messages
    assert second.fields["name"].validators == CoAuthorForm.base_fields["name"].validators
    assert not second.fields["name"].required


@pytest.mark.parametrize(
    "field",
    [
        forms.SplitDateTimeField(),  # its own __deepcopy__ (MultiValueField): Django's copy
        forms.ChoiceField(choices=[("a", "А"), ("b", "Б")], widget=forms.RadioSelect),
        forms.MultipleChoiceField(choices=[("a", "А")], widget=forms.CheckboxSelectMultiple),
        forms.CharField(widget=forms.Textarea(attrs={"rows": 3})),
    ],
    ids=["multi-value", "choice", "multiple-choice", "char"],
)
def test_fields_of_every_kind_are_copied_as_django_copies_them(field):
    ours, djangos = copy_field(field, {}), copy.deepcopy(field)
    assert type(ours) is type(djangos)
    if isinstance(field, forms.MultiValueField):
        assert [type(f) for f in ours.fields] == [type(f) for f in djangos.fields]
        assert all(a is not b for a, b in zip(ours.fields, field.fields, strict=True))
    else:
        assert _state(ours) == _state(djangos)
    if isinstance(field, forms.ChoiceField):
        assert list(ours.choices) == list(field.choices) and ours._choices is not field._choices
        assert list(ours.widget.choices) == list(field.widget.choices)


def test_a_widget_shared_by_two_fields_is_copied_once_as_deepcopy_does():
    fields = FieldsCopiedFast(a=forms.CharField(), b=forms.CharField())
    fields["b"].widget = widget = fields["a"].widget  # a Field copies the widget it is given: shared afterwards
    ours, djangos = copy.deepcopy(fields), copy.deepcopy(dict(fields))
    assert djangos["a"].widget is djangos["b"].widget
    assert ours["a"].widget is ours["b"].widget and ours["a"].widget is not widget
