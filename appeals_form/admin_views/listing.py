"""The queue's listing: columns, search over the database, export with the personal-data rule."""

from collections import OrderedDict

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView

from appeals_form import exports, selectors
from appeals_form.workflow import dates, records
from privacy.services import query_of

from .filters import officer_label

SEARCH_FIELDS = ("number", "surname", "first_name", "patronymic", "email")
MAX_SEARCH_WORDS = 6


class DateTimeColumn(Column):
    cell_template_name = "appeals_form/admin/cells/datetime.html"


class DeadlineColumn(Column):
    """The due date and the working days left; overdue appeals get a red tag."""

    cell_template_name = "appeals_form/admin/cells/deadline.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["deadline"] = selectors.deadline_of(instance, on=dates.today())
        context["appeal"] = instance
        return context


def _detail_url(appeal) -> str:
    return reverse("appeal_queue:detail", args=[appeal.pk])


COLUMNS = [
    TitleColumn("number", label="Номер", sort_key="number", get_url=_detail_url, classname="appeal-number"),
    DateTimeColumn("received_at", label="Поступило", sort_key="received_at"),
    Column("applicant", label="Заявитель", accessor="full_name", sort_key="surname"),
    Column("topic", label="Тема", accessor="topic.title", sort_key="topic__title"),
    Column("addressee", label="Адресат", accessor="addressee.name", sort_key="addressee__name"),
    Column(
        "executor",
        label="Исполнитель",
        accessor=lambda appeal: officer_label(appeal.executor) if appeal.executor else "",
        sort_key="executor__last_name",
    ),
    StatusTagColumn(
        "status",
        label="Статус",
        accessor="get_status_display",
        sort_key="status",
        primary=lambda appeal: appeal.is_open,
    ),
    DeadlineColumn("due_date", label="Срок (рабочие дни)", sort_key="due_date", classname="appeal-deadline"),
]


def search_q(query: str) -> Q:
    """Every word of the query in one of the fields: number, surname, name, patronymic, e-mail.

    SQLite compares only ASCII letters case-insensitively, so each word is also
    tried lower-cased, capitalised and upper-cased (Cyrillic names).
    """
    condition = Q()
    for word in query.split()[:MAX_SEARCH_WORDS]:
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        word_q = Q()
        for field in SEARCH_FIELDS:
            for variant in variants:
                word_q |= Q(**{f"{field}__icontains": variant})
        condition &= word_q
    return condition


class AppealIndexView(IndexView):
    page_title = "Обращения граждан"
    export_headings = {column.key: column.heading for column in exports.COLUMNS}

    def get_base_queryset(self):
        queryset = selectors.queue_appeals()
        if self.is_export and self.export_personal_data:
            queryset = queryset.prefetch_related("co_authors")
        return queryset

    @cached_property
    def columns(self):
        return COLUMNS

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(search_q(self.search_query))

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order for pagination when sorting by a column with ties.
        if self.ordering and not isinstance(self.ordering, (list, tuple)):
            queryset = queryset.order_by(self.ordering, "-pk")
        return queryset

    # -- export ---------------------------------------------------------

    @cached_property
    def export_personal_data(self) -> bool:
        return exports.can_export_personal_data(self.request.user)

    @cached_property
    def export_columns(self):
        return exports.columns_for(personal=self.export_personal_data)

    @property
    def list_export(self):
        return [column.key for column in self.export_columns]

    def get_filename(self):
        return f"obrashcheniya-{dates.today():%Y-%m-%d}"

    def to_row_dict(self, item):
        return OrderedDict((column.key, exports.defuse_formula(column.value(item))) for column in self.export_columns)

    def get_heading(self, queryset, field):
        return self.export_headings[field]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.export_personal_data:
            records.record_personal_data_export(
                actor=self.request.user,
                export_format=spreadsheet_format,
                query=query_of(self.request.GET),
                rows=queryset.count(),
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)
