"""The appeal queue in the Wagtail admin: a ModelViewSet with its own detail and action screens.

Appeals are never created, edited or deleted through generic forms: the
listing (with filters, search and export) comes from Wagtail, everything else
from the queue's own views, which go through ``appeals_form.workflow``.
"""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.viewsets.model import ModelViewSet

from appeals_form.models import Appeal

from . import actions, files, panels
from .detail import AppealDetailView
from .filters import AppealFilterSet
from .listing import SEARCH_FIELDS, AppealIndexView


class AppealURLFinder(ModelAdminURLFinder):
    edit_url_name = "appeal_queue:detail"


class AppealViewSet(ModelViewSet):
    model = Appeal
    name = "appeal_queue"
    url_prefix = "appeals"
    icon = "mail"
    menu_label = "Обращения"
    menu_name = "appeal-queue"
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False

    index_view_class = AppealIndexView
    index_template_name = "appeals_form/admin/index.html"
    filterset_class = AppealFilterSet
    search_fields = list(SEARCH_FIELDS)
    search_backend_name = None  # the database (ORM), never Wagtail's search index
    ordering = "due_date"
    list_per_page = 50
    # The export columns are decided per request by AppealIndexView (personal
    # columns need a permission), so list_export is not set here.

    @cached_property
    def menu_url(self):
        # The menu opens the work queue, most urgent first: a closed appeal of two years ago
        # has the earliest deadline and would otherwise top the list.
        return panels.open_queue_url()

    def get_common_view_kwargs(self, **kwargs):
        # No generic add/edit/delete/history/usage screens for appeals.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                "copy_url_name": None,
                **kwargs,
            }
        )

    @property
    def url_finder_class(self):
        return AppealURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", AppealDetailView.as_view(), name="detail"),
            path("<int:pk>/assign/", actions.AssignView.as_view(), name="assign"),
            path("<int:pk>/redirect/", actions.RedirectView.as_view(), name="redirect"),
            path("<int:pk>/extend/", actions.ExtendView.as_view(), name="extend"),
            path("<int:pk>/answer/", actions.AnswerView.as_view(), name="answer"),
            path("<int:pk>/no-answer/", actions.NoAnswerView.as_view(), name="no_answer"),
            path("<int:pk>/published-answer/", actions.PublishedAnswerView.as_view(), name="published_answer"),
            path("<int:pk>/complaint-against/", actions.ComplaintAgainstView.as_view(), name="complaint_against"),
            path("<int:pk>/close/", actions.CloseView.as_view(), name="close"),
            path("<int:pk>/answer-file/", files.AnswerFileDownloadView.as_view(), name="answer_file"),
            path("attachments/<int:pk>/", files.AttachmentDownloadView.as_view(), name="attachment"),
        ]
