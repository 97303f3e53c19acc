"""Admin pieces of the personal-data policy.

- ``PersonalDataExportMixin``: for an index view whose every export is
  personal data (sign-ups): refused without the export permission (403, no
  buttons shown), and each export recorded once.
- ``PersonalDataChooserViewSet``: Wagtail's snippet chooser (choose, results,
  chosen, chosen-multiple, create) only for users with a permission on the
  model; Wagtail leaves choosers open to every admin user.
- ``guarded_bulk_actions()``: the snippet bulk actions of the personal-data
  models only for such users (Wagtail lists the selected items, with their
  names, on its confirmation page even to users it will then refuse).
- ``ExportLogViewSet``: «Журнал выгрузок персональных данных», read-only.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser as snippet_chooser

from privacy import policy, services
from privacy.models import PersonalDataExport


class PersonalDataExportMixin:
    """For an IndexView: every export is personal data of ``export_dataset``."""

    export_dataset: str

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") in self.FORMATS and not policy.can_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and policy.can_export(self.request.user)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        services.record_export(
            dataset=self.export_dataset,
            actor=self.request.user,
            export_format=spreadsheet_format,
            query=services.query_of(self.request.GET),
            rows=queryset.count(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class _SeeModelRequired:
    """Refuses (403) users without any permission on the chooser's model."""

    def dispatch(self, request, *args, **kwargs):
        if not policy.can_see(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(_SeeModelRequired, snippet_chooser.ChooseView):
    pass


class ChooseResultsView(_SeeModelRequired, snippet_chooser.ChooseResultsView):
    pass


class ChosenView(_SeeModelRequired, snippet_chooser.SnippetChosenView):
    pass


class ChosenMultipleView(_SeeModelRequired, snippet_chooser.SnippetChosenMultipleView):
    pass


class CreateView(_SeeModelRequired, snippet_chooser.SnippetCreateView):
    pass


class PersonalDataChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


def guarded_bulk_actions(model) -> list[type]:
    """Wagtail's snippet bulk actions for ``model``, refused (403) to users who may not see it."""

    class GuardedDeleteBulkAction(DeleteBulkAction):
        models = [model]

        def dispatch(self, request, *args, **kwargs):
            if not policy.can_see(request.user, model):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)

    GuardedDeleteBulkAction.__name__ = f"Guarded{model.__name__}DeleteBulkAction"
    return [GuardedDeleteBulkAction]


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a log row, superusers included."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(["view"], **kwargs)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


LOG_TITLE = "Журнал выгрузок персональных данных"


EXPORT_FORMS = ("выгрузка персональных данных", "выгрузки персональных данных", "выгрузок персональных данных")


class ExportLogPaginator(WagtailPaginator):
    """The count under the table: «1 выгрузка», «3 выгрузки», «5 выгрузок» (home.templatetags.admin_counts)."""

    count_forms = EXPORT_FORMS


class ExportLogIndexView(IndexView):
    """The log's title, and Russian sentences of its own where Wagtail's generic ones decline badly."""

    page_title = LOG_TITLE
    paginator_class = ExportLogPaginator

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return "Нет выгрузок персональных данных, подходящих под фильтр или поиск."
        return "Выгрузок персональных данных ещё не было."


class ExportLogInspectView(InspectView):
    """A record's page: the breadcrumb back to the log says the log's title."""

    def get_breadcrumbs_items(self):
        index_url = reverse(self.index_url_name)
        return [
            {**item, "label": LOG_TITLE} if item.get("url") == index_url else item
            for item in super().get_breadcrumbs_items()
        ]


class ExportLogViewSet(ModelViewSet):
    model = PersonalDataExport
    index_view_class = ExportLogIndexView
    inspect_view_class = ExportLogInspectView
    icon = "download"
    menu_label = "Журнал выгрузок"
    menu_name = "personal-data-exports"
    menu_order = 330
    add_to_admin_menu = True
    url_prefix = "personal-data-exports"
    name = "personal_data_exports"
    inspect_view_enabled = True
    list_display = [
        # The exact local time (dd.mm.yyyy HH:MM): Wagtail's DateColumn says «только что», «2 часа назад».
        Column("created_at", label="Когда", accessor="created_display", sort_key="created_at"),
        Column("actor_username", label="Сотрудник", sort_key="actor_username"),
        Column("dataset", label="Что выгружено", accessor="get_dataset_display", sort_key="dataset"),
        Column("export_format", label="Формат"),
        Column("rows", label="Строк", sort_key="rows"),
        Column("query", label="Фильтр и поиск", accessor="query_display"),
    ]
    list_filter = ["dataset", "export_format"]
    search_fields = ["actor_username"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_fields = ["created_display", "actor_username", "dataset", "export_format", "rows", "query_display"]
    form_fields = []

    def get_urlpatterns(self):
        allowed = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in allowed]
