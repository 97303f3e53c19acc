"""The queue's listing: columns, indexed search, cheap deep pages, streamed export with the personal-data rule.

At the size of a department's five years (100,000 appeals, ``make bench-scale``):
- the default order (due date, newest first) has its index (``appeals_due_id_idx``);
- a page is found on the appeal table alone (ids, LIMIT/OFFSET, an index-only
  scan) and only its 50 rows are joined with topics, addressees and executors
  (``DeferredJoinPaginator``): one query, however deep the page;
- the search uses PostgreSQL's trigram and full-text indexes (``search``);
- exports stream (``appeals_form.spreadsheets``) and a personal-data export is
  recorded once, with its filter and row count.
"""

from django.contrib import messages
from django.db.models import F
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import Button

from appeals_form import exports, selectors, spreadsheets
from appeals_form.workflow import dates, records
from home import xlsx_stream
from home.spreadsheet_text import FormulaSafeExportMixin
from privacy.services import query_of

from . import search
from .columns import COLUMNS, LISTED_FIELDS, AppealTable

SEARCH_FIELDS = (*search.FIELDS, search.TEXT_FIELD)


class DeferredJoinPaginator(WagtailPaginator):
    """Pages found on the appeal table alone; only the page's rows are joined.

    ``OFFSET`` over the joined listing makes PostgreSQL join every skipped row
    (page 400 joins 20,000); here the page's ids come from a subquery ordered
    like the listing and the outer query joins those 50 only.

    A listing of few rows (at most ``FEW_ROWS``: a search for an e-mail or a
    rare word) reads its ids first, unordered, from the search indexes, and
    orders only those: in an ordered subquery PostgreSQL walks the order's
    index and tests the condition on every row until it fills a page (1.1 s
    for one e-mail among 100,000 appeals, ``make bench-scale``).
    """

    FEW_ROWS = 5_000

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        if self.count <= self.FEW_ROWS:
            matching = list(queryset.order_by().values_list("pk", flat=True))
            ids = queryset.model._default_manager.filter(pk__in=matching).order_by(*queryset.query.order_by)
            ids = ids.values("pk")[bottom:top]
        else:
            ids = queryset.values("pk")[bottom:top]
        rows = queryset.model._default_manager.filter(pk__in=ids).order_by(*queryset.query.order_by)
        if self.row_fields:
            related = {name.split("__")[0] for name in self.row_fields if "__" in name}
            rows = rows.select_related(*sorted(related)).only(*self.row_fields)
        else:
            rows.query.select_related = queryset.query.select_related
        return self._get_page(rows, number, self)


# Columns sorted by people's names, and the names they sort by.
NAME_ORDERINGS = {"surname": ("surname", "first_name", "patronymic")}


def name_ordering(ordering: str) -> list:
    """``ordering`` (a sort key, "-" for descending) as expressions, names folded; [] if not a name."""
    field = ordering.removeprefix("-")
    if field not in NAME_ORDERINGS:
        return []
    folded = [search.Folded(F(name)) for name in NAME_ORDERINGS[field]]
    return [name.desc() for name in folded] if ordering.startswith("-") else [name.asc() for name in folded]


class AppealPaginator(DeferredJoinPaginator):
    # Only what the columns show: not the appeal's text and the other ~35 columns, 50 times a page.
    row_fields = LISTED_FIELDS
    # The count under the list: «21 обращение», «5 обращений» (home.templatetags.admin_counts).
    count_forms = ("обращение", "обращения", "обращений")


class AppealIndexView(FormulaSafeExportMixin, IndexView):
    page_title = "Обращения граждан"
    paginator_class = AppealPaginator
    table_class = AppealTable

    results_template_name = "appeals_form/admin/index_results.html"

    def get_base_queryset(self):
        return selectors.queue_appeals()

    # -- a filter with a mistake lists nothing and says so (Wagtail lists every appeal) --

    @cached_property
    def filter_errors(self) -> list[tuple[str, str]]:
        """(the filter's label, the Russian message) of every filter that could not be read."""
        if not self.filters or self.filters.is_valid():
            return []
        form = self.filters.form
        return [
            (str(form.fields[name].label) if name in form.fields else "Фильтр", message)
            for name, errors in form.errors.items()
            for message in errors
        ]

    def get_filterset_kwargs(self):
        # A blank value is no filter («status=» from a cleared choice; a blank is no status to choose).
        data = self.request.GET.copy()
        for key in list(data):
            values = [value for value in data.getlist(key) if value.strip()]
            if values:
                data.setlist(key, values)
            else:
                del data[key]
        return {**super().get_filterset_kwargs(), "data": data}

    def filter_queryset(self, queryset):
        if self.filter_errors:
            return queryset.none()
        return super().filter_queryset(queryset)

    def render_to_response(self, context, **response_kwargs):
        if self.is_export and self.filter_errors:
            # Not an empty file, nor (as Wagtail would) every appeal: the listing with the message.
            for label, message in self.filter_errors:
                messages.error(self.request, f"Выгрузка не сделана: фильтр «{label}» с ошибкой. {message}")
            params = self.request.GET.copy()
            params.pop("export", None)
            params.pop("csv_separator", None)
            return redirect(f"{self.request.path}?{params.urlencode()}")
        return super().render_to_response(context, **response_kwargs)

    @cached_property
    def columns(self):
        return COLUMNS

    def get_context_data(self, *args, **kwargs):
        if self.is_export:
            # The export streams the queryset itself. Wagtail's listing context would
            # build the table and count an unpaginated listing with len(): every row in memory.
            return {"object_list": self.object_list}
        return super().get_context_data(*args, **kwargs)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(search.search_condition(self.search_query))

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order for pagination when sorting by a column with ties.
        if self.ordering and not isinstance(self.ordering, (list, tuple)):
            queryset = queryset.order_by(*(name_ordering(self.ordering) or [self.ordering]), "-pk")
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

    # The CSV for Russian Excel («;») gets a name of its own: both CSVs under one name overwrote each other.
    CSV_FILENAME_SUFFIXES = {";": "-excel", ",": ""}

    def get_filename(self):
        return f"obrashcheniya-{dates.today():%Y-%m-%d}"

    @cached_property
    def csv_separator(self) -> str:
        return spreadsheets.SEPARATORS.get(self.request.GET.get("csv_separator", ""), ",")

    @cached_property
    def header_more_buttons(self):
        buttons = [button for button in super().header_more_buttons if button.url != self.csv_export_url]
        if self.show_export_buttons:
            for button in buttons:
                if button.url == self.xlsx_export_url:
                    button.label = "Скачать XLSX (рекомендуется)"
            params = self.request.GET.copy()
            params["export"] = self.FORMAT_CSV
            params["csv_separator"] = "semicolon"
            buttons.append(
                Button(
                    "Скачать CSV для Excel (разделитель «;»)",
                    url=f"{self.request.path}?{params.urlencode()}",
                    icon_name="download",
                    priority=95,
                )
            )
            buttons.append(
                Button("Скачать CSV (разделитель «,»)", url=self.csv_export_url, icon_name="download", priority=100)
            )
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Stream the export; a personal-data export is recorded once (filter and row count) before the first byte."""
        ids = spreadsheets.export_ids(queryset)
        if self.export_personal_data:
            records.record_personal_data_export(
                actor=self.request.user,
                export_format=spreadsheet_format,
                query=query_of(self.request.GET),
                rows=len(ids),
            )
        rows = spreadsheets.iter_rows(queryset.model, ids, self.export_columns)
        filename = self.get_filename()
        if spreadsheet_format == self.FORMAT_XLSX:
            content = spreadsheets.stream_xlsx(rows, self.export_columns)
            response = StreamingHttpResponse(content, content_type=xlsx_stream.CONTENT_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
            return response
        response = StreamingHttpResponse(
            spreadsheets.stream_csv(rows, self.export_columns, separator=self.csv_separator),
            content_type="text/csv; charset=utf-8",
        )
        suffix = self.CSV_FILENAME_SUFFIXES[self.csv_separator]
        response["Content-Disposition"] = f'attachment; filename="{filename}{suffix}.csv"'
        return response
