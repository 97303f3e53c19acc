"""Filters of the appeal queue (django-filter through Wagtail's filter drawer)."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django_filters.fields import DateRangeField
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from appeals_form import selectors
from appeals_form.models import CLASSIFIER_SECTIONS, Addressee, Appeal, Topic
from appeals_form.workflow import dates
from home.pagecache import fragments
from identity.types import METHOD_LABELS

from . import widgets

YES = "1"
MAX_DUE_WITHIN_DAYS = 366


class OrderedDateRangeField(DateRangeField):
    """A period whose start is not after its end (a reversed one used to find nothing, silently)."""

    def clean(self, value):
        period = super().clean(value)
        if period is not None and period.start and period.stop and period.start > period.stop:
            raise ValidationError("Начало периода позже его конца: поменяйте даты местами.", code="reversed")
        return period


class PeriodFilter(django_filters.DateFromToRangeFilter):
    field_class = OrderedDateRangeField


def officer_label(user) -> str:
    return user.get_full_name() or user.get_username()


class AppealFilterSet(WagtailFilterSet):
    # distinct=False: a status is a column of the appeal itself, no join can repeat a row
    # (django-filter's default SELECT DISTINCT would compare all ~50 columns).
    status = django_filters.MultipleChoiceFilter(
        label="Статус", choices=Appeal.Status.choices, widget=widgets.CheckboxSelectMultiple, distinct=False
    )
    overdue = django_filters.ChoiceFilter(
        label="Просроченные",
        choices=[(YES, "Только просроченные (срок истёк, ответа нет)")],
        empty_label="Все",
        method="filter_overdue",
        widget=widgets.RadioSelect,
    )
    due_within = django_filters.NumberFilter(
        label="Срок истекает в течение, рабочих дней",
        method="filter_due_within",
        min_value=0,
        max_value=MAX_DUE_WITHIN_DAYS,
        help_text="Открытые обращения со сроком от сегодня до указанного числа рабочих дней вперёд.",
    )
    # Reference lists as plain choices (filled in __init__): a model choice field would
    # read its row again to clean the value. Topics and addressees are kept per process
    # until the generation changes (every change to them replaces it): no query; the
    # officers are read once per request. Each select is rendered once per set of
    # choices and value (widgets.KeptChoiceMixin).
    topic = django_filters.ChoiceFilter(label="Тема", field_name="topic", widget=widgets.Select)
    section = django_filters.ChoiceFilter(
        label="Раздел классификатора",
        choices=[(code, f"{code} {name}") for code, name in CLASSIFIER_SECTIONS.items()],
        method="filter_section",
        widget=widgets.Select,
    )
    # Both lists come from the kept addressees.
    addressee = django_filters.ChoiceFilter(label="Адресат", field_name="addressee", widget=widgets.Select)
    department = django_filters.ChoiceFilter(
        label="Ответственное подразделение", field_name="department", widget=widgets.Select
    )
    executor = django_filters.ChoiceFilter(label="Исполнитель", field_name="executor", widget=widgets.Select)
    identity_method = django_filters.ChoiceFilter(
        label="Способ идентификации", choices=list(METHOD_LABELS.items()), widget=widgets.Select
    )
    kind = django_filters.ChoiceFilter(label="Вид обращения", choices=Appeal.Kind.choices, widget=widgets.Select)
    period = PeriodFilter(label="Период регистрации", field_name="registered_at", widget=DateRangePickerWidget)

    class Meta:
        model = Appeal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["topic"].extra["choices"] = lambda: self._topics
        self.filters["executor"].extra["choices"] = lambda: self._officers
        self.filters["addressee"].extra["choices"] = lambda: [(pk, name) for pk, name, _ in self._addressees]
        self.filters["department"].extra["choices"] = lambda: [
            (pk, name) for pk, name, kind in self._addressees if kind == Addressee.Kind.BODY
        ]

    @cached_property
    def _topics(self) -> list[tuple[int, str]]:
        return fragments.kept("appeals_form.queue_topics", lambda: list(Topic.objects.values_list("pk", "title")))

    @cached_property
    def _officers(self) -> list[tuple[int, str]]:
        return [(user.pk, officer_label(user)) for user in selectors.appeals_officers()]

    @cached_property
    def _addressees(self) -> list[tuple[int, str, str]]:
        return fragments.kept(
            "appeals_form.queue_addressees", lambda: list(Addressee.objects.values_list("pk", "name", "kind"))
        )

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
