"""Post/Redirect/Get for a public form shown again with its errors (the sign-up, the status lookup).

Answered in place, a form with errors is the result of a POST: the browser's Back or reload asks to send it
again («Подтвердите повторную отправку формы», Chromium's ERR_CACHE_MISS; ``templates/base.html`` mends Back
only with JavaScript). Instead the view keeps what was sent in the session (server-side) and redirects (303)
to its own address with ``?errors=1``, which shows the form bound to it: the same errors, as often as it is
reloaded or returned to. Without the marker the address shows the values kept and no errors (nothing typed is
lost by leaving the page). A success forgets them. A value longer than the session keeps (a pasted book in a
field) is answered in place instead (``fits``), so that what was typed is still on the screen. The appeal
form has a draft of its own (``appeals_form.drafts``).
"""

from dataclasses import dataclass

from django.http import HttpResponseRedirect, QueryDict

SESSION_KEY = "posted_forms"
MARKER = "errors"
MAX_FORMS = 5  # forms kept per session; the oldest is forgotten
MAX_VALUE_LENGTH = 10_000  # a value kept (the forms' own limits are far lower)
_NOT_KEPT = frozenset({"csrfmiddlewaretoken"})


@dataclass(frozen=True)
class Kept:
    data: QueryDict  # the values as sent
    errors: dict[str, list[str]]  # messages the view added beyond the form's own checks ("" = the whole form)
    show_errors: bool  # the redirect's address (``?errors=1``): show the form as sent, with its errors


def _all(request) -> dict:
    kept = request.session.get(SESSION_KEY)
    return kept if isinstance(kept, dict) else {}


def fits(request) -> bool:
    """Whether every value of the POST can be kept whole (else answer in place: nothing typed is lost)."""
    return all(len(value) <= MAX_VALUE_LENGTH for name in request.POST for value in request.POST.getlist(name))


def redirect_back(request, *, key: str, url: str, errors: dict[str, list[str]] | None = None) -> HttpResponseRedirect:
    """Keep the POST's values (and ``errors``) under ``key``; redirect to ``url`` showing them with their errors."""
    data = {
        name: [value[:MAX_VALUE_LENGTH] for value in request.POST.getlist(name)]
        for name in request.POST
        if name not in _NOT_KEPT
    }
    kept = _all(request)
    kept.pop(key, None)
    kept[key] = {"data": data, "errors": {name: list(messages) for name, messages in (errors or {}).items()}}
    while len(kept) > MAX_FORMS:
        kept.pop(next(iter(kept)))
    request.session[SESSION_KEY] = kept
    separator = "&" if "?" in url else "?"
    return HttpResponseRedirect(f"{url}{separator}{MARKER}=1", status=303)


def kept(request, *, key: str) -> Kept | None:
    """What was sent under ``key`` and redirected back, or None."""
    entry = _all(request).get(key)
    if not isinstance(entry, dict) or not isinstance(entry.get("data"), dict):
        return None
    data = QueryDict(mutable=True)
    for name, values in entry["data"].items():
        data.setlist(str(name), [str(value) for value in values])
    errors = {str(name): [str(m) for m in messages] for name, messages in (entry.get("errors") or {}).items()}
    return Kept(data=data, errors=errors, show_errors=request.GET.get(MARKER) == "1")


def add_errors(form, errors: dict[str, list[str]]) -> None:
    """The view's own messages on a form bound to kept values, each once."""
    for name, messages in errors.items():
        for message in messages:
            if message not in form.errors.get(name or "__all__", []):
                form.add_error(name or None, message)


def forget(request, *, key: str) -> None:
    kept_forms = _all(request)
    if kept_forms.pop(key, None) is not None:
        request.session[SESSION_KEY] = kept_forms
