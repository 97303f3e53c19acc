"""Rendering of the online appeal form's steps (``appeals_form.views``): the form, the identification step,
and the addresses of the steps."""

from urllib.parse import urlencode

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse

from appeals_form import attachments
from appeals_form.forms import CoAuthorForm, error_summary, file_rows
from identity import oidc
from identity.types import METHOD_EMAIL_CODE, METHOD_LABELS

TEMPLATE_FORM = "appeals_form/appeal_form_page.html"
TEMPLATE_IDENTIFY = "appeals_form/appeal_form_page_identify.html"


def page_url(page, request) -> str:
    """The page's URL from the request's site root paths (``page.url`` reads them from the cache)."""
    return page.get_url(request)


def form_url(page, request, token: str) -> str:
    return f"{page_url(page, request)}?{urlencode({'draft': token})}"


def preview_url(page, request, token: str) -> str:
    return f"{page_url(page, request)}?{urlencode({'step': 'preview', 'draft': token})}"


def identify(page, request, *, token: str | None, expired: bool = False) -> TemplateResponse:
    back = form_url(page, request, token) if token else page_url(page, request)
    context = page.get_context(request)
    context.update(
        {
            "identify_url": f"{reverse('identity:start')}?{urlencode({'next': back})}",
            "expired": expired,
            "methods": identification_methods(),
            "email_zones": settings.APPEALS_EMAIL_ZONES,
            "revisit_url": back,
        }
    )
    return TemplateResponse(request, TEMPLATE_IDENTIFY, context)


def identification_methods() -> list[str]:
    methods = [METHOD_LABELS[METHOD_EMAIL_CODE]]
    if oidc.oidc_enabled():
        methods.append(f"Вход через {oidc.provider_name()}")
    return methods


def render_form(
    page,
    request,
    identity,
    draft,
    *,
    form,
    co_forms,
    file_errors: list[str] | None = None,
    notices: list[str] | None = None,
    focus_row: int | None = None,
    resumed=None,
) -> TemplateResponse:
    file_errors = file_errors or []
    if focus_row is not None and 0 <= focus_row < len(co_forms):
        # Without JavaScript "добавить ещё" reloads the page: continue in the new row.
        co_forms[focus_row].fields["name"].widget.attrs["autofocus"] = True
    context = page.get_context(request)
    context.update(
        {
            "identity": identity,
            "form": form,
            "co_forms": co_forms,
            "co_author_rows": len(co_forms),
            "can_add_co_authors": len(co_forms) < settings.APPEALS_MAX_CO_AUTHORS,
            "max_co_authors": settings.APPEALS_MAX_CO_AUTHORS,
            # The empty row the script adds, rendered like the others (its numbers filled in by the script); built
            # only when the template renders it (the page keeps that row's markup, the same for everyone).
            "co_author_template_form": co_author_template_form,
            "form_token": draft.token,
            "files": file_rows(draft.files),
            "file_errors": file_errors,
            "error_summary": error_summary(form, co_forms, file_errors),
            "notices": notices or [],
            "resumed": resumed,
            "restart_url": f"{page_url(page, request)}?new=1",
            # After a POST (errors, «Добавить соавтора»), Back to this page opens this draft.
            "revisit_url": form_url(page, request, draft.token),
            "focus_row": focus_row,
            "accept": attachments.accept_attribute(),
            "file_labels": attachments.allowed_labels(),
            "max_files": settings.APPEALS_MAX_FILES,
            "max_file_size": attachments.megabytes(settings.APPEALS_MAX_FILE_SIZE),
            "max_total_size": attachments.megabytes(settings.APPEALS_MAX_TOTAL_SIZE),
            "text_max_length": settings.APPEALS_TEXT_MAX_LENGTH,
            "max_form_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            "email_zones": settings.APPEALS_EMAIL_ZONES,
            "fresh": is_fresh(form, co_forms, draft, file_errors),
        }
    )
    return TemplateResponse(request, TEMPLATE_FORM, context)


def co_author_template_form() -> CoAuthorForm:
    """The empty co-author row of the script, its numbers to be filled in by it ("__index0__")."""
    return CoAuthorForm(prefix="coauthor-__index0__", auto_id="id_%s")


def is_fresh(form, co_forms, draft, file_errors) -> bool:
    """Nothing typed, no co-author rows, files or errors: the form after the applicant's fields is the same
    for every visitor (includes/form_after_applicant.html), so the page keeps it per content generation."""
    return not (form.is_bound or draft.values or co_forms or draft.files or file_errors)
