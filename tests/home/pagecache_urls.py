"""Test-only views for the page cache: each one is a kind of response the cache must refuse or accept."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_headers

from home.pagecache import policy

PUBLIC_BODY = "<p>Публичная страница. " + "Текст. " * 80 + "</p>"


def plain(request):
    return HttpResponse(PUBLIC_BODY)


def boom(request):
    raise RuntimeError("broken on purpose")


def sets_cookie(request):
    response = HttpResponse(PUBLIC_BODY)
    response.set_cookie("tracking", "1")
    return response


def with_csrf(request):
    template = engines["django"].from_string("<form method='post'>{% csrf_token %}<button>Да</button></form>")
    return HttpResponse(template.render({}, request))


@cache_control(private=True)
def private(request):
    return HttpResponse(PUBLIC_BODY)


@vary_on_headers("Accept-Language")
def by_language(request):
    return HttpResponse(PUBLIC_BODY)


def never_stored(request):
    """As the appeal form answers everyone: no-store, and marked so for the page cache."""
    response = HttpResponse("<p>Форма с личными данными.</p>")
    response["Cache-Control"] = "no-store, private"
    return policy.never_stored(response)


def forbidden(request):
    return HttpResponse("нет", status=403)


def writes_session(request):
    request.session["seen"] = True
    return HttpResponse(PUBLIC_BODY)


urlpatterns = [
    path("t/plain/", plain),
    path("t/boom/", boom),
    path("t/cookie/", sets_cookie),
    path("t/csrf/", with_csrf),
    path("t/private/", private),
    path("t/never/", never_stored),
    path("t/language/", by_language),
    path("t/forbidden/", forbidden),
    path("t/session/", writes_session),
    path("", include("portal.urls")),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
