"""The filter of the list of acts: a plain GET form that works without JavaScript."""

from __future__ import annotations

from django import forms

from home.formrender import PublicForm
from home.searchtext import clean_search_text
from regulations.models import Kind, Status
from regulations.selectors import ORDER_NEWEST, ORDER_OLDEST, STATUS_CURRENT, ActFilters

MSG_UNKNOWN = "Такого значения нет в списке: условие не учтено."

STATUS_CHOICES = [
    ("", "Все"),
    (STATUS_CURRENT, "Действующие"),
    (Status.AMENDED.value, "Действующие в редакции изменений"),
    (Status.REPEALED.value, "Утратившие силу"),
]
ORDER_CHOICES = [(ORDER_NEWEST, "Сначала новые"), (ORDER_OLDEST, "Сначала старые")]


SEARCH_MAX_LENGTH = 200


class RegulationFilterForm(PublicForm):
    q = forms.CharField(
        label="Название или номер",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text="Например: 59-ФЗ, 02.05.2006 или «о порядке рассмотрения».",
        error_messages={"max_length": f"Не больше {SEARCH_MAX_LENGTH} знаков: условие не учтено."},
    )
    kind = forms.ChoiceField(
        label="Вид документа",
        required=False,
        choices=[("", "Все виды"), *Kind.choices],
        error_messages={"invalid_choice": MSG_UNKNOWN},
    )
    status = forms.ChoiceField(
        label="Статус",
        required=False,
        choices=STATUS_CHOICES,
        error_messages={"invalid_choice": MSG_UNKNOWN},
    )
    year = forms.TypedChoiceField(
        label="Год принятия",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": MSG_UNKNOWN},
    )
    sort = forms.ChoiceField(
        label="Порядок",
        required=False,
        choices=ORDER_CHOICES,
        error_messages={"invalid_choice": MSG_UNKNOWN},
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Все годы")] + [(str(year), str(year)) for year in years]

    def filters(self) -> ActFilters:
        """The conditions to apply: the valid ones; an unknown value is left out (and shown as an error)."""
        if not self.is_bound:
            return ActFilters()
        self.is_valid()
        data = self.cleaned_data
        return ActFilters(
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            year=data.get("year"),
            order=data.get("sort") or ORDER_NEWEST,
            q=clean_search_text(data.get("q"), max_length=SEARCH_MAX_LENGTH),
        )
