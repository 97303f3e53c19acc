"""Filters of the appeal queue (django-filter through Wagtail's filter drawer)."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from appeals_form import selectors
from appeals_form.models import CLASSIFIER_SECTIONS, Addressee, Appeal, Topic
from appeals_form.workflow import dates
from identity.types import METHOD_LABELS

YES = "1"
MAX_DUE_WITHIN_DAYS = 366


def officer_label(user) -> str:
    return user.get_full_name() or user.get_username()


class OfficerChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return officer_label(obj)


class OfficerFilter(django_filters.ModelChoiceFilter):
    field_class = OfficerChoiceField


class AppealFilterSet(WagtailFilterSet):
    # distinct=False: a status is a column of the appeal itself, no join can repeat a row
    # (django-filter's default SELECT DISTINCT would compare all ~50 columns).
    status = django_filters.MultipleChoiceFilter(
        label="Статус", choices=Appeal.Status.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    overdue = django_filters.ChoiceFilter(
        label="Просроченные",
        choices=[(YES, "Только просроченные (срок истёк, ответа нет)")],
        empty_label="Все",
        method="filter_overdue",
        widget=forms.RadioSelect,
    )
    due_within = django_filters.NumberFilter(
        label="Срок истекает в течение, рабочих дней",
        method="filter_due_within",
        min_value=0,
        max_value=MAX_DUE_WITHIN_DAYS,
        help_text="Открытые обращения со сроком от сегодня до указанного числа рабочих дней вперёд.",
    )
    topic = django_filters.ModelChoiceFilter(label="Тема", queryset=Topic.objects.all())
    section = django_filters.ChoiceFilter(
        label="Раздел классификатора",
        choices=[(code, f"{code} {name}") for code, name in CLASSIFIER_SECTIONS.items()],
        method="filter_section",
    )
    addressee = django_filters.ModelChoiceFilter(label="Адресат", queryset=Addressee.objects.all())
    department = django_filters.ModelChoiceFilter(
        label="Ответственное подразделение", queryset=Addressee.objects.filter(kind=Addressee.Kind.BODY)
    )
    executor = OfficerFilter(label="Исполнитель", queryset=lambda request: selectors.appeals_officers())
    identity_method = django_filters.ChoiceFilter(label="Способ идентификации", choices=list(METHOD_LABELS.items()))
    kind = django_filters.ChoiceFilter(label="Вид обращения", choices=Appeal.Kind.choices)
    period = django_filters.DateFromToRangeFilter(
        label="Период регистрации", field_name="registered_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Appeal
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value == YES:
            return queryset.filter(selectors.overdue_q(on=dates.today()))
        return queryset

    def filter_due_within(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(selectors.due_within_q(on=dates.today(), working_days=int(value)))

    def filter_section(self, queryset, name, value):
        return queryset.filter(classifier_code__startswith=f"{value}.")
