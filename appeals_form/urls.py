"""Public URLs of the appeals (status pages, attachment-free). Staff URLs live in the admin."""

from django.urls import path

from appeals_form import status

app_name = "appeals"

urlpatterns = [
    path("status/", status.status_lookup, name="status_lookup"),
    path("status/<str:token>/", status.appeal_status, name="status"),
]
