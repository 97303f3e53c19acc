"""The reports' section of the home page (home.now): the latest published report."""

from __future__ import annotations

from datetime import date

from home.now import HomeSection
from reports.models import ReportIndexPage
from reports.selectors import published_reports


def home_sections(*, home, today: date) -> list[HomeSection]:
    index = ReportIndexPage.objects.on_site().descendant_of(home).first()
    reports = published_reports(index) if index is not None else []
    if not reports:
        return []
    return [HomeSection(30, "reports/home_latest_report.html", {"report": reports[0], "index_url": index.url})]
