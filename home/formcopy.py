"""Each form's own copy of its fields, made the way Django makes it, without ``copy.deepcopy``'s generic machinery.

Django gives every form instance a deep copy of its class's fields (``BaseForm.__init__``:
``copy.deepcopy(self.base_fields)``), so that a form can change its fields (a label, a widget's attributes,
``required``) without changing them for the next request. The copy is shallow where Django's own
``__deepcopy__`` methods say so: a field is copied with its widget, its error messages and its validators,
a choice field with its choices, a widget with its attributes (and a choice widget with its choices).
``copy.deepcopy`` reaches those methods through the copy protocol: the appeal form's 13 fields took 70 µs,
and the form is built four times in a resident's visit (``bench/visit_profile.py``).

``FieldsCopiedFast`` (the ``base_fields`` of ``home.formrender.PublicForm``) makes the same copy directly
for the classes whose ``__deepcopy__`` is one of Django's four: ``Field``'s, ``ChoiceField``'s,
``Widget``'s and ``ChoiceWidget``'s. A field or widget that defines its own (``MultiValueField``,
``ModelChoiceField``, a multi-widget), or whose instances are not plain objects with a ``__dict__``, goes
through ``copy.deepcopy`` as before. ``tests/home/test_formcopy.py`` compares both copies for every public
form.
"""

from __future__ import annotations

import copy
from functools import cache

from django import forms
from django.forms.widgets import ChoiceWidget


@cache
def _plain(cls) -> bool:
    """Instances of ``cls`` are copied by ``copy.copy`` as a new object with the same ``__dict__``."""
    return (
        cls.__reduce_ex__ is object.__reduce_ex__
        and cls.__reduce__ is object.__reduce__
        and getattr(cls, "__getstate__", object.__getstate__) is object.__getstate__
        and not hasattr(cls, "__setstate__")
        and not hasattr(cls, "__copy__")
        and cls.__new__ is object.__new__
        and "__slots__" not in vars(cls)
    )


def _shallow(obj):
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


def _copy_widget(widget, memo):
    cls = type(widget)
    how = cls.__deepcopy__
    if how not in (forms.Widget.__deepcopy__, ChoiceWidget.__deepcopy__) or not _plain(cls):
        return copy.deepcopy(widget, memo)
    if id(widget) in memo:
        return memo[id(widget)]
    new = _shallow(widget)
    new.attrs = widget.attrs.copy()
    if how is ChoiceWidget.__deepcopy__:
        new.choices = copy.copy(widget.choices)
    memo[id(widget)] = new
    return new


def copy_field(field, memo: dict):
    """What ``copy.deepcopy(field, memo)`` gives, for Django's plain fields and widgets."""
    cls = type(field)
    how = cls.__deepcopy__
    if how not in (forms.Field.__deepcopy__, forms.ChoiceField.__deepcopy__) or not _plain(cls):
        return copy.deepcopy(field, memo)
    if id(field) in memo:
        return memo[id(field)]
    new = _shallow(field)
    memo[id(field)] = new
    new.widget = _copy_widget(field.widget, memo)
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    if how is forms.ChoiceField.__deepcopy__:
        new._choices = copy.deepcopy(field._choices, memo)
    return new


class FieldsCopiedFast(dict):
    """A form class's fields; ``copy.deepcopy`` of it is a plain dict of copies made by ``copy_field``."""

    def __deepcopy__(self, memo):
        return {name: copy_field(field, memo) for name, field in self.items()}


class FastCopyMetaclass(forms.forms.DeclarativeFieldsMetaclass):
    """Django's metaclass of forms, with the class's ``base_fields`` a ``FieldsCopiedFast``."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = FieldsCopiedFast(new_class.base_fields)
        return new_class
