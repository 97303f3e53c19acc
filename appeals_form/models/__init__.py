from .answers import PublishedAnswerIndexPage, PublishedAnswerPage
from .appeal import Appeal, AppealCounter, Attachment, CoAuthor
from .history import AppealEvent
from .pages import AppealFormPage
from .reference import CLASSIFIER_SECTIONS, Addressee, Topic
from .routing import RoutingRule

__all__ = [
    "CLASSIFIER_SECTIONS",
    "Addressee",
    "Appeal",
    "AppealCounter",
    "AppealEvent",
    "AppealFormPage",
    "Attachment",
    "CoAuthor",
    "PublishedAnswerIndexPage",
    "PublishedAnswerPage",
    "RoutingRule",
    "Topic",
]
