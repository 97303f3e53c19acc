from django.urls import path, re_path

from api import http, views
from api.schema import endpoints

app_name = "api"

urlpatterns = [
    path("", views.documentation, name="index"),
    *(path(endpoint.route, endpoint.view, name=endpoint.name) for endpoint in endpoints()),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", http.not_found, name="not_found"),
]
