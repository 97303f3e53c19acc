"""The period form of «Статистика обращений»: a plain GET form (works without JavaScript)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms

from home.textformat import no_break

from . import periods
from .public_statistics import last_complete, period_of

KIND_CHOICES = [
    (periods.MONTH, "Месяц"),
    (periods.QUARTER, "Квартал"),
    (periods.HALF, "Полугодие"),
    (periods.YEAR, "Год"),
]
FIELD_OF_ERROR = {"period_kind": "kind", "period_year": "year", "period_number": "number"}
DEFAULT_KIND = periods.YEAR


class StatisticsPeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label="Период",
        choices=KIND_CHOICES,
        error_messages={"required": "Выберите вид периода.", "invalid_choice": "Выберите вид периода из списка."},
    )
    year = forms.IntegerField(
        label="Год",
        min_value=periods.MIN_YEAR,
        max_value=periods.MAX_YEAR,
        error_messages={
            "required": "Укажите год.",
            "invalid": "Год указывается цифрами, например 2025.",
            "min_value": f"Укажите год не раньше {periods.MIN_YEAR}.",
            "max_value": f"Укажите год не позже {periods.MAX_YEAR}.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    number = forms.IntegerField(
        label="Номер месяца, квартала или полугодия",
        required=False,
        help_text=no_break("Месяц — от 1 до 12, квартал — от 1 до 4, полугодие — 1 или 2. Для года не указывается."),
        error_messages={
            "invalid": "Номер указывается цифрами, например 1.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind, year, number = data["kind"], data["year"], data.get("number")
        if kind == periods.YEAR:
            number = None
        try:
            period = period_of(kind=kind, year=year, number=number)
        except periods.PeriodError as error:
            self.add_error(FIELD_OF_ERROR[error.field], str(error))
            return data
        if period.start > self.today:
            self.add_error(
                "year" if kind == periods.YEAR else "number",
                # Figures are published once a period has ended (public_statistics.is_closed), not when it starts.
                f"Период «{period.label}» ещё не начался: статистика за него появится после его окончания, "
                f"с {(period.end + timedelta(days=1)).strftime('%d.%m.%Y')}.",
            )
            return data
        data["period"] = period
        return data


def default_period(today: date) -> periods.Period:
    """The latest year that has ended: a running period is not published."""
    return last_complete(kind=DEFAULT_KIND, today=today)


def initial_for(period: periods.Period) -> dict:
    data = {"kind": period.kind, "year": period.year}
    if period.number is not None:
        data["number"] = period.number
    return data
