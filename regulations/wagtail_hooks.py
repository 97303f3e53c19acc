"""Admin: «Нормативные акты», a flat list of every act with its details, filters and export.

Acts are pages: editors add and edit them in the page tree under the list page
(«Список нормативных документов»); this listing only helps to find them.
"""

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from regulations.models import RegulationPage


class RegulationFilterSet(PageListingViewSet.filterset_class):
    class Meta:
        model = RegulationPage
        fields = ["kind", "status"]


class RegulationListingViewSet(PageListingViewSet):
    model = RegulationPage
    icon = "doc-full"
    menu_label = "Нормативные акты"
    menu_name = "regulations"
    menu_order = 250
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column("number", label="Номер", sort_key="number"),
        Column("date", label="Дата принятия", sort_key="date"),
        Column("kind", label="Вид", accessor="get_kind_display", sort_key="kind"),
        Column("status", label="Статус", accessor="get_status_display", sort_key="status"),
    ]
    filterset_class = RegulationFilterSet


regulation_listing_viewset = RegulationListingViewSet("regulations")


@hooks.register("register_admin_viewset")
def register_regulation_listing():
    return regulation_listing_viewset
