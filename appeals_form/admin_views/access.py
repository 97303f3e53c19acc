"""Who may open the queue's screens: the appeal permissions, checked before any lookup.

The permission is checked first, so that a user without it cannot even learn
whether an appeal with a given id exists (Wagtail turns the refusal into a
redirect to the dashboard with a message; anonymous users go to the login).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.permissions import policy_registry

from appeals_form.models import Appeal

INDEX_URL_NAME = "appeal_queue:index"
DETAIL_URL_NAME = "appeal_queue:detail"


def detail_url(appeal) -> str:
    return reverse(DETAIL_URL_NAME, args=[appeal.pk])


def appeal_policy():
    return policy_registry.get_by_type(Appeal)


def user_can(user, action: str) -> bool:
    return appeal_policy().user_has_permission(user, action)


class AppealPermissionMixin:
    """Checks ``permission_required`` ("view" or "change") on appeals, then loads ``self.object``."""

    permission_required = "view"
    lookup_model = Appeal

    def get_lookup_queryset(self):
        return self.lookup_model._default_manager.all()

    def dispatch(self, request, *args, **kwargs):
        if not user_can(request.user, self.permission_required):
            raise PermissionDenied
        self.object = get_object_or_404(self.get_lookup_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_change(self) -> bool:
        return user_can(self.request.user, "change")


def private_response(response):
    """Personal data: never cached or sniffed, never sent on as a referrer."""
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response
