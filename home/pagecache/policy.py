"""Which requests may be answered from the page cache and which responses may be stored.

The rule of thumb: only what every anonymous visitor of the site would get
for that URL, host and display mode; nothing that carries a CSRF token, sets a
cookie, is private, or might contain what a person typed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY

CACHEABLE_METHODS = ("GET", "HEAD")
# Vary values the key already covers (the vision cookie and the host are in the
# key; Cookie otherwise means the session, which is never stored).
KNOWN_VARY = {"cookie", "accept-encoding"}
CSRF_FLAGS = ("CSRF_COOKIE_NEEDS_UPDATE", "CSRF_COOKIE_USED")
CSRF_MARKER = b'name="csrfmiddlewaretoken"'
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache", "max-age=0")


def has_session(request) -> bool:
    return bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))


def path_excluded(request) -> bool:
    """Under a prefix that is never cached (the admin, status pages, forms, ...)."""
    path = request.path
    return any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)


def needs_site(request) -> bool:
    """Whether the request renders a page of the public site (it needs the request's Site)."""
    if not path_excluded(request):
        return True
    path = request.path
    return any(path.startswith(prefix) for prefix in getattr(settings, "PAGE_CACHE_SITE_PATHS", ()))


def logged_in(request) -> bool:
    """Whether the request's session belongs to a logged-in user (it is read only when there is a session cookie)."""
    if not has_session(request):
        return False
    session = getattr(request, "session", None)
    return session is None or bool(session.get(SESSION_KEY))


def request_bypass_reason(request) -> str | None:
    """Why this request must be rendered and not answered from the cache, or None."""
    if path_excluded(request):
        return "path"
    if request.method not in CACHEABLE_METHODS:
        return "method"
    if request.GET:
        allowed = set(settings.PAGE_CACHE_QUERY_PARAMS)
        if any(name not in allowed for name in request.GET):
            return "query"
    if "HTTP_AUTHORIZATION" in request.META:
        return "authorization"
    if logged_in(request):
        # Logged in (editors: the userbar, previews): never from the cache.
        return "user"
    return None


def response_bypass_reason(request, response) -> str | None:
    """Why this response must not be stored, or None."""
    status = response.status_code
    if status == 404:
        if getattr(settings, "PAGE_CACHE_404_SECONDS", 0) <= 0:
            return "status"
    elif status != 200:
        return "status"
    if request.method != "GET":
        return "method"
    if response.streaming:
        return "streaming"
    if response.cookies:
        return "cookies"
    if any(request.META.get(flag) for flag in CSRF_FLAGS):
        return "csrf"
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in UNCACHEABLE_CONTROL):
        return "cache-control"
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - KNOWN_VARY:
        return "vary"
    # Only what a visitor without a session gets is stored: a session may hold
    # an identified applicant's data that a page could show.
    if has_session(request):
        return "session"
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return "session"
    if CSRF_MARKER in response.content:
        return "csrf"
    return None


NEVER_STORED = "page_cache_never_stored"


def never_stored(response):
    """Mark a response its URL never gives in a form that may be stored, to anyone (the appeal form: a CSRF
    token, the resident's data, ``no-store``): the page cache stops looking that URL up until the generation
    changes. Only for a view that answers every request so; a page stored for some visitors must not say it."""
    setattr(response, NEVER_STORED, True)
    return response


def marked_never_stored(response) -> bool:
    return getattr(response, NEVER_STORED, False)


def timeout_for(response) -> int:
    if response.status_code == 404:
        return settings.PAGE_CACHE_404_SECONDS
    return settings.PAGE_CACHE_SECONDS
