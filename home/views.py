"""Views of the public site that are not Wagtail pages."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from home.accessibility import COOKIE_MAX_AGE, COOKIE_NAME, apply_changes, prefs_from_request
from home.searchtext import site_query

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY_LENGTH]
    results = Page.objects.none()
    search_query = site_query(query)
    if search_query is not None:
        results = Page.objects.live().public().specific().search(search_query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(request, "home/search.html", {"query": query, "results": page})


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
        response.set_cookie(COOKIE_NAME, prefs.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax")
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response


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


def server_error(request):
    # No template context: the database or a context processor may be what failed.
    html = render_to_string("500.html", {"site_name": settings.WAGTAIL_SITE_NAME})
    return HttpResponse(html, status=500)
