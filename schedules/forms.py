"""Forms of the public pages: the schedule filter, the events filter and the sign-up."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from home.formrender import PublicForm
from home.phone import phone_as_typed
from identity.forms import ReplyEmailField
from identity.validators import zones_text
from schedules import rules as rules_mod
from schedules.event_selectors import no_events_text
from schedules.models import WEEKDAY_CHOICES, EventPage
from schedules.selectors import option_value, parse_option_value

MSG_CHOICE = "Выберите дату и время приёма."
# A value that is not (or no longer) among the free times: taken meanwhile, past,
# or typed by hand. One message, without the internal value (issue 12, item 5).
MSG_SLOT_GONE = "Выбранное время уже занято или прошло. Выберите другое из свободного времени ниже."
MSG_PHONE = "Укажите номер телефона, например +7 916 123-45-67."
MSG_CONSENT = "Без согласия на обработку персональных данных записаться нельзя."
# A sign-up is not an appeal: the zone rule says what the address receives here ({zones}: the one list).
MSG_EMAIL_ZONE = (
    "Подтверждение записи и ссылка для её отмены отправляются только на адрес в доменных зонах {zones}. "
    "Укажите другой адрес."
)
_PHONE_CHARS = re.compile(r"^[0-9+()\-\s.]+$")


class ScheduleFilterForm(PublicForm):
    department = forms.ChoiceField(label="Направление", required=False)
    weekday = forms.TypedChoiceField(
        label="День недели",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Любой")] + [(str(k), v.capitalize()) for k, v in WEEKDAY_CHOICES[:5]],
    )

    def __init__(self, *args, departments: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "Все направления")] + [(d, d) for d in departments]


MSG_MONTH = "Выберите месяц из списка."


class MonthChoiceField(forms.ChoiceField):
    """A month with events («2026-12»); another month is refused in its tense (``event_selectors.no_events_text``)."""

    def __init__(self, *args, **kwargs):
        self.today = None
        super().__init__(*args, **kwargs)

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError:
            month = parse_month(value)
            if month is None:
                raise ValidationError(MSG_MONTH, code="invalid_choice") from None
            today = self.today or timezone.localdate()
            text = no_events_text(month, today=today)
            raise ValidationError(f"{text}: выберите месяц из списка.", code="invalid_choice") from None


def parse_month(value: str) -> date | None:
    """«2027-01» as the first of the month; None for anything else."""
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1) if len(year) == 4 and len(month) == 2 else None
    except (ValueError, AttributeError):
        return None


class EventFilterForm(PublicForm):
    kind = forms.ChoiceField(
        label="Вид",
        required=False,
        choices=[("", "Все виды"), *EventPage.Kind.choices],
        error_messages={"invalid_choice": "Выберите вид мероприятия из списка."},
    )
    topic = forms.TypedChoiceField(
        label="Тема",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Выберите тему из списка."},
    )
    month = MonthChoiceField(label="Месяц", required=False)

    def __init__(self, *args, topics, months, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].today = today
        self.fields["topic"].choices = [("", "Все темы")] + [(str(t.pk), t.title) for t in topics]
        self.fields["month"].choices = [("", "Все месяцы")] + [
            (f"{m:%Y-%m}", f"{rules_mod.MONTHS_NOMINATIVE[m.month - 1]} {m.year}") for m in months
        ]


class SignUpForm(PublicForm):
    choice = forms.ChoiceField(
        label="Дата и время приёма", error_messages={"required": MSG_CHOICE, "invalid_choice": MSG_SLOT_GONE}
    )
    surname = forms.CharField(label="Фамилия", max_length=100, error_messages={"required": "Укажите фамилию."})
    first_name = forms.CharField(label="Имя", max_length=100, error_messages={"required": "Укажите имя."})
    patronymic = forms.CharField(label="Отчество", max_length=100, required=False, help_text="Если есть.")
    phone = forms.CharField(
        label="Телефон",
        max_length=32,
        help_text="Позвоним, если приём перенесут.",
        error_messages={"required": MSG_PHONE},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = ReplyEmailField(label="Электронная почта", zone_message=MSG_EMAIL_ZONE)
    question = forms.CharField(
        label="Вопрос, коротко",
        max_length=settings.SCHEDULES_QUESTION_MAX_LENGTH,
        help_text=f"О чём вы хотите поговорить на приёме: не больше {settings.SCHEDULES_QUESTION_MAX_LENGTH} знаков.",
        error_messages={"required": "Коротко опишите вопрос."},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label="Я согласен (согласна) на обработку моих персональных данных на условиях, изложенных выше",
        error_messages={"required": MSG_CONSENT},
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        choices = []
        for option in options:
            occ = option.occurrence
            if option.mode == "slots":
                choices += [(option_value(occ.date, occ.time_from, slot), slot) for slot in option.free_slots]
            elif option.free_places > 0:
                choices.append((option_value(occ.date, occ.time_from), occ.date))
        self.fields["choice"].choices = choices
        self.fields[
            "email"
        ].help_text = f"Сюда придёт подтверждение и ссылка для отмены записи. Адрес в зонах {zones_text()}."
        self.fields["surname"].widget.attrs["autocomplete"] = "family-name"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["patronymic"].widget.attrs["autocomplete"] = "additional-name"

    def clean_choice(self):
        parsed = parse_option_value(self.cleaned_data["choice"])
        if parsed is None:
            raise ValidationError(MSG_CHOICE)
        return parsed

    def clean_phone(self):
        phone = phone_as_typed(self.cleaned_data["phone"])
        digits = re.sub(r"\D", "", phone)
        if not _PHONE_CHARS.match(phone) or not 10 <= len(digits) <= 15:
            raise ValidationError(MSG_PHONE)
        return phone

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if not question:
            raise ValidationError("Коротко опишите вопрос.")
        return question

    def clean_surname(self):
        return self.cleaned_data["surname"].strip()

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()


class StaffCancelForm(forms.Form):
    reason = forms.CharField(
        label="Причина отмены",
        max_length=255,
        help_text="Её прочитает заявитель в письме об отмене записи.",
        widget=forms.TextInput,
    )
