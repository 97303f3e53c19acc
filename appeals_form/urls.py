"""Public URLs of the appeals (status pages, attachment-free). Staff URLs live in the admin."""

from django.urls import path  # noqa: F401

app_name = "appeals"

urlpatterns: list = []
