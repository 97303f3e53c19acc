"""The queue's columns, each cell rendered in Python: 50 rows × 8 columns are 400 cells a page.

Wagtail renders every cell with its own template (context, includes, the
``{% status %}`` tag): at 50 rows that was most of the listing's CPU time
(``make bench-scale``). These columns keep Wagtail's markup (the same
``<td>`` classes, links, status tags) but build it with ``format_html``, and
``AppealTable`` renders the body rows in one pass; the headers (sort links)
stay Wagtail's templates.
"""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.ui.tables import Column, StatusTagColumn, Table, TitleColumn

from appeals_form import selectors
from appeals_form.workflow import dates

from .filters import officer_label


def _td(column, content: str) -> SafeString:
    if column.classname:
        return format_html('<td class="{}">{}</td>', column.classname, content)
    return format_html("<td>{}</td>", content)


class PythonCellMixin:
    """A column whose cell is ``cell_html(instance, context)``, without a template."""

    def render_cell_html(self, instance, parent_context):
        return self.cell_html(instance, parent_context)

    def cell_html(self, instance, parent_context) -> SafeString:
        value = self.get_value(instance)
        return _td(self, "" if value is None or not str(value).strip() else value)


class TextColumn(PythonCellMixin, Column):
    pass


class NumberLinkColumn(PythonCellMixin, TitleColumn):
    """The registration number, linked to the appeal's card (Wagtail's title cell markup)."""

    def cell_html(self, instance, parent_context) -> SafeString:
        classname = f"{self.classname} title" if self.classname else "title"
        urls = parent_context.get("detail_urls") if parent_context else None
        return format_html(
            '<td class="{}"><div class="title-wrapper"><a href="{}">{}</a></div></td>',
            classname,
            urls.url(instance.pk) if urls else self.get_link_url(instance, parent_context),
            self.get_value(instance) or self.empty_value_display,
        )


class StatusColumn(PythonCellMixin, StatusTagColumn):
    def cell_html(self, instance, parent_context) -> SafeString:
        classname = "w-status w-status--primary" if self.get_primary(instance) else "w-status"
        return _td(self, format_html('<span class="{}">{}</span>', classname, self.get_value(instance)))


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


class DateTimeColumn(PythonCellMixin, Column):
    def cell_html(self, instance, parent_context) -> SafeString:
        value = self.get_value(instance)
        if not value:
            return _td(self, "")
        value = _local(value)
        return _td(
            self,
            format_html(
                '<time datetime="{}">{}</time>', dateformat.format(value, "c"), dateformat.format(value, "d.m.Y H:i")
            ),
        )


def _deadline_tag(deadline: selectors.Deadline, appeal) -> SafeString:
    if deadline.days_left is not None:
        if deadline.overdue:
            modifier = "overdue"
        elif deadline.due_soon:
            modifier = "soon"
        else:
            modifier = "ok"
        return format_html('<br><span class="appeal-tag appeal-tag--{}">{}</span>', modifier, deadline.label)
    if appeal.answered_late:
        return mark_safe('<br><span class="appeal-tag appeal-tag--overdue">с нарушением срока</span>')
    return mark_safe("")


class DeadlineColumn(PythonCellMixin, Column):
    """The due date and the working days left; the tag says it in words, not only in colour."""

    def cell_html(self, instance, parent_context) -> SafeString:
        on = parent_context.get("today") if parent_context else None
        deadline = selectors.deadline_of(instance, on=on or dates.today())
        due: date = deadline.due_date
        extended = mark_safe(' <span class="appeal-queue__muted">(продлён)</span>') if instance.is_extended else ""
        return _td(
            self,
            format_html(
                '<time datetime="{}">{}</time>{}{}',
                due.isoformat(),
                due.strftime("%d.%m.%Y"),
                extended,
                _deadline_tag(deadline, instance),
            ),
        )


class _DetailURLs:
    """The card's URL for any id from one ``reverse()`` (50 a page otherwise)."""

    SAMPLE = 2147483647

    def __init__(self):
        self.prefix, _, self.suffix = reverse("appeal_queue:detail", args=[self.SAMPLE]).rpartition(str(self.SAMPLE))

    def url(self, pk: int) -> str:
        return f"{self.prefix}{int(pk)}{self.suffix}"


class AppealTable(Table):
    """Wagtail's table with the body rendered in one pass (the cells above need no template)."""

    template_name = "appeals_form/admin/table.html"

    def body_html(self) -> SafeString:
        context = {"today": dates.today(), "detail_urls": _DetailURLs()}
        columns = list(self.columns.values())
        rows = (
            format_html_join("", "{}", ((column.render_cell_html(instance, context),) for column in columns))
            for instance in self.data
        )
        return format_html_join("\n", "<tr>{}</tr>", ((row,) for row in rows))


def _detail_url(appeal) -> str:
    return reverse("appeal_queue:detail", args=[appeal.pk])


def _executor(appeal) -> str:
    return officer_label(appeal.executor) if appeal.executor else ""


def _topic(appeal) -> str | None:
    return appeal.topic.title if appeal.topic else None


def _addressee(appeal) -> str | None:
    return appeal.addressee.name if appeal.addressee else None


def _applicant(appeal) -> str:
    return appeal.full_name


# What the columns below read (the listing loads nothing else; a field missing here
# would be read by one query per row: tests/perf/test_queue_budgets.py).
LISTED_FIELDS = (
    "number",
    "received_at",
    "surname",
    "first_name",
    "patronymic",
    "status",
    "due_date",
    "extended_at",
    "answered_late",
    "topic__title",
    "addressee__name",
    "executor__first_name",
    "executor__last_name",
    "executor__username",
)

COLUMNS = [
    NumberLinkColumn("number", label="Номер", sort_key="number", get_url=_detail_url, classname="appeal-number"),
    DateTimeColumn("received_at", label="Поступило", sort_key="received_at"),
    TextColumn("applicant", label="Заявитель", accessor=_applicant, sort_key="surname"),
    TextColumn("topic", label="Тема", accessor=_topic, sort_key="topic__title"),
    TextColumn("addressee", label="Адресат", accessor=_addressee, sort_key="addressee__name"),
    TextColumn("executor", label="Исполнитель", accessor=_executor, sort_key="executor__last_name"),
    StatusColumn(
        "status",
        label="Статус",
        accessor="get_status_display",
        sort_key="status",
        primary=lambda appeal: appeal.is_open,
    ),
    DeadlineColumn("due_date", label="Срок рассмотрения", sort_key="due_date", classname="appeal-deadline"),
]
