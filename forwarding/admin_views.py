"""The admin screen of forwarding: failed deliveries and the "Отправить повторно" button.

Only users with ``forwarding.view_delivery`` (the appeals department) see the
screen and the menu item; the button needs ``forwarding.resend_delivery`` and
accepts POST only. Anything else is refused before a lookup.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forwarding import destinations, selectors, services
from forwarding.models import Delivery

VIEW_PERMISSION = "forwarding.view_delivery"
RESEND_PERMISSION = "forwarding.resend_delivery"
INDEX_URL_NAME = "forwarding_failed"
PAGE_SIZE = 50


def destination_status() -> dict:
    """What is configured, for the admin: descriptions without secrets, or the errors."""
    errors = destinations.config_errors()
    if errors:
        return {"errors": errors, "items": []}
    return {
        "errors": [],
        "items": [(d.name, f"{d.describe()}; документ версии {d.schema_version}") for d in destinations.configured()],
    }


def _appeal_url(appeal) -> str:
    try:
        return reverse("appeal_queue:detail", args=[appeal.pk])
    except NoReverseMatch:
        return ""


class FailedDeliveriesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "forwarding/admin/failed_deliveries.html"
    page_title = "Передача в СЭД"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.failed_deliveries(), PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "page_obj": page,
                "rows": [(delivery, _appeal_url(delivery.message.appeal)) for delivery in page],
                "counts": selectors.counts(),
                "destinations": destination_status(),
                "can_resend": self.request.user.has_perm(RESEND_PERMISSION),
            }
        )
        return context


@require_POST
def resend_delivery(request, pk: int):
    if not request.user.has_perm(RESEND_PERMISSION):
        raise PermissionDenied
    try:
        delivery = services.resend(delivery_id=pk, actor=request.user)
    except Delivery.DoesNotExist:
        messages.error(request, "Такой передачи нет.")
    except services.NotResendable as exc:
        messages.error(request, str(exc))
    else:
        number = delivery.message.appeal.number
        messages.success(
            request, f"Обращение {number} поставлено в очередь на повторную отправку ({delivery.destination})."
        )
    return redirect(INDEX_URL_NAME)
