from .pages import HomePage, SectionIndexPage, StandardPage
from .settings import DepartmentSettings, FooterMenuItem, MainMenuItem, NavigationSettings

__all__ = [
    "DepartmentSettings",
    "HomePage",
    "FooterMenuItem",
    "MainMenuItem",
    "NavigationSettings",
    "SectionIndexPage",
    "StandardPage",
]
