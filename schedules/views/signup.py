"""Online sign-up to a personal reception: the form, the confirmation, the cancel page.

Every page here holds personal data: no-store, noindex, no referrer. The only
public URL that reaches a sign-up is the cancel page, by an unguessable token.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from home import posted, ratelimit
from home.textformat import time_range, wait_message
from identity.validators import mailbox_key
from schedules import selectors, services
from schedules.feeds import plain_text
from schedules.forms import SignUpForm
from schedules.models import ReceptionSchedulePage, SignUp

from .common import private

logger = logging.getLogger(__name__)

SESSION_KEY = "schedules_signup_done"
MSG_RATE_LIMIT = f"Слишком много записей за короткое время. Попробуйте {posted.WAIT} или запишитесь по телефону."


def _option_groups(form: SignUpForm) -> list[dict]:
    """The choices grouped by reception, for the template (a fieldset per date)."""
    selected = form["choice"].value()
    groups = []
    for option in form.options:
        occ = option.occurrence
        if option.mode == "slots":
            items = [
                {
                    "value": selectors.option_value(occ.date, occ.time_from, slot),
                    "label": f"{slot:%H:%M}",
                }
                for slot in option.free_slots
            ]
        elif option.free_places > 0:
            items = [
                {
                    "value": selectors.option_value(occ.date, occ.time_from),
                    "label": f"{time_range(occ.time_from, occ.time_to)}, свободно мест: {option.free_places}",
                }
            ]
        else:
            items = []
        for item in items:
            item["checked"] = item["value"] == selected
            item["id"] = f"choice_{item['value']}"
        groups.append({"option": option, "items": items})
    return groups


def _render(page, request, official, form, *, status=200, limited=False):
    response = TemplateResponse(
        request,
        "schedules/signup.html",
        {
            "page": page,
            "self": page,
            "official": official,
            "form": form,
            "groups": _option_groups(form) if form is not None else [],
            "has_free": bool(form is not None and form.fields["choice"].choices),
            "official_url": page.official_url(official),
            "limited": limited,
        },
        status=status,
    )
    return private(response)


def _over_limit(request, *, email: str, window: int) -> bool:
    """Count this sign-up against the per-address and per-e-mail limits; True when one is used up."""
    return not ratelimit.hit(
        scope="schedules.signup.ip",
        key=ratelimit.client_ip(request),
        limit=settings.SCHEDULES_SIGNUP_LIMIT_PER_IP,
        window_seconds=window,
    ) or not ratelimit.hit(
        scope="schedules.signup.email",
        key=mailbox_key(email),
        limit=settings.SCHEDULES_SIGNUP_LIMIT_PER_EMAIL,
        window_seconds=window,
    )


def signup_form(page, request, official_slug):
    official = selectors.official_by_slug(official_slug)
    if official is None:
        raise Http404
    if not any(rule.online_signup for rule in official.rules.all()):
        # A kept link of an official who no longer takes sign-ups here: his page says how to sign up instead.
        return HttpResponseRedirect(page.official_url(official))
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    options = selectors.signup_options(official)
    kept_key = f"signup:{official.pk}"
    if request.method != "POST":
        kept = posted.kept(request, key=kept_key)
        limited = kept is not None and kept.show_errors and kept.retry_after > 0
        form = _form_on_get(request, kept, options)
        return posted.answer(_render(page, request, official, form, limited=limited), kept)

    form = SignUpForm(request.POST, options=options)
    if not form.is_valid():
        if not posted.fits(request):  # a pasted book: answered in place, with what was typed
            return _render(page, request, official, form, status=400)
        # Post/Redirect/Get: Back and reload show the form with its errors, never send it again.
        return private(posted.redirect_back(request, key=kept_key, url=request.path))
    data = form.cleaned_data
    window = settings.SCHEDULES_SIGNUP_WINDOW_SECONDS
    if _over_limit(request, email=data["email"], window=window):
        # 303 to the form, which answers 429 with Retry-After while the limit holds (everything typed kept).
        wait = ratelimit.retry_after(window_seconds=window)
        errors = {"": [MSG_RATE_LIMIT]}
        return private(posted.redirect_back(request, key=kept_key, url=request.path, errors=errors, retry_after=wait))

    day, time_from, slot = data["choice"]
    try:
        signup = services.create_signup(
            official=official,
            day=day,
            time_from=time_from,
            slot_start=slot,
            resident=services.Resident(
                surname=data["surname"],
                first_name=data["first_name"],
                patronymic=data["patronymic"].strip(),
                phone=data["phone"],
                email=data["email"],
                question=data["question"],
            ),
            consent_version=page.consent_version,
            consent_text=plain_text(page.consent_text),
            consent_given_at=timezone.now(),
        )
    except services.SignUpError as error:
        # Taken meanwhile (a race): the form again with the free times as they are
        # now; the choice gets one message, whichever check noticed first.
        return private(
            posted.redirect_back(request, key=kept_key, url=request.path, errors={"choice": [error.message]})
        )
    posted.forget(request, key=kept_key)
    request.session[SESSION_KEY] = signup.pk
    return HttpResponseRedirect(reverse("schedules:done"), status=303)


def _form_on_get(request, kept, options) -> SignUpForm:
    """The empty form; after a POST with mistakes (``?errors=1``) the values as sent with their errors, and
    the values kept (no errors) when the resident comes back to the form."""
    if kept is not None and kept.show_errors:
        form = SignUpForm(kept.data, options=options)
        form.is_valid()
        if not form.has_error("choice"):  # taken meanwhile: one message for the choice, whichever check said it
            posted.add_errors(form, kept.errors)
        return form
    initial = {name: kept.data.get(name) for name in kept.data if name != "choice"} if kept else {}
    if request.GET.get("choice"):
        initial["choice"] = request.GET["choice"]
    return SignUpForm(options=options, initial=initial)


def signup_done(request):
    signup_id = request.session.get(SESSION_KEY)
    signup = (
        SignUp.objects.select_related("session__official", "session__place").filter(pk=signup_id).first()
        if signup_id
        else None
    )
    if signup is None:
        raise Http404
    page = ReceptionSchedulePage.objects.on_site().first()
    start, end = signup.time_range()
    response = TemplateResponse(
        request,
        "schedules/signup_done.html",
        {
            "signup": signup,
            "reception": selectors.booked_reception(signup.session),
            "start": start,
            "end": end,
            "schedule_page": page,
        },
    )
    return private(response)


def cancel(request, token: str):
    """The cancel page (GET); «Отменить запись» (POST) always ends in a redirect (303) to it, so that
    reload and Back never ask to send it again: ``?cancelled=1`` says it was cancelled just now."""
    if request.method not in ("GET", "HEAD", "POST"):
        return private(HttpResponseNotAllowed(["GET", "POST"]))
    window = settings.SCHEDULES_CANCEL_WINDOW_SECONDS
    limited = not ratelimit.hit(
        scope="schedules.cancel.ip",
        key=ratelimit.client_ip(request),
        limit=settings.SCHEDULES_CANCEL_LIMIT_PER_IP,
        window_seconds=window,
    )
    if limited and request.method == "POST":
        # The page it leads to answers 429 by itself (its GET is counted against the same limit).
        return private(HttpResponseRedirect(request.path, status=303))
    if limited:
        wait = ratelimit.retry_after(window_seconds=window)
        context = {"limited": True, "wait": wait_message(wait)}
        response = TemplateResponse(request, "schedules/cancel.html", context, status=429)
        response["Retry-After"] = str(wait)
        return private(response)
    signup = services.find_by_token(token)
    if signup is None:
        return private(TemplateResponse(request, "schedules/cancel.html", {"not_found": True}, status=404))
    past = signup.session.date < timezone.localdate()
    if request.method == "POST":
        cancelled = signup.is_active and not past and services.cancel_by_resident(signup=signup)
        return private(HttpResponseRedirect(request.path + ("?cancelled=1" if cancelled else ""), status=303))
    start, end = signup.time_range()
    just_cancelled = (
        request.GET.get("cancelled") == "1"
        and not signup.is_active
        and signup.cancelled_by == SignUp.CancelledBy.RESIDENT
    )
    response = TemplateResponse(
        request,
        "schedules/cancel.html",
        {
            "signup": signup,
            "reception": selectors.booked_reception(signup.session),
            "start": start,
            "end": end,
            "just_cancelled": just_cancelled,
            "past": past,
        },
    )
    return private(response)
