"""The portal's URLs plus /bench/trivial/ (bench/pages_settings.py only)."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("portal.urls")),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
