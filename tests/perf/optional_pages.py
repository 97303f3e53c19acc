"""Budget cases of the page types of apps that may not exist yet (regulations, reports).

Each builder follows the protocol of tests/perf/test_query_budgets.py:
``setup(home) -> url`` with one row, ``grow(home, count)``, ``shown`` (None
here: those apps' own tests check what their pages list, e.g. the paginated
list of acts). An app contributes its cases only when its page models and
factories import; until then the list is empty.
"""

from __future__ import annotations


def builders() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    found.extend(_regulations())
    found.extend(_reports())
    found.extend(_opendata())
    return found


def _regulations() -> list[tuple[str, object]]:
    try:
        from regulations.factories import (
            RegulationAmendmentFactory,
            RegulationIndexPageFactory,
            RegulationPageFactory,
            RegulationRelatedActFactory,
        )
    except ImportError:
        return []

    class RegulationIndex:
        """The list of acts, with as many acts as rows."""

        shown = None

        def setup(self, home):
            self.index = RegulationIndexPageFactory(parent=home, slug="dokumenty")
            self.grow(home, 1)
            return self.index.url

        def grow(self, home, count):
            for _ in range(count):
                RegulationPageFactory(parent=self.index)

    class Regulation:
        """An act with as many amendments and related acts as rows."""

        shown = None

        def setup(self, home):
            self.index = RegulationIndexPageFactory(parent=home, slug="dokumenty")
            self.act = RegulationPageFactory(parent=self.index, slug="reglament")
            self.grow(home, 1)
            return self.act.url

        def grow(self, home, count):
            for _ in range(count):
                RegulationAmendmentFactory(page=self.act)
                RegulationRelatedActFactory(page=self.act, act=RegulationPageFactory(parent=self.index))

    return [("regulation-index", RegulationIndex()), ("regulation", Regulation())]


def _reports() -> list[tuple[str, object]]:
    try:
        from reports.factories import ReportIndexPageFactory, ReportPageFactory
    except ImportError:
        return []

    class ReportIndex:
        """The list of reports, one per period, as many as rows."""

        shown = None

        def setup(self, home):
            self.index = ReportIndexPageFactory(parent=home, slug="otchety")
            self.years = iter(range(2030, 2100))
            self.grow(home, 1)
            return self.index.url

        def grow(self, home, count):
            for _ in range(count):
                ReportPageFactory(parent=self.index, period_year=next(self.years))

    class Report(ReportIndex):
        """A report among as many reports as rows."""

        def setup(self, home):
            super().setup(home)
            self.report = ReportPageFactory(parent=self.index, period_year=2020, slug="otchet-2020")
            return self.report.url

    return [("report-index", ReportIndex()), ("report", Report())]


def _opendata() -> list[tuple[str, object]]:
    try:
        from opendata.models import DatasetVersion, OpenDataCatalogPage
    except ImportError:
        return []

    class Catalogue:
        """The open data catalogue, with as many stored older versions of a data set as rows."""

        shown = None

        def setup(self, home):
            self.page = home.add_child(
                instance=OpenDataCatalogPage(title="Открытые данные", slug="opendata", publisher_inn="1234567894")
            )
            self.days = iter(range(1, 10_000))
            self.grow(home, 1)
            return self.page.url

        def grow(self, home, count):
            from datetime import date, timedelta

            for _ in range(count):
                DatasetVersion.objects.create(
                    identifier="regulations",
                    version=date(2000, 1, 1) + timedelta(days=next(self.days)),
                    structure=date(2026, 12, 4),
                    content="title\r\n",
                    structure_content="field name\r\n",
                )

    return [("opendata-catalogue", Catalogue())]
