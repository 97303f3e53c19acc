"""Admin hooks: after a report is saved, warn about typed figures that disagree with the computed ones.

The warning never blocks saving or publishing; the edit page shows the same
list in its «Проверка расчётов» panel.
"""

from django.contrib import messages
from django.utils.html import format_html, format_html_join
from wagtail import hooks

from reports import kinds
from reports.models import ReportPage

MAX_LISTED = 10


def warn_about_discrepancies(request, page) -> None:
    if not isinstance(page, ReportPage):
        return
    found = kinds.discrepancies(page.body)
    if not found:
        return
    listed = format_html_join("", "<li>{}</li>", ((item.full_message,) for item in found[:MAX_LISTED]))
    more = format_html("<li>…и ещё {}</li>", len(found) - MAX_LISTED) if len(found) > MAX_LISTED else ""
    messages.warning(
        request,
        format_html(
            "Расхождения с исходным документом: {}. На сайте показываются вычисленные значения.<ul>{}{}</ul>",
            len(found),
            listed,
            more,
        ),
    )


@hooks.register("after_edit_page")
def after_edit_report(request, page):
    warn_about_discrepancies(request, page)


@hooks.register("after_create_page")
def after_create_report(request, page):
    warn_about_discrepancies(request, page)


@hooks.register("portal_home_sections")
def home_page_sections(*, home, today, now):
    from reports.home import home_sections

    return home_sections(home=home, today=today)
