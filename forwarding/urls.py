"""Inbound webhooks from the document system. Staff screens live in the Wagtail admin."""

from django.urls import path

from forwarding import webhooks

app_name = "forwarding"

urlpatterns = [
    path("webhook/status/", webhooks.status_webhook, name="status_webhook"),
]
