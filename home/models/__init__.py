from .pages import HomePage, SectionIndexPage, StandardPage
from .ratelimit import RateLimitCounter
from .settings import DepartmentSettings, FooterMenuItem, MainMenuItem, NavigationSettings

__all__ = [
    "DepartmentSettings",
    "HomePage",
    "FooterMenuItem",
    "MainMenuItem",
    "NavigationSettings",
    "RateLimitCounter",
    "SectionIndexPage",
    "StandardPage",
]
