"""Wagtail's own spreadsheet exports, with the portal's formula rule (``home.spreadsheet_text``).

Wagtail's reports (site history, locked pages, aging pages, page types usage,
workflows and their tasks) and its redirects listing export CSV cells as they
are: a page titled ``=HYPERLINK("http://…";"Открыть")``, a workflow or user
named ``@SUM(…)`` became a live formula in the spreadsheet of whoever opened
the export. Each view is subclassed here with ``FormulaSafeExportMixin`` and
served at Wagtail's own addresses: ``portal/urls.py`` puts ``urlpatterns``
before Wagtail's admin, so every link (the menu's «Отчёты», the page usage
screen, the export buttons) reverses Wagtail's URL names and reaches these
views. The admin's access check and ``never_cache`` are Wagtail's own.

``tests/privacy/test_export_formulas.py`` finds every exporting view on the
resolver and fails if the one that answers an address lacks the rule.
"""

from __future__ import annotations

from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectsIndexView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home.spreadsheet_text import FormulaSafeExportMixin


class SafeLockedPagesView(FormulaSafeExportMixin, LockedPagesView):
    pass


class SafeWorkflowView(FormulaSafeExportMixin, WorkflowView):
    pass


class SafeWorkflowTasksView(FormulaSafeExportMixin, WorkflowTasksView):
    pass


class SafeLogEntriesView(FormulaSafeExportMixin, LogEntriesView):
    pass


class SafeAgingPagesView(FormulaSafeExportMixin, AgingPagesView):
    pass


class SafePageTypesUsageReportView(FormulaSafeExportMixin, PageTypesUsageReportView):
    pass


class SafeRedirectsIndexView(FormulaSafeExportMixin, RedirectsIndexView):
    pass


# Wagtail's routes and names (wagtail/admin/urls/reports.py), each with its listing and its results.
_REPORTS = [
    ("locked/", "locked_pages", SafeLockedPagesView),
    ("workflow/", "workflow", SafeWorkflowView),
    ("workflow_tasks/", "workflow_tasks", SafeWorkflowTasksView),
    ("site-history/", "site_history", SafeLogEntriesView),
    ("aging-pages/", "aging_pages", SafeAgingPagesView),
    ("page-types-usage/", "page_types_usage", SafePageTypesUsageReportView),
]


def _listing(route: str, name: str, view) -> list:
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


_report_urls = [pattern for route, name, view in _REPORTS for pattern in _listing(route, name, view)]
# Only the listing of redirects: adding, editing and importing fall through to Wagtail's own routes.
_redirect_urls = _listing("", "index", SafeRedirectsIndexView)

urlpatterns = decorate_urlpatterns(
    [
        path("reports/", include((_report_urls, "portal_reports"))),
        path("redirects/", include((_redirect_urls, "portal_redirects"))),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
