"""Forwarding in the Wagtail admin: the failed deliveries screen, its menu item, a dashboard warning."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from forwarding import admin_views, selectors


class ForwardingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("forwarding/failed/", admin_views.FailedDeliveriesView.as_view(), name=admin_views.INDEX_URL_NAME),
        path("forwarding/deliveries/<int:pk>/resend/", admin_views.resend_delivery, name="forwarding_resend"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ForwardingMenuItem(
        "Передача в СЭД", reverse(admin_views.INDEX_URL_NAME), name="forwarding", icon_name="warning", order=310
    )


class ForwardingPanel(Component):
    """On the dashboard: no destination configured, or deliveries that failed."""

    name = "forwarding"
    template_name = "forwarding/admin/dashboard_panel.html"
    order = 60

    def __init__(self, request):
        self.request = request
        # Read once: the hook decides on these figures and the template shows the same ones.
        self.counts = selectors.counts()
        self.destinations = admin_views.destination_status()

    def is_needed(self) -> bool:
        return bool(self.counts.failed or not self.destinations["items"])

    def get_context_data(self, parent_context=None):
        return {
            "counts": self.counts,
            "destinations": self.destinations,
            "url": reverse(admin_views.INDEX_URL_NAME),
        }


@hooks.register("construct_homepage_panels")
def add_forwarding_panel(request, panels):
    if not request.user.has_perm(admin_views.VIEW_PERMISSION):
        return
    panel = ForwardingPanel(request)
    if panel.is_needed():
        panels.append(panel)


@hooks.register("appeals_form_detail_panels")
def appeal_deliveries_panel(appeal, request):
    """On an appeal's page in the queue: where it was sent, with what result (no personal data)."""
    if not request.user.has_perm(admin_views.VIEW_PERMISSION):
        return None
    deliveries = list(selectors.deliveries_of(appeal).select_related("message"))
    described = dict(admin_views.destination_status()["items"])
    for delivery in deliveries:
        # The configured destination's description («Эл. почта: sed@…»); its name if no longer configured.
        delivery.destination_description = described.get(delivery.destination, "")
    return render_to_string(
        "forwarding/admin/appeal_deliveries.html",
        {
            "deliveries": deliveries,
            "can_resend": request.user.has_perm(admin_views.RESEND_PERMISSION),
        },
        request=request,
    )
