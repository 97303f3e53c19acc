"""Views of the public site that are not Wagtail pages."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from home.accessibility import COOKIE_MAX_AGE, COOKIE_NAME, apply_changes, prefs_from_request
from home.searchpage import SEARCH_MAX_QUERY_LENGTH, read_query, search_results
from home.searchshortcuts import shortcuts


@require_GET
def search(request):
    typed = read_query(request.GET.get("q"))
    query = typed.text
    site = Site.find_for_request(request)
    site_root = site.root_page if site is not None else None
    results = search_results(query=query, page_number=request.GET.get("page"), request=request, site_root=site_root)
    # Officials and the status lookup are not pages: offered above the results, on the first page only.
    offered = shortcuts(query=query, site_root=site_root) if results.number == 1 else []
    context = {
        "query": query,
        "typed": typed,
        "results": results,
        "shortcuts": offered,
        "max_length": SEARCH_MAX_QUERY_LENGTH,
    }
    return TemplateResponse(request, "home/search.html", context)


@require_GET
def set_accessibility(request):
    """Switch the version for the visually impaired on, off or to other options.

    A plain link (GET) so that it works without JavaScript; it only sets a
    display cookie and sends the visitor back to the page they were on.
    """
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    prefs = apply_changes(prefs_from_request(request), request.GET)
    response = HttpResponseRedirect(next_url, status=303)
    if prefs.enabled:
        # Secure wherever the session cookie is (production: HTTPS only); no script reads it.
        response.set_cookie(
            COOKIE_NAME,
            prefs.to_cookie(),
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def favicon(request):
    """``/favicon.ico``, which browsers ask for on their own: the site's emblem (it was a 404 on every visit)."""
    return HttpResponseRedirect(static("favicon.svg"))


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /vision/",
        "Disallow: /appeals/",
        "Disallow: /identity/",
        # The API's data (rate-limited, for programs); its documentation /api/ stays open to search engines.
        "Disallow: /api/v1/",
        "Allow: /opendata/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", status=404).render()


# Database errors that mean "not reachable right now" (a restart, a failover,
# a dropped connection), not a bug: the request can simply be repeated.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Never echoed back into the retry form.
RETRY_FORM_SKIPPED_FIELDS = ("password",)
DATABASE_RETRY_AFTER_SECONDS = 15


def bad_request(request, exception=None):
    """400 in Russian; a body over DATA_UPLOAD_MAX_MEMORY_SIZE is 413 with the limit named.

    The limit is high enough that a form with any realistic paste (a 3 MB
    text) is read, and the form itself answers with its own limits and
    everything typed kept; only beyond it does this page appear.
    """
    too_big = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    limit_mb = max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
    response = TemplateResponse(
        request, "400.html", {"too_big": too_big, "limit_mb": limit_mb}, status=413 if too_big else 400
    )
    response["Cache-Control"] = "no-store"
    return response.render()


def csrf_failure(request, reason=""):
    """«Форма не отправлена» (403) in Russian, with the way back to what was typed.

    «Вернуться к форме» is the form's own address (the request's: every public form posts to
    itself); with JavaScript it goes back in the history instead, where the browser keeps what
    was typed (tests/browser/test_appeal_flow.py).
    """
    response = TemplateResponse(request, "403_csrf.html", {"form_url": request.get_full_path()}, status=403)
    response["Cache-Control"] = "no-store"
    return response.render()


def server_error(request):
    # No template context: the database or a context processor may be what failed.
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    html = render_to_string("500.html", {"site_name": settings.WAGTAIL_SITE_NAME})
    return HttpResponse(html, status=500)


def database_unavailable(request):
    """503 «попробуйте ещё раз», with what the visitor sent kept in a form that sends it again.

    Nothing was registered (every registration is one transaction), and a
    POST's fields (not files, never passwords) come back as hidden fields, so
    one button repeats the request once the database answers again.
    """
    fields = []
    if request.method == "POST" and not request.path.startswith(("/admin/", "/django-admin/")):
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if not any(part in name.lower() for part in RETRY_FORM_SKIPPED_FIELDS)
            for value in values
        ]
    html = render_to_string(
        "503_database.html",
        {"site_name": settings.WAGTAIL_SITE_NAME, "fields": fields, "action": request.path, "post": bool(fields)},
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store, private"
    return response
