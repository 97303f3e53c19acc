"""Middleware of the public site: the full-page cache and gzip for public responses.

Order in settings.MIDDLEWARE: SecurityMiddleware, WhiteNoise, SessionMiddleware,
PageCacheMiddleware, PublicGZipMiddleware, then the rest. A cache hit skips
everything below the page cache (CSRF, authentication, messages, Wagtail's
routing and rendering); the stored response already carries the headers the
inner middleware added (X-Frame-Options, Content-Length, gzip, Vary).
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from csp import constants as csp_constants
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from home.pagecache import fragments, generation, policy, store
from home.pagecache.generation import cache_alias
from home.searchtext import clean_search_text

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"


def _mark(response, value: str) -> None:
    if settings.DEBUG or getattr(settings, "PAGE_CACHE_HEADER", False):
        response[HEADER] = value


def _revalidated(request, response):
    """A stored response answers a conditional request as the view did: 304 when its ETag/date still match."""
    etag, modified = response.get("ETag"), response.get("Last-Modified")
    if not (etag or modified):
        return response
    last_modified = parse_http_date_safe(modified) if modified else None
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests of public pages from the cache; store what may be stored.

    See home.pagecache.policy for what is never cached and home.pagecache.store
    for what a key contains. Cache errors never break a page: they only make
    the request a miss.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generation.request_scope():
            if not policy.path_excluded(request) and policy.logged_in(request):
                # Editors see what they published at once, in every worker, on the public pages. Under the
                # excluded prefixes (the admin, a resident's status page, forms' own views) the session is
                # not read for this: a status page reads none at all.
                generation.refresh()
            return self._serve(request)

    def _serve(self, request):
        # Pages of the public site (status pages and sign-up too) need the request's Site.
        if not getattr(settings, "PAGE_CACHE_ENABLED", False):
            if policy.needs_site(request):
                fragments.prime_routing(request)
            return self.get_response(request)
        reason = policy.request_bypass_reason(request)
        if reason:
            if reason != "path" or policy.needs_site(request):
                fragments.prime_routing(request)
            response = self.get_response(request)
            _mark(response, "bypass")
            return response
        key = store.page_key(request)
        cache = caches[cache_alias()]
        token = entry = None
        if key is not None:
            try:
                token, entry = store.lookup(cache, key, request)
            except Exception:  # a cache outage is a miss
                logger.warning("page cache unavailable", exc_info=True)
        if entry is not None:
            response = _revalidated(request, store.thaw(entry))
            _mark(response, "hit")
            return response
        fragments.prime_routing(request)
        response = self.get_response(request)
        if key and token and policy.marked_never_stored(response):
            store.remember_never_stored(key, token)
        if not (key and token) or policy.response_bypass_reason(request, response):
            _mark(response, "bypass")
            return response
        # The page differs by the vision cookie: say so to any cache on the way.
        patch_vary_headers(response, ("Cookie",))
        try:
            store.save(cache, key, store.freeze(response, token), policy.timeout_for(response))
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
        _mark(response, "miss")
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding), for public responses only.

    BREACH needs a secret and attacker-controlled text in one compressed
    response. So nothing that used the CSRF token and nothing private or
    no-store (status pages, forms with personal data) is compressed; public
    pages carry no secret.
    """

    def process_response(self, request, response):
        if any(request.META.get(flag) for flag in policy.CSRF_FLAGS):
            return response
        control = response.get("Cache-Control", "").lower()
        if "private" in control or "no-store" in control:
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response: browser features no page uses are off (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.policy
        return response


# A view's own policy (django-csp's decorators) or exemption: such a response takes the library's whole way.
_PER_RESPONSE_POLICY = tuple(
    f"_csp_{name}{suffix}" for name in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)
# Stands for the request's nonce in a policy kept per process; replaced by the nonce on each response.
_NONCE_MARK = "\x00portal-nonce\x00"
_kept_policies: dict = {}


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs) -> None:
    if setting.startswith(("CONTENT_SECURITY_POLICY", "PORTAL_CSP")):
        _kept_policies.clear()


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware; the Wagtail admin gets PORTAL_CSP_ADMIN_SCRIPT_SRC instead of the nonce.

    Wagtail 8's admin still writes inline scripts with per-widget arguments
    (date pickers, inline panels) and runs scripts inside HTML it inserts, so
    it cannot carry a nonce; its script-src allows inline scripts of its own
    origin, while every other directive (no foreign images, connections,
    frames, plugins or form targets) stays as strict as on the public site.

    The policy depends only on the settings, the admin prefix and whether the page used a nonce: built by
    django-csp once per process for each of those (the nonce a placeholder), then given each response with
    its nonce (django-csp built it anew for every response, 60 µs). A response with a view's own policy or
    exemption goes django-csp's way (``tests/home/test_security_headers.py`` compares both).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if self._admin(request):
            parts.replace = {**(parts.replace or {}), "script-src": settings.PORTAL_CSP_ADMIN_SCRIPT_SRC}
        return parts

    @staticmethod
    def _admin(request) -> bool:
        return request.path_info.startswith(tuple(settings.PORTAL_CSP_ADMIN_PREFIXES))

    def process_response(self, request, response):
        debug_page = settings.DEBUG and response.status_code in (500, 404)
        if debug_page or any(hasattr(response, name) for name in _PER_RESPONSE_POLICY):
            return super().process_response(request, response)
        nonce = getattr(request, "_csp_nonce", None)
        key = (self._admin(request), nonce is not None)
        if key not in _kept_policies:
            _kept_policies[key] = self._policies(request, response, nonce_used=key[1])
        headers = (csp_constants.HEADER, csp_constants.HEADER_REPORT_ONLY)
        for header, (text, excluded) in zip(headers, _kept_policies[key], strict=True):
            if text and header not in response and not request.path_info.startswith(excluded):
                response[header] = text.replace(_NONCE_MARK, nonce) if nonce else text
        if nonce is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _policies(self, request, response, *, nonce_used: bool) -> tuple:
        """(policy, excluded URL prefixes) for the header and the report-only header, as django-csp builds them."""
        kept = []
        for report_only, setting in ((False, "CONTENT_SECURITY_POLICY"), (True, "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
            parts.nonce = _NONCE_MARK if nonce_used else None
            excluded = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            kept.append((build_policy(**asdict(parts), report_only=report_only), excluded))
        return tuple(kept)


class SearchQueryMiddleware:
    """Every search box's query (``q``) without control and invisible characters, before any view reads it.

    A query pasted with a NUL, a line break or a zero-width space: Django's forms refuse a NUL, so Wagtail's
    admin listings (the page search, the appeal queue, images, documents) dropped the query and listed
    everything, and PostgreSQL refuses a NUL in a string. Each search then reads ``q`` as usual (its own
    length limit included); the rule is ``searchtext.clean_search_text``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = request.GET.getlist("q")
        cleaned = [clean_search_text(value, max_length=len(value)) for value in values]
        if cleaned != values:
            data = request.GET.copy()
            data.setlist("q", cleaned)
            data._mutable = False
            request.GET = data
        return self.get_response(request)
