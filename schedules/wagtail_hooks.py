"""Admin screens of the schedules.

- «Приёмы» (menu group): officials with their reception rules and
  exceptions, places, event topics. Editors («Редакторы») and the appeals
  department manage them.
- «Записи на приём»: the sign-ups (personal data), only for users with their
  permissions (the appeals department): listing with filters and export,
  the day's sessions, the printout, cancelling with a notice.
"""

import django_filters
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from home.spreadsheet_text import FormulaSafeExportMixin
from privacy.admin import PersonalDataChooserViewSet, PersonalDataExportMixin, guarded_bulk_actions
from privacy.models import PersonalDataExport
from schedules import admin_views
from schedules.models import EventTopic, Official, Place, SignUp


class ExportIndexView(FormulaSafeExportMixin, IndexView):
    """A snippet listing whose CSV export shows typed text as text, never as a formula (home.spreadsheet_text)."""


class OfficialViewSet(SnippetViewSet):
    model = Official
    index_view_class = ExportIndexView
    icon = "user"
    menu_label = "Должностные лица"
    menu_name = "schedule-officials"
    list_display = ["full_name", "position", "department", "order", BooleanColumn("is_active", label="В графике")]
    list_filter = ["department", "is_active"]
    search_fields = ["surname", "first_name", "position", "department"]
    ordering = ["order", "surname"]
    list_export = ["surname", "first_name", "patronymic", "position", "department", "order", "is_active"]
    export_filename = "dolzhnostnye-litsa"
    list_per_page = 50


class PlaceViewSet(SnippetViewSet):
    model = Place
    index_view_class = ExportIndexView
    icon = "site"
    menu_label = "Места приёма"
    menu_name = "schedule-places"
    list_display = ["title", "address", "room"]
    search_fields = ["title", "address"]
    list_export = ["title", "address", "room", "directions", "accessibility", "map_url"]
    export_filename = "mesta-priema"


class EventTopicViewSet(SnippetViewSet):
    model = EventTopic
    index_view_class = ExportIndexView
    icon = "tag"
    menu_label = "Темы мероприятий"
    menu_name = "schedule-topics"
    list_display = ["title", "order"]
    search_fields = ["title"]
    ordering = ["order", "title"]
    list_export = ["title", "order"]


class ScheduleGroup(SnippetViewSetGroup):
    menu_label = "Приёмы"
    menu_icon = "date"
    menu_name = "schedules"
    menu_order = 310
    items = (OfficialViewSet, PlaceViewSet, EventTopicViewSet)


register_snippet(ScheduleGroup)


class SignUpFilterSet(WagtailFilterSet):
    session__date = django_filters.DateFromToRangeFilter(label="Дата приёма", widget=DateRangePickerWidget)
    session__official = django_filters.ModelChoiceFilter(
        label="Должностное лицо", queryset=Official.objects.order_by("order", "surname")
    )

    class Meta:
        model = SignUp
        fields = ["status"]


class SignUpIndexView(PersonalDataExportMixin, ExportIndexView):
    """Every column of a sign-up is personal data: export only with the permission, each one recorded."""

    export_dataset = PersonalDataExport.Dataset.SIGNUPS


class SignUpViewSet(SnippetViewSet):
    """Personal data: never indexed for search (the ORM searches), only for the appeals department.

    Wagtail's generic chooser and bulk-action views are closed too (privacy.admin).
    """

    model = SignUp
    index_view_class = SignUpIndexView
    chooser_viewset_class = PersonalDataChooserViewSet
    icon = "list-ul"
    menu_label = "Записи на приём"
    menu_name = "schedule-signups"
    menu_order = 320
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        Column("session", label="Приём", accessor="session"),
        Column("slot_start", label="Время", accessor="slot_start"),
        "full_name",
        "phone",
        Column("status", label="Состояние", accessor="get_status_display"),
    ]
    filterset_class = SignUpFilterSet
    search_fields = ["surname", "first_name", "phone", "email"]
    search_backend_name = None
    ordering = ["-session__date", "slot_start"]
    list_export = [
        "session",
        "slot_start",
        "surname",
        "first_name",
        "patronymic",
        "phone",
        "email",
        "question",
        "status",
        "created_at",
        "cancel_reason",
    ]
    export_filename = "zapisi-na-priem"
    inspect_view_fields = [
        "session",
        "slot_start",
        "surname",
        "first_name",
        "patronymic",
        "phone",
        "email",
        "question",
        "status",
        "created_at",
        "consent_version",
        "consent_given_at",
        "cancelled_at",
        "cancelled_by",
        "cancel_reason",
        "staff_note",
    ]

    def get_queryset(self, request):
        return SignUp.objects.select_related("session__official")

    @property
    def panels(self):
        from wagtail.admin.panels import FieldPanel

        return [FieldPanel("staff_note")]


register_snippet(SignUpViewSet)

# After Wagtail's own snippet bulk actions (order 0), so that these replace them for sign-ups.
for _action in guarded_bulk_actions(SignUp):
    hooks.register("register_bulk_action", _action, order=100)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def signups_menu_item():
    return PermissionMenuItem(
        "Запись на приём",
        reverse("schedules_admin:day"),
        name="schedule-signups-day",
        icon_name="date",
        order=320,
        permission=admin_views.VIEW_PERMISSION,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.DayView.as_view(), name="day"),
        path("print/", admin_views.print_day, name="print"),
        path("signup/<int:pk>/cancel/", admin_views.CancelView.as_view(), name="cancel"),
    ]
    return [path("schedules/", include((urls, "schedules_admin"), namespace="schedules_admin"))]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def cancel_signups_of_dropped_receptions(request, instance):
    """A vacation or a cancelled date: residents signed up for it are told by e-mail at once."""
    if not isinstance(instance, Official):
        return
    from django.contrib import messages

    from schedules import services

    cancelled = services.cancel_signups_of_dropped_receptions(official=instance)
    if cancelled:
        messages.warning(
            request,
            f"Отменено записей на приём: {cancelled}. Записавшимся отправлены письма с причиной отмены.",
        )


@hooks.register("portal_home_sections")
def home_page_sections(*, home, today, now):
    from schedules.home import home_sections

    return home_sections(home=home, today=today, now=now)


@hooks.register("portal_search_shortcuts")
def search_shortcuts(*, query, words, site_root):
    from schedules.search import shortcuts

    return shortcuts(query=query, words=words, site_root=site_root)


@hooks.register("portal_search_snippets")
def search_snippets(*, pages):
    from schedules.search import event_snippets

    return event_snippets(pages=pages)
