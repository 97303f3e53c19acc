"""Post/Redirect/Get for every public form shown again with its errors or refused.

Answered in place, a form with errors is the result of a POST: the browser's Back or reload asks to send it
again («Подтвердите повторную отправку формы», Chromium's ERR_CACHE_MISS; ``templates/base.html`` mends Back
only with JavaScript). Instead the view keeps what was sent in the session (server-side) and redirects (303)
to its own address (or the page that shows the form) with ``?errors=1``, which shows the form bound to it:
the same errors, as often as it is reloaded or returned to. Without the marker the address shows the values
kept and no errors (nothing typed is lost by leaving the page). A success forgets them.

- ``secret``: fields whose values are never kept (a one-time code; the captcha's token, always dropped).
  Their errors are the ones they had when sent (``show_again``), not a second check of a missing value.
- A refusal keeps its status on the page that shows it (``answer``): a rate limit redirects (303, so Back
  never asks to resend) to a GET that answers 429 with ``Retry-After`` while the limit holds; afterwards the
  same address shows the values kept, without the refusal. The identification that expired is a 403 so.
  A refusal's message says how long to wait with ``WAIT`` in it: each GET puts there the time still left
  until the kept ``retry_at`` («через 41 секунду»), as its ``Retry-After`` does (``Kept.wait`` for a page's
  own text); a message written at the refusal kept saying «через 58 секунд» on every reload.
- A value longer than the session keeps (a pasted book in a field) is answered in place instead (``fits``),
  so that what was typed is still on the screen.

The appeal form keeps its values in a draft of its own (``appeals_form.drafts``) and uses this module for
its refusals only (``keep_values=False``). ``tests/home/test_post_redirect_get.py`` walks every public POST.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.http import HttpResponseRedirect, QueryDict
from django.utils import timezone

from home.textformat import wait_message

SESSION_KEY = "posted_forms"
MARKER = "errors"
MAX_FORMS = 5  # forms kept per session; the oldest is forgotten
MAX_VALUE_LENGTH = 10_000  # a value kept (the forms' own limits are far lower)
WAIT = "{wait}"  # in a rate limit's message: the time still left, said at each GET («через 41 секунду»)
# Never kept: the CSRF token, and the captcha's token (valid once; the resident ticks the box again).
_NOT_KEPT = frozenset({"csrfmiddlewaretoken", "g-recaptcha-response"})


@dataclass(frozen=True)
class Kept:
    data: QueryDict  # the values as sent (without the secret ones)
    errors: dict[str, list[str]]  # messages the view added beyond the form's own checks ("" = the whole form)
    show_errors: bool  # the redirect's address (``?errors=1``): show the form as sent, with its errors
    secret: tuple[str, ...] = ()  # fields whose values were not kept: ``errors`` holds theirs as sent
    status: int = 200  # what the page showing the errors answers (429 while a rate limit holds, 403)
    retry_after: int = 0  # seconds the rate limit still holds
    wait: str = ""  # the same said in words: «через 12 минут (после 14:35)» ("" when no limit holds)


def _now() -> int:
    """The site's clock (``timezone.now``, as the rate limits count), in whole seconds."""
    return int(timezone.now().timestamp())


def _all(request) -> dict:
    kept = request.session.get(SESSION_KEY)
    return kept if isinstance(kept, dict) else {}


def fits(request) -> bool:
    """Whether every value of the POST can be kept whole (else answer in place: nothing typed is lost)."""
    return all(len(value) <= MAX_VALUE_LENGTH for name in request.POST for value in request.POST.getlist(name))


def _messages(errors) -> dict[str, list[str]]:
    return {str(name): [str(message) for message in messages] for name, messages in (errors or {}).items()}


def redirect_back(
    request,
    *,
    key: str,
    url: str,
    errors: dict[str, list[str]] | None = None,
    form=None,
    secret: tuple[str, ...] = (),
    status: int = 200,
    retry_after: int = 0,
    keep_values: bool = True,
) -> HttpResponseRedirect:
    """Keep the POST's values (and ``errors``) under ``key``; redirect (303) to ``url`` showing them with their
    errors. ``secret`` fields' values are dropped and their errors taken from ``form`` as it was validated;
    ``retry_after`` (a rate limit) makes the page answer 429 for that long, ``status`` another refusal."""
    dropped = _NOT_KEPT | set(secret)
    data = {
        name: [value[:MAX_VALUE_LENGTH] for value in request.POST.getlist(name)]
        for name in request.POST
        if name not in dropped and keep_values
    }
    messages = _messages(errors)
    for name in secret:
        if form is not None and form.errors.get(name):
            messages.setdefault(name, []).extend(str(m) for m in form.errors[name] if m not in messages.get(name, []))
    entry = {"data": data, "errors": messages, "secret": list(secret), "status": 429 if retry_after else status}
    if retry_after:
        entry["retry_at"] = _now() + retry_after
    kept = _all(request)
    kept.pop(key, None)
    kept[key] = entry
    while len(kept) > MAX_FORMS:
        kept.pop(next(iter(kept)))
    request.session[SESSION_KEY] = kept
    separator = "&" if "?" in url else "?"
    return HttpResponseRedirect(f"{url}{separator}{MARKER}=1", status=303)


def kept(request, *, key: str) -> Kept | None:
    """What was sent under ``key`` and redirected back, or None. A rate limit that no longer holds is
    forgotten: the values stay, without its message."""
    entry = _all(request).get(key)
    if not isinstance(entry, dict) or not isinstance(entry.get("data"), dict):
        return None
    data = QueryDict(mutable=True)
    for name, values in entry["data"].items():
        data.setlist(str(name), [str(value) for value in values])
    errors = _messages(entry.get("errors"))
    status = entry.get("status") if isinstance(entry.get("status"), int) else 200
    retry_after, wait = 0, ""
    if isinstance(entry.get("retry_at"), int):
        now = _now()
        retry_after = max(0, entry["retry_at"] - now)
        if not retry_after:
            errors, status = {}, 200
        wait = wait_message(retry_after, now=datetime.fromtimestamp(now, tz=UTC)) if retry_after else ""
        errors = {name: [message.replace(WAIT, wait) for message in messages] for name, messages in errors.items()}
    return Kept(
        data=data,
        errors=errors,
        show_errors=request.GET.get(MARKER) == "1",
        secret=tuple(str(name) for name in entry.get("secret") or ()),
        status=status,
        retry_after=retry_after,
        wait=wait,
    )


def show_again(form, kept: Kept):
    """``form`` (bound to ``kept.data``) with the errors it had when sent: its own checks, the secret fields'
    messages as they were (their values are gone) and the view's, each once."""
    form.is_valid()
    for name in kept.secret:
        if kept.errors.get(name):
            form.errors[name] = form.error_class(kept.errors[name])
        else:
            form.errors.pop(name, None)
    add_errors(form, {name: messages for name, messages in kept.errors.items() if name not in kept.secret})
    return form


def add_errors(form, errors: dict[str, list[str]]) -> None:
    """The view's own messages on a form bound to kept values, each once."""
    for name, messages in errors.items():
        for message in messages:
            if message not in form.errors.get(name or "__all__", []):
                form.add_error(name or None, message)


def answer(response, kept: Kept | None):
    """The page showing a refused POST answers as the refusal did (429 with ``Retry-After``, 403)."""
    if kept is not None and kept.show_errors and kept.status != 200:
        response.status_code = kept.status
        if kept.retry_after:
            response["Retry-After"] = str(kept.retry_after)
    return response


def forget(request, *, key: str) -> None:
    kept_forms = _all(request)
    if kept_forms.pop(key, None) is not None:
        request.session[SESSION_KEY] = kept_forms
