from .fields import LAST_WEEK, WEEK_CHOICES, WEEKDAY_CHOICES
from .pages import EventIndexPage, EventPage, ReceptionSchedulePage
from .reference import Absence, EventTopic, Official, Place, ReceptionException, ReceptionRule
from .signups import ReceptionSession, SignUp

__all__ = [
    "Absence",
    "LAST_WEEK",
    "WEEKDAY_CHOICES",
    "WEEK_CHOICES",
    "EventIndexPage",
    "EventPage",
    "EventTopic",
    "Official",
    "Place",
    "ReceptionException",
    "ReceptionRule",
    "ReceptionSchedulePage",
    "ReceptionSession",
    "SignUp",
]
