"""Regulation pages: laws, resolutions and the regulation of the department."""

from .choices import CURRENT_STATUSES, Kind, Status
from .pages import RegulationIndexPage, RegulationPage
from .related import RegulationAmendment, RegulationRelatedAct

__all__ = [
    "CURRENT_STATUSES",
    "Kind",
    "RegulationAmendment",
    "RegulationIndexPage",
    "RegulationPage",
    "RegulationRelatedAct",
    "Status",
]
