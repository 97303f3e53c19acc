"""The admin dashboard panel of the appeal queue: new, in work, due soon, overdue."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from wagtail.admin.ui.components import Component

from appeals_form import selectors
from appeals_form.models import Appeal
from appeals_form.workflow import dates

from .access import INDEX_URL_NAME, user_can


def queue_url(**params) -> str:
    """The queue's listing with these filters (a list value repeats its parameter)."""
    index = reverse(INDEX_URL_NAME)
    return f"{index}?{urlencode(params, doseq=True)}" if params else index


def open_queue_url() -> str:
    """The work queue: the appeals still to be answered (the filter shows, and clears to list every appeal)."""
    return queue_url(status=[value for value, _ in Appeal.Status.choices if value in Appeal.OPEN_STATUSES])


class AppealQueuePanel(Component):
    name = "appeal_queue"
    template_name = "appeals_form/admin/dashboard_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def is_shown(self) -> bool:
        return user_can(self.request.user, "view")

    def render_html(self, parent_context=None) -> str:
        if not self.is_shown():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        today = dates.today()
        counts = selectors.dashboard_counts(on=today)
        soon_days = settings.APPEALS_DUE_SOON_WORKING_DAYS
        return {
            "today": today,
            "open_url": open_queue_url(),
            "index_url": queue_url(),
            "items": [
                {
                    "key": "new",
                    "label": "Новые (не назначены)",
                    "count": counts.new,
                    "url": queue_url(status=Appeal.Status.REGISTERED),
                },
                {
                    "key": "in_work",
                    "label": "На рассмотрении",
                    "count": counts.in_work,
                    "url": queue_url(status=Appeal.Status.IN_WORK),
                },
                {
                    "key": "due_soon",
                    "label": f"Срок истекает в течение {soon_days} раб. дн.",
                    "count": counts.due_soon,
                    "url": queue_url(due_within=soon_days),
                },
                {
                    "key": "overdue",
                    "label": "Просрочены",
                    "count": counts.overdue,
                    "url": queue_url(overdue=1),
                    "alert": counts.overdue > 0,
                },
            ],
        }
