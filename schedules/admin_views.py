"""Staff screens of the sign-ups: the day's sessions with their sign-ups, the printout, cancelling.

Only users with the sign-up permissions (the appeals department) get here;
editors and everyone else get 403.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from schedules import selectors, services
from schedules.forms import StaffCancelForm
from schedules.models import SignUp
from schedules.views.common import private

VIEW_PERMISSION = "schedules.view_signup"
CHANGE_PERMISSION = "schedules.change_signup"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _day(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


class DayView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "schedules/admin/day.html"
    page_title = "Запись на приём"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        _require(request, VIEW_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{_day(self.request):%d.%m.%Y}"

    def get_breadcrumbs_items(self):
        # Without its own item the header read «Главная» (Wagtail shows the last breadcrumb).
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = _day(self.request)
        context.update(
            day=day,
            sessions=selectors.day_sessions(day),
            upcoming_days=selectors.upcoming_session_days(today=timezone.localdate()),
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            print_url=reverse("schedules_admin:print") + f"?date={day.isoformat()}",
        )
        return context

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


def print_day(request):
    """A plain, print-friendly page: the day's list of residents per reception."""
    _require(request, VIEW_PERMISSION)
    day = _day(request)
    response = TemplateResponse(
        request,
        "schedules/admin/print.html",
        {"day": day, "sessions": selectors.day_sessions(day), "printed_at": timezone.localtime()},
    )
    return private(response)


class CancelView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "schedules/admin/cancel.html"
    page_title = "Отмена записи"
    header_icon = "cross"

    def dispatch(self, request, *args, **kwargs):
        _require(request, CHANGE_PERMISSION)
        self.signup = get_object_or_404(
            SignUp.objects.select_related("session__official", "session__place"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self._day_url(), "label": DayView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def _day_url(self) -> str:
        return reverse("schedules_admin:day") + f"?date={self.signup.session.date.isoformat()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", StaffCancelForm())
        start, end = self.signup.time_range()
        context.update(
            signup=self.signup,
            start=start,
            end=end,
            back_url=self._day_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = StaffCancelForm(request.POST)
        if not form.is_valid():
            return private(self.render_to_response(self.get_context_data(form=form)))
        if services.cancel_by_staff(signup=self.signup, reason=form.cleaned_data["reason"]):
            messages.success(request, "Запись отменена, заявителю отправлено уведомление.")
        else:
            messages.warning(request, "Запись уже была отменена.")
        return redirect(self._day_url())

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))
