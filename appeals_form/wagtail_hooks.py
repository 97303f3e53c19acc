"""Admin screens of the appeals domain: the reference lists of the online form and the queue.

Addressees and topics are managed by the appeals department (group «Отдел по
работе с обращениями»); the menu and the screens appear only to users with
their permissions, so editors do not see them. Appeals themselves are never
snippets: their queue (``appeals_form.admin_views``) is a separate,
permission-checked ModelViewSet, with a dashboard panel for the same users.
"""

import django_filters
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from appeals_form.admin_views.panels import AppealQueuePanel
from appeals_form.admin_views.viewset import AppealViewSet
from appeals_form.models import CLASSIFIER_SECTIONS, Addressee, RoutingRule, Topic


class AddresseeViewSet(SnippetViewSet):
    model = Addressee
    icon = "user"
    menu_label = "Адресаты"
    menu_name = "appeal-addressees"
    menu_order = 100
    list_display = ["name", "kind", "order", BooleanColumn("is_active", label="В форме")]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    ordering = ["order", "name"]
    list_per_page = 50


class TopicFilterSet(WagtailFilterSet):
    section = django_filters.ChoiceFilter(
        label="Раздел классификатора",
        choices=[(code, f"{code} {name}") for code, name in CLASSIFIER_SECTIONS.items()],
        method="filter_section",
    )

    class Meta:
        model = Topic
        fields = ["is_active"]

    def filter_section(self, queryset, name, value):
        return queryset.filter(classifier_code__startswith=f"{value}.")


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Темы"
    menu_name = "appeal-topics"
    menu_order = 200
    list_display = [
        "title",
        "classifier_code",
        Column("section_name", label="Раздел классификатора"),
        "order",
        BooleanColumn("is_active", label="В форме"),
    ]
    filterset_class = TopicFilterSet
    search_fields = ["title", "classifier_code"]
    ordering = ["order", "title"]
    list_per_page = 50


class RoutingRuleViewSet(SnippetViewSet):
    model = RoutingRule
    icon = "resubmit"
    menu_label = "Правила распределения"
    menu_name = "appeal-routing-rules"
    menu_order = 300
    list_display = [
        Column("condition_label", label="Если"),
        Column("outcome_label", label="То"),
        "note",
        BooleanColumn("is_active", label="Действует"),
    ]
    list_filter = ["is_active", "department"]
    search_fields = ["note"]
    ordering = ["topic__title", "addressee__name"]
    list_per_page = 50


class AppealReferenceGroup(SnippetViewSetGroup):
    menu_label = "Справочники"  # «Интернет-приёмная» did not fit Wagtail's sidebar (tests/browser/test_admin_menu.py)
    menu_icon = "list-ul"
    menu_name = "appeal-reference"
    menu_order = 300
    items = (AddresseeViewSet, TopicViewSet, RoutingRuleViewSet)


register_snippet(AppealReferenceGroup)


@hooks.register("register_admin_viewset")
def register_appeal_queue():
    return AppealViewSet()


@hooks.register("construct_homepage_panels")
def add_appeal_queue_panel(request, panels):
    panel = AppealQueuePanel(request)
    if panel.is_shown():
        panels.append(panel)


@hooks.register("portal_search_shortcuts")
def search_shortcuts(*, query, words, site_root):
    from appeals_form.search import status_shortcuts

    return status_shortcuts(query=query, words=words, site_root=site_root)


@hooks.register("portal_search_snippets")
def search_snippets(*, pages):
    from appeals_form.search import answer_snippets

    return answer_snippets(pages=pages)
