from .appeal import Appeal, AppealCounter, Attachment, CoAuthor
from .history import AppealEvent
from .pages import AppealFormPage
from .reference import CLASSIFIER_SECTIONS, Addressee, Topic

__all__ = [
    "CLASSIFIER_SECTIONS",
    "Addressee",
    "Appeal",
    "AppealCounter",
    "AppealEvent",
    "AppealFormPage",
    "Attachment",
    "CoAuthor",
    "Topic",
]
