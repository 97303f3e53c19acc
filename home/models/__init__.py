from .pages import HomePage, SectionIndexPage, StandardPage
from .ratelimit import RateLimitCounter
from .scheduler import ScheduledRun
from .searchindex import SearchIndexState
from .settings import DepartmentSettings, FooterMenuItem, MainMenuItem, NavigationSettings

__all__ = [
    "DepartmentSettings",
    "HomePage",
    "FooterMenuItem",
    "MainMenuItem",
    "NavigationSettings",
    "RateLimitCounter",
    "ScheduledRun",
    "SearchIndexState",
    "SectionIndexPage",
    "StandardPage",
]
