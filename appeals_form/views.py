"""The online appeal form (интернет-приёмная), served by ``AppealFormPage.serve``.

Two steps on the page's own URL, everything working without JavaScript:

1. the form (GET; POST ``action=preview`` validates, stages the files, keeps a
   draft in the session and redirects to step 2; POST ``action=add_coauthor``
   adds one co-author row with everything kept: the page starts without
   co-author rows, so it stays short for most residents). Every POST of the
   form ends in a redirect (303) to the draft's address, which shows the values
   as sent with their errors, the refused files and the new row: Back or reload
   never asks to send the form again, with or without JavaScript;
2. "Проверьте обращение перед отправкой" (GET ``?step=preview&draft=<token>``;
   POST ``action=edit`` goes back with everything kept, ``action=send``
   registers the appeal and redirects to its private status page).

A refused POST ends in a redirect too (``home.posted``, the draft keeping the values): the identification
that expired (the page it leads to answers 403), the sending limit (429 with Retry-After while it holds),
a registration refused, a draft lost. Only a text longer than a draft keeps is answered in place, and, when
the form's script runs (``in_place``), a successful «Продолжить» with the check step and a successful
«Отправить» with the status page: the page replaces its history entry with that step's own address, so
Back and reload make a GET, as after the redirect, with two round trips fewer for the resident's browser.

The form token (a uuid4 in a hidden field) keys the draft and is the
idempotency key of the registration: a replayed "send" lands on the same appeal.
"""

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from appeals_form import attachments, drafts, services, status
from appeals_form.form_render import form_url, identify, page_url, preview_url, render_form
from appeals_form.forms import (
    AppealForm,
    clamp_co_author_rows,
    co_author_forms,
    co_author_initial_forms,
    co_author_values,
    file_rows,
    validate_co_authors,
)
from appeals_form.types import AppealSubmission, RequestMeta
from home import posted, ratelimit
from home.pagecache import policy as pagecache_policy
from identity.session import get_identity
from identity.types import METHOD_EMAIL_CODE, Identity

logger = logging.getLogger(__name__)

TEMPLATE_PREVIEW = "appeals_form/appeal_form_page_preview.html"

ACTION_PREVIEW = "preview"
ACTION_ADD_CO_AUTHOR = "add_coauthor"
ACTION_EDIT = "edit"
ACTION_SEND = "send"
# Bounds of what a draft keeps in the session (the form itself reports the real limits).
MAX_DRAFT_VALUE_LENGTH = 1_000

MSG_DRAFT_LOST = (
    "Черновик обращения не найден: возможно, прошло слишком много времени. Заполните форму ещё раз, пожалуйста."
)
MSG_FILE_EXPIRED = "Файл «{name}» больше не хранится (прошло больше суток). Приложите его снова."
MSG_CONSENT_CHANGED = (
    "Текст согласия на обработку персональных данных изменился. Ознакомьтесь с ним и отметьте согласие снова."
)
MSG_RATE_LIMIT = (
    f"Слишком много обращений за короткое время. Попробуйте отправить обращение {posted.WAIT} — введённые данные "
    "сохранены."
)
MSG_REGISTRATION_FAILED = "Не удалось зарегистрировать обращение. Проверьте данные и попробуйте ещё раз."
# The form's script adds it (static/js/appeal-form.js): answer a successful step with the next page (``_in_place``).
IN_PLACE_FIELD = "in_place"
# Refusals kept by home.posted (the values are in the draft): the identification expired, a draft lost,
# sending refused (per draft).
EXPIRED_KEY = "appeals_form.expired"
LOST_KEY = "appeals_form.lost"
SEND_KEY = "appeals_form.send:{token}"


def serve_appeal_form(page, request, *args, **kwargs) -> HttpResponse:
    identity = get_identity(request)
    if request.method == "POST":
        response = _post(page, request, identity)
    elif request.method in ("GET", "HEAD"):
        response = _get(page, request, identity)
    else:
        response = HttpResponseNotAllowed(["GET", "POST"])
    # The page carries a CSRF token and personal data: never cache it anywhere, and the page cache need not
    # look for it.
    response["Cache-Control"] = "no-store, private"
    return pagecache_policy.never_stored(response)


# -- The admin's preview -----------------------------------------------------------------------------------------

PREVIEW_IDENTIFY = "identify"
PREVIEW_MODES = [("", "Форма обращения"), (PREVIEW_IDENTIFY, "До идентификации")]
# The applicant an editor's preview shows the form to: an example, never stored anywhere.
PREVIEW_EMAIL = "ivanova@example.ru"


def serve_preview(page, request, mode_name: str) -> HttpResponse:
    """The page as the admin's preview shows it: the form as an identified resident meets it, or the
    identification step before it. Wagtail previews a page with its template and ``get_context`` alone,
    which has no form: the preview answered with a server error."""
    if mode_name == PREVIEW_IDENTIFY:
        response = identify(page, request, token=None)
    else:
        identity = Identity(method=METHOD_EMAIL_CODE, verified_at=timezone.now(), email=PREVIEW_EMAIL)
        draft = drafts.Draft(token=drafts.new_token(), owner=identity.email)
        co_forms = co_author_initial_forms({}, rows=clamp_co_author_rows(0))
        response = render_form(page, request, identity, draft, form=AppealForm(identity=identity), co_forms=co_forms)
    response["Cache-Control"] = "no-store, private"
    return response


# -- GET ---------------------------------------------------------------------------------------------------------


def _get(page, request, identity) -> HttpResponse:
    token = drafts.parse_token(request.GET.get("draft"))
    done = drafts.done_url(request, token)
    if done:
        # Back to a step of an appeal already sent: show that appeal.
        return HttpResponseRedirect(done, status=303)
    if identity is None:
        expired = posted.kept(request, key=EXPIRED_KEY)
        shown = expired is not None and expired.show_errors
        return posted.answer(identify(page, request, token=token, expired=shown), expired)
    draft = _own_draft(request, token, identity)
    if request.GET.get("step") == "preview" and draft is not None:
        refused = posted.kept(request, key=SEND_KEY.format(token=draft.token))
        errors = refused.errors.get("", []) if refused is not None and refused.show_errors else []
        return posted.answer(_preview(page, request, identity, draft, errors=errors), refused)
    lost = posted.kept(request, key=LOST_KEY)
    if lost is not None and lost.show_errors and token is None:
        return _draft_lost(page, request, identity)
    resumed = None
    if draft is None and token is None:
        # The form's plain address: what this applicant began is still there, unless they start anew.
        latest = drafts.latest(request, owner=identity.email)
        if latest is not None and request.GET.get("new"):
            drafts.discard(request, latest.token, delete_files=True)
        elif latest is not None:
            draft, resumed = latest, drafts.updated_at(latest) or timezone.now()
    if draft is None:
        draft = drafts.Draft(token=drafts.new_token(), owner=identity.email)
    file_errors = draft.file_errors + _refresh_staged(draft)
    if draft.show_errors and resumed is None:
        # The answer to a submission with mistakes (redirected here): the values as sent, with their errors.
        form, co_forms = _bound_forms(page, identity, draft)
        return render_form(page, request, identity, draft, form=form, co_forms=co_forms, file_errors=file_errors)
    return render_form(
        page,
        request,
        identity,
        draft,
        form=AppealForm(initial=draft.values, identity=identity),
        co_forms=co_author_initial_forms(draft.values, rows=clamp_co_author_rows(draft.co_author_rows)),
        file_errors=file_errors,
        focus_row=draft.focus_row,
        resumed=resumed,
    )


def _own_draft(request, token, identity):
    """The session's draft for this token, if it belongs to this applicant."""
    draft = drafts.load(request, token)
    if draft is not None and draft.owner and draft.owner != identity.email:
        drafts.discard(request, draft.token, delete_files=True)
        return None
    if draft is not None and not draft.owner:
        draft.owner = identity.email  # a draft typed while the identification had expired
    return draft


# -- POST --------------------------------------------------------------------------------------------------------


def _post(page, request, identity) -> HttpResponse:
    token = drafts.parse_token(request.POST.get("form_token"))
    action = request.POST.get("action") or ACTION_PREVIEW
    done = drafts.done_url(request, token)
    if done:
        # Already registered (a double click or a replay): the same appeal.
        return HttpResponseRedirect(done, status=303)
    if identity is None:
        return _post_without_identity(page, request, token)
    draft = _own_draft(request, token, identity)
    if action in (ACTION_SEND, ACTION_EDIT) and draft is None:
        # Nothing was typed on the check step: a new form with the message (Post/Redirect/Get).
        return posted.redirect_back(
            request, key=LOST_KEY, url=page_url(page, request), errors={"": [MSG_DRAFT_LOST]}, keep_values=False
        )
    if action == ACTION_SEND:
        return _send(page, request, identity, draft)
    if action == ACTION_EDIT:
        return HttpResponseRedirect(form_url(page, request, draft.token), status=303)
    if draft is None:
        draft = drafts.Draft(token=token or drafts.new_token(), owner=identity.email)
    return _submit_form(page, request, identity, draft, add_rows=action == ACTION_ADD_CO_AUTHOR)


def _posted_values(data, *, rows: int) -> dict[str, str]:
    values = {}
    for name in AppealForm.base_fields:  # the trap field too: its error is shown after the redirect
        limit = 2 * settings.APPEALS_TEXT_MAX_LENGTH if name == "text" else MAX_DRAFT_VALUE_LENGTH
        values[name] = str(data.get(name, ""))[:limit]
    values.update(co_author_values(data, rows=rows))
    return values


def _more_than_a_draft_keeps(data, draft) -> bool:
    return any(str(data.get(name, "")) != value for name, value in draft.values.items())


def _post_without_identity(page, request, token) -> HttpResponse:
    """Identification expired (or never happened): keep what was typed in the draft, ask to identify.

    The draft's address shows «identification expired» (403) after the redirect. Files are not accepted
    without an identity; files staged earlier stay.
    """
    if token and request.POST.get("action") not in (ACTION_SEND, ACTION_EDIT):
        draft = drafts.load(request, token) or drafts.Draft(token=token)
        rows = clamp_co_author_rows(request.POST.get("coauthor_rows"))
        draft.values = _posted_values(request.POST, rows=rows)
        draft.co_author_rows = rows
        drafts.save(request, draft)
    url = form_url(page, request, token) if token else page_url(page, request)
    return posted.redirect_back(request, key=EXPIRED_KEY, url=url, status=403, keep_values=False)


def _submit_form(page, request, identity, draft, *, add_rows: bool) -> HttpResponse:
    rows = clamp_co_author_rows(request.POST.get("coauthor_rows"))
    first_new_row = None
    if add_rows and rows < settings.APPEALS_MAX_CO_AUTHORS:
        first_new_row = rows
        rows += 1

    file_errors = _refresh_staged(draft)
    removed = set(request.POST.getlist("remove_file"))
    if removed:
        dropped = [f for f in draft.files if attachments.staged_id(f) in removed]
        attachments.delete_staged(dropped)
        draft.files = [f for f in draft.files if f not in dropped]
    staging = attachments.stage_uploads(uploads=request.FILES.getlist("attachments"), existing=draft.files)
    draft.files = staging.files
    file_errors += staging.errors

    draft.values = _posted_values(request.POST, rows=rows)
    draft.co_author_rows = rows

    if add_rows:
        # Not a submission yet: the form again with one more row, without errors.
        draft.after_post(file_errors=file_errors, focus_row=first_new_row)
        return _back_to_form(page, request, draft)

    form = AppealForm(request.POST, identity=identity)
    form_ok = form.is_valid()
    co_forms, co_authors = _checked_co_authors(identity, draft)
    co_ok = all(not f.errors for f in co_forms)
    if not (form_ok and co_ok and not file_errors):
        draft.after_post(show_errors=True, file_errors=file_errors)
        if _more_than_a_draft_keeps(request.POST, draft):
            # A pasted book: answered in place, so that the text the draft cannot hold is still on the screen.
            drafts.save(request, draft)
            co_forms = co_author_forms(request.POST, rows=rows)
            validate_co_authors(co_forms, applicant_email=identity.email)
            return render_form(page, request, identity, draft, form=form, co_forms=co_forms, file_errors=file_errors)
        return _back_to_form(page, request, draft)

    draft.after_post()
    if draft.consent_version != page.consent_version or draft.consent_given_at is None:
        draft.consent_version = page.consent_version
        draft.consent_given_at = timezone.now()
    drafts.save(request, draft)
    if _in_place(request):
        # The check step as the answer to this POST (its address put in the history by the page): the draft was
        # validated just now, as it is saved.
        return _preview(page, request, identity, draft, validated=(form, co_forms, co_authors, file_errors, True))
    return HttpResponseRedirect(preview_url(page, request, draft.token), status=303)


def _refresh_staged(draft) -> list[str]:
    """Drop staged files that are gone (cleaned up after a day); say so."""
    errors = []
    kept = []
    for staged in draft.files:
        if attachments.staged_exists(staged):
            kept.append(staged)
        else:
            errors.append(MSG_FILE_EXPIRED.format(name=staged.original_name))
    draft.files = kept
    return errors


def _bound_forms(page, identity, draft):
    """The form and the co-author rows bound to the draft's values, checked: (form, co_forms)."""
    form = AppealForm(draft.values, identity=identity)
    if not form.is_valid() and "consent" in form.errors and draft.consent_version not in ("", page.consent_version):
        form.errors["consent"] = form.error_class([MSG_CONSENT_CHANGED])  # why a consent given once is asked again
    return form, _checked_co_forms(identity, draft)


def _checked_co_forms(identity, draft) -> list:
    """The draft's co-author rows, bound and checked (their errors on each row)."""
    return _checked_co_authors(identity, draft)[0]


def _checked_co_authors(identity, draft) -> tuple[list, list]:
    """The draft's co-author rows, bound and checked, and the co-authors they give: (co_forms, co_authors)."""
    co_forms = co_author_forms(draft.values, rows=clamp_co_author_rows(draft.co_author_rows))
    return co_forms, validate_co_authors(co_forms, applicant_email=identity.email)


def _back_to_form(page, request, draft) -> HttpResponse:
    """After a POST: the draft's own address shows the form as it was sent (Post/Redirect/Get)."""
    drafts.save(request, draft)
    return HttpResponseRedirect(form_url(page, request, draft.token), status=303)


def _validate_draft(page, identity, draft):
    """Validate the draft as it will be registered: (form, co_forms, co_authors, errors)."""
    rows = clamp_co_author_rows(draft.co_author_rows)
    form = AppealForm(draft.values, identity=identity)
    co_forms = co_author_forms(draft.values, rows=rows)
    form_ok = form.is_valid()
    co_authors = validate_co_authors(co_forms, applicant_email=identity.email)
    file_errors = _refresh_staged(draft)
    if draft.consent_version != page.consent_version and form_ok:
        form.add_error("consent", MSG_CONSENT_CHANGED)
        draft.values["consent"] = ""
    ok = form.is_valid() and all(not f.errors for f in co_forms) and not file_errors
    return form, co_forms, co_authors, file_errors, ok


def _preview(page, request, identity, draft, *, errors: list[str] | None = None, validated=None) -> HttpResponse:
    """The check step; ``validated``: what ``_validate_draft`` would give, when the caller has just checked it."""
    form, co_forms, co_authors, file_errors, ok = validated or _validate_draft(page, identity, draft)
    if not ok:
        drafts.save(request, draft)
        return render_form(page, request, identity, draft, form=form, co_forms=co_forms, file_errors=file_errors)
    context = page.get_context(request)
    context.update(
        {
            "identity": identity,
            "draft": draft,
            "form_token": draft.token,
            "data": form.cleaned_data,
            "kind_label": dict(form.fields["kind"].choices).get(form.cleaned_data["kind"], ""),
            "co_authors": co_authors,
            "files": file_rows(draft.files),
            "consent_given_at": draft.consent_given_at,
            "errors": errors or [],
            "edit_url": form_url(page, request, draft.token),
            "revisit_url": preview_url(page, request, draft.token),
        }
    )
    return TemplateResponse(request, TEMPLATE_PREVIEW, context)


def _send(page, request, identity, draft) -> HttpResponse:
    form, co_forms, co_authors, file_errors, ok = _validate_draft(page, identity, draft)
    if not ok:
        draft.after_post(show_errors=True, file_errors=file_errors)
        return _back_to_form(page, request, draft)

    window = settings.APPEALS_SUBMIT_WINDOW_SECONDS
    # Both limits in one Redis round trip (the address first, as before).
    allowed = ratelimit.hit_all(
        limits=[
            ratelimit.Limit(
                scope="appeals_form.send.ip",
                key=ratelimit.client_ip(request),
                limit=settings.APPEALS_SUBMIT_LIMIT_PER_IP,
                window_seconds=window,
            ),
            ratelimit.Limit(
                scope="appeals_form.send.identity",
                key=_identity_key(identity),
                limit=settings.APPEALS_SUBMIT_LIMIT_PER_IDENTITY,
                window_seconds=window,
            ),
        ]
    )
    send_key = SEND_KEY.format(token=draft.token)
    if not allowed:
        logger.warning("Appeal form: sending rate limit reached")
        # 303 to the check step, which answers 429 with Retry-After while the limit holds.
        wait = ratelimit.retry_after(window_seconds=window)
        return _refused(page, request, draft, key=send_key, message=MSG_RATE_LIMIT, retry_after=wait)

    submission = AppealSubmission.from_cleaned_data(
        form.cleaned_data,
        consent_version=draft.consent_version,
        consent_given_at=draft.consent_given_at,
        co_authors=tuple(co_authors),
        attachments=tuple(draft.files),
    )
    meta = RequestMeta(ip_address=_client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:255])
    try:
        result = services.register_appeal(
            submission=submission, identity=identity, idempotency_key=draft.token, meta=meta
        )
    except services.AppealRejected as exc:
        return _refused(page, request, draft, key=send_key, message=exc.message or MSG_REGISTRATION_FAILED)

    posted.forget(request, key=send_key)
    url = result.status_path + "?new=1"
    drafts.remember_done(request, draft.token, url)
    drafts.discard(request, draft.token, delete_files=False)  # the appeal owns the files now
    if _in_place(request):
        return status.status_page(request, result.appeal, just_registered=True, revisit_url=url, events=result.events)
    return HttpResponseRedirect(url, status=303)


def _in_place(request) -> bool:
    """The form's script asked for the next step as the answer to this POST (``IN_PLACE_FIELD``).

    It sends the field only when it runs, and then the page puts its own address in the browser's history
    (``revisit_url``, base.html), so reload and Back make a GET of the check step or the status page, as
    after a redirect; the resident's browser saves a round trip and the server a request. Without
    JavaScript the answer stays a 303 to that address (Post/Redirect/Get).
    """
    return request.POST.get(IN_PLACE_FIELD) == "1"


def _refused(page, request, draft, *, key: str, message: str, retry_after: int = 0) -> HttpResponse:
    """Sending refused: back to the check step (303) with the message; the draft keeps everything."""
    url = preview_url(page, request, draft.token)
    return posted.redirect_back(
        request, key=key, url=url, errors={"": [message]}, retry_after=retry_after, keep_values=False
    )


def _client_ip(request) -> str | None:
    """The client's address for the appeal's abuse record (None when unknown)."""
    for candidate in (ratelimit.client_ip(request), request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def _identity_key(identity) -> str:
    raw = f"{identity.issuer}|{identity.subject}" if identity.subject else identity.email.casefold()
    return hashlib.sha256(raw.encode()).hexdigest()


# -- the draft lost -------------------------------------------------------------------------------------------


def _draft_lost(page, request, identity) -> HttpResponse:
    draft = drafts.Draft(token=drafts.new_token(), owner=identity.email)
    form = AppealForm(identity=identity)
    rows = clamp_co_author_rows(0)
    return render_form(
        page,
        request,
        identity,
        draft,
        form=form,
        co_forms=co_author_initial_forms({}, rows=rows),
        notices=[MSG_DRAFT_LOST],
    )
