"""A set of small integers stored as text ("1,3"): weekdays and weeks of the month.

Stored as a comma-separated string so that it works on SQLite and PostgreSQL
alike; in Python it is a sorted list of ints; in forms a group of checkboxes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

WEEKDAY_CHOICES = [
    (0, "понедельник"),
    (1, "вторник"),
    (2, "среда"),
    (3, "четверг"),
    (4, "пятница"),
    (5, "суббота"),
    (6, "воскресенье"),
]
LAST_WEEK = -1
WEEK_CHOICES = [(1, "первая"), (2, "вторая"), (3, "третья"), (4, "четвёртая"), (LAST_WEEK, "последняя")]


def _parse(value) -> list[int]:
    if value is None or value == "":
        return []
    items = [part for part in value.split(",") if part.strip()] if isinstance(value, str) else list(value)
    try:
        return sorted({int(item) for item in items})
    except (TypeError, ValueError) as exc:
        raise ValidationError("Неверный набор значений.", code="invalid") from exc


class IntegerSetField(models.CharField):
    """Base class: subclasses set ``item_choices``."""

    item_choices: list[tuple[int, str]] = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return _parse(value)

    def to_python(self, value):
        return _parse(value)

    def get_prep_value(self, value):
        return ",".join(str(item) for item in _parse(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {key for key, _ in self.item_choices}
        values = _parse(value)
        if not values and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        if any(item not in allowed for item in values):
            raise ValidationError("Недопустимое значение.", code="invalid_choice")

    def run_validators(self, value):
        # MaxLengthValidator would measure the list; the stored string is short by construction.
        return None

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.item_choices,
            "coerce": int,
            "required": not self.blank,
            "widget": forms.CheckboxSelectMultiple,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value"):
            defaults.pop(key, None)
        return form_class(**defaults)


class WeekdaysField(IntegerSetField):
    item_choices = WEEKDAY_CHOICES


class WeeksOfMonthField(IntegerSetField):
    item_choices = WEEK_CHOICES
