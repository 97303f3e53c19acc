"""Half-year reports as web pages with computed statistics."""

from .pages import ReportIndexPage, ReportPage
from .snapshots import RegisterSnapshot
from .statistics import StatisticsPage
from .statistics_snapshot import StatisticsSnapshot

__all__ = ["RegisterSnapshot", "ReportIndexPage", "ReportPage", "StatisticsPage", "StatisticsSnapshot"]
