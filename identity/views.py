"""Pages of identification: choose a method, get a code by e-mail, type it, leave.

Every response is sent with ``Cache-Control: no-store, private`` (never_cache):
these pages show a personal address and carry one-time state. Every POST ends in a
redirect (303, ``home.posted``): a mistake, a wrong or dead code, a rate limit (the
page it leads to answers 429) are shown by a GET, so reload and Back never ask to
send the form again, with or without JavaScript. The address typed is kept; the
code and the captcha's token are not (secrets, valid once).
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home import posted
from home.ratelimit import client_ip
from home.textformat import MINUTES, plural

from . import oidc, services
from .captcha import captcha_enabled
from .errors import IdentificationError, OidcError, RateLimited, WrongCode
from .forms import CodeForm, EmailCodeRequestForm
from .session import OIDC_NEXT_KEY, PENDING_KEY, clear_identity, expires_at, get_identity, set_identity

DEFAULT_NEXT = "/"
# Keys of the forms kept by home.posted.
START_KEY = "identity.start"
CODE_KEY = "identity.code"
# Not kept after a POST: the captcha's token is valid once, the code is a secret.
START_SECRET = ("captcha",)
CODE_SECRET = ("code",)
NEXT_MAX_LENGTH = 2000


def safe_next(request, value: str | None) -> str:
    """``value`` when it is a path or URL on this site, otherwise "/"."""
    if not value or len(value) > NEXT_MAX_LENGTH:
        return DEFAULT_NEXT
    allowed_hosts = {request.get_host()}
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=allowed_hosts, require_https=request.is_secure()):
        return DEFAULT_NEXT
    return value


def _redirect(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _start_url(next_url: str) -> str:
    url = reverse("identity:start")
    return f"{url}?{urlencode({'next': next_url})}" if next_url != DEFAULT_NEXT else url


def _code_minutes() -> tuple[int, str]:
    minutes = max(1, settings.IDENTITY_CODE_TTL_SECONDS // 60)
    return minutes, plural(minutes, *MINUTES)


def _render_start(request, *, form, next_url: str, status: int = 200, oidc_error: str = ""):
    identity = get_identity(request)
    minutes, minutes_word = _code_minutes()
    context = {
        "form": form,
        "next_url": next_url,
        "identity": identity,
        "identity_expires_at": expires_at(identity) if identity else None,
        "oidc_enabled": oidc.oidc_enabled(),
        "provider_name": oidc.provider_name(),
        "oidc_login_url": f"{reverse('identity:oidc_login')}?{urlencode({'next': next_url})}",
        "captcha_enabled": captcha_enabled(),
        "code_minutes": minutes,
        "code_minutes_word": minutes_word,
        "oidc_error": oidc_error,
        # Answered in place to a POST (a pasted book only): Back comes here through the start page.
        "revisit_url": _start_url(next_url),
    }
    return TemplateResponse(request, "identity/start.html", context, status=status)


def _render_error(request, *, message: str, status: int, next_url: str):
    context = {"message": message, "start_url": _start_url(next_url), "provider_name": oidc.provider_name()}
    return TemplateResponse(request, "identity/error.html", context, status=status)


@never_cache
@require_GET
def start(request):
    next_url = safe_next(request, request.GET.get("next"))
    kept = posted.kept(request, key=START_KEY)
    if kept is not None and kept.show_errors:
        # After a POST with mistakes or refused (home.posted): the address as typed, with its errors.
        form = posted.show_again(EmailCodeRequestForm(kept.data, remote_ip=client_ip(request)), kept)
    else:
        pending = request.session.get(PENDING_KEY) or {}
        email = kept.data.get("email", "") if kept is not None else pending.get("email", "")
        form = EmailCodeRequestForm(initial={"email": email, "next": next_url})
    return posted.answer(_render_start(request, form=form, next_url=next_url), kept)


@never_cache
@require_POST
def send_code(request):
    ip = client_ip(request)
    next_url = safe_next(request, request.POST.get("next"))
    form = EmailCodeRequestForm(request.POST, remote_ip=ip)
    back = _start_url(next_url)
    if not form.is_valid():
        if not posted.fits(request):  # a pasted book: answered in place, with what was typed
            return _render_start(request, form=form, next_url=next_url, status=400)
        return posted.redirect_back(request, key=START_KEY, url=back, form=form, secret=START_SECRET)
    try:
        sent = services.request_email_code(email=form.cleaned_data["email"], ip=ip)
    except RateLimited as exc:
        # 303 to a page answering 429 (with Retry-After) while the limit holds: a robot still reads 429.
        return posted.redirect_back(
            request,
            key=START_KEY,
            url=back,
            errors={"": [exc.template]},  # the time left is said at each GET
            secret=START_SECRET,
            retry_after=exc.retry_after,
        )
    posted.forget(request, key=START_KEY)
    posted.forget(request, key=CODE_KEY)
    request.session[PENDING_KEY] = {"code_id": sent.code_id, "email": sent.email, "next": next_url}
    return _redirect(reverse("identity:code"))


@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return _redirect(reverse("identity:start"))
    next_url = safe_next(request, pending.get("next"))
    if request.method == "POST":
        return _confirm_code(request, pending, next_url)
    kept = posted.kept(request, key=CODE_KEY)
    form = CodeForm()
    if kept is not None and kept.show_errors:
        form = posted.show_again(CodeForm(kept.data), kept)
    minutes, minutes_word = _code_minutes()
    context = {
        "form": form,
        "email": pending["email"],
        # A message for the whole form is only ever a code that no longer works (expired, used, too many tries).
        "code_dead": form.is_bound and bool(form.non_field_errors()),
        "start_url": _start_url(next_url),
        "code_minutes": minutes,
        "code_minutes_word": minutes_word,
    }
    return TemplateResponse(request, "identity/code.html", context)


def _confirm_code(request, pending: dict, next_url: str):
    """Check the typed code: on success go on; otherwise back to the code page (303) with the message."""
    form = CodeForm(request.POST)
    errors = {}
    if form.is_valid():
        try:
            identity = services.confirm_email_code(
                code_id=pending["code_id"], email=pending["email"], code=form.cleaned_data["code"]
            )
        except WrongCode as exc:
            errors = {"code": [exc.message]}
        except IdentificationError as exc:
            errors = {"": [exc.message]}
        else:
            posted.forget(request, key=CODE_KEY)
            set_identity(request, identity)
            return _redirect(next_url)
    url = reverse("identity:code")
    return posted.redirect_back(request, key=CODE_KEY, url=url, errors=errors, form=form, secret=CODE_SECRET)


@never_cache
@require_POST
def logout(request):
    clear_identity(request)
    return _redirect(safe_next(request, request.POST.get("next")))


@never_cache
@require_GET
def oidc_login(request):
    if not oidc.oidc_enabled():
        raise Http404("OpenID Connect is not configured")
    next_url = safe_next(request, request.GET.get("next"))
    request.session[OIDC_NEXT_KEY] = next_url
    redirect_uri = settings.OIDC_REDIRECT_URI or request.build_absolute_uri(reverse("identity:oidc_callback"))
    try:
        return oidc.begin_login(request, redirect_uri=redirect_uri)
    except OidcError as exc:
        return _render_error(request, message=exc.message, status=exc.status, next_url=next_url)


@never_cache
@require_GET
def oidc_callback(request):
    if not oidc.oidc_enabled():
        raise Http404("OpenID Connect is not configured")
    next_url = safe_next(request, request.session.get(OIDC_NEXT_KEY))
    try:
        identity = oidc.complete_login(request)
    except OidcError as exc:
        if exc.status == 200 and exc.offer_email_code:
            form = EmailCodeRequestForm(initial={"next": next_url})
            return _render_start(request, form=form, next_url=next_url, oidc_error=exc.message)
        return _render_error(request, message=exc.message, status=exc.status, next_url=next_url)
    request.session.pop(OIDC_NEXT_KEY, None)
    set_identity(request, identity)
    return _redirect(next_url)
