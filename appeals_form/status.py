"""The applicant's private status page and the "find out the status" form.

The status page is reached only by its unguessable link; nothing is reachable
by the registration number alone. The lookup form answers every request with
the same neutral message and, when the number and the address match, e-mails
the link to that address.
"""

from django import forms
from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from appeals_form import selectors, services
from home import posted, ratelimit
from home.formrender import PublicForm
from home.privacy import private_page
from identity.forms import ReplyEmailField

LOOKUP_SCOPE = "appeals.status_lookup"
LOOKUP_NUMBER_SCOPE = services.STATUS_LINK_SCOPE


# Personal information: never cached or indexed; the referrer policy is the one
# that keeps the page's POST form working (home.privacy).
_private = private_page


def _not_found(request):
    """A status link that finds no appeal (cut when copied, or mistyped): how to get a working one."""
    return _private(TemplateResponse(request, "appeals_form/status_not_found.html", status=404).render())


@require_GET
def appeal_status(request, token: str):
    appeal = selectors.get_appeal_by_token(token)
    if appeal is None:
        return _not_found(request)
    return status_page(request, appeal, just_registered=request.GET.get("new") == "1")


def status_page(request, appeal, *, just_registered: bool, revisit_url: str | None = None, events: tuple | None = None):
    """The appeal's status page; ``revisit_url``: its own address, when it answers the POST that registered it,
    and ``events``: the history that registration recorded (``RegistrationResult.events``)."""
    context = {
        "appeal": appeal,
        "addressee_name": selectors.status_addressee(appeal),
        "history": selectors.public_history(appeal, recorded=events),
        "outlook": selectors.status_outlook(appeal),
        "just_registered": just_registered,
        "form_page": selectors.live_form_page(),
        "revisit_url": revisit_url,
    }
    return _private(TemplateResponse(request, "appeals_form/status.html", context))


class StatusLookupForm(PublicForm):
    number = forms.CharField(
        label="Регистрационный номер",
        max_length=32,
        help_text="Как в письме о регистрации, например ОГ-2026-000123.",
        error_messages={"required": "Укажите регистрационный номер обращения."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    email = ReplyEmailField(
        label="Адрес электронной почты",
        help_text="Тот, который указан в обращении для ответа.",
    )

    def clean_number(self) -> str:
        # Something that cannot be a number at all is said so: «Запрос принят» for it promised a letter
        # that never came. Whether a well-formed number exists is still never told.
        number = self.cleaned_data["number"]
        message = services.unreadable_number_message(number=number)
        if message:
            raise forms.ValidationError(message, code="number")
        return number


def _lookup_form(request, kept) -> "StatusLookupForm":
    """The form as sent; after a redirect with mistakes (``?errors=1``) as sent then; or with the values kept."""
    if request.method == "POST":
        return StatusLookupForm(request.POST)
    if kept is not None and kept.show_errors:
        return StatusLookupForm(kept.data)
    return StatusLookupForm(initial=kept.data.dict() if kept else None)


@require_http_methods(["GET", "HEAD", "POST"])
def status_lookup(request):
    window = settings.APPEALS_STATUS_LOOKUP_WINDOW_SECONDS
    limit = settings.APPEALS_STATUS_LOOKUP_LIMIT
    url = reverse("appeals:status_lookup")
    kept = posted.kept(request, key=LOOKUP_SCOPE) if request.method != "POST" else None
    form = _lookup_form(request, kept)
    if request.method == "POST" and not form.is_valid() and posted.fits(request):
        # Post/Redirect/Get (home.posted): Back and reload show the form with its errors, never send it again.
        return _private(posted.redirect_back(request, key=LOOKUP_SCOPE, url=url))
    if request.method == "POST" and form.is_valid():
        number, email = form.cleaned_data["number"], form.cleaned_data["email"]
        if not ratelimit.hit(scope=LOOKUP_SCOPE, key=ratelimit.client_ip(request), limit=limit, window_seconds=window):
            # 303 to this page, which answers 429 with Retry-After while the limit holds (the values kept).
            wait = ratelimit.retry_after(window_seconds=window)
            return _private(posted.redirect_back(request, key=LOOKUP_SCOPE, url=url, retry_after=wait))
        # One appeal's applicant is not flooded with letters either (counted by the
        # service, matching requests only); the answer is the same either way.
        services.request_status_link(number=number, email=email, limit=limit, window_seconds=window)
        posted.forget(request, key=LOOKUP_SCOPE)
        return _private(HttpResponseRedirect(url + "?sent=1", status=303))
    context = {
        "form": form,
        "sent": not form.is_bound and request.GET.get("sent") == "1",
        "limited": kept is not None and kept.show_errors and kept.retry_after > 0,
        "wait": kept.wait if kept is not None else "",
        "form_page": selectors.live_form_page(),
    }
    return _private(posted.answer(TemplateResponse(request, "appeals_form/status_lookup.html", context), kept))
