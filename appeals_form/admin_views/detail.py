"""The appeal's card: text, co-authors, attachments, identity, deadline, full history, actions."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.dateparse import parse_date
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from appeals_form import attachments, selectors
from appeals_form.models import Appeal, AppealEvent
from appeals_form.workflow import TRANSITIONS, Action, allowed_actions, dates, refusal
from home.textformat import no_break
from identity.types import METHOD_LABELS

from .access import INDEX_URL_NAME, AppealPermissionMixin

# The admin URL name of each action's form (appeal_queue:<name>).
ACTION_URL_NAMES = {
    "assign": "assign",
    "redirect": "redirect",
    "extend": "extend",
    "answer": "answer",
    "no_answer": "no_answer",
    "published_answer": "published_answer",
    "complaint_against": "complaint_against",
    "close": "close",
}


@dataclass(frozen=True)
class HistoryRow:
    event: AppealEvent
    details: str
    flag: str = ""  # a late-action warning shown as a red tag


def _day(value) -> str:
    parsed = parse_date(value) if isinstance(value, str) else None
    return parsed.strftime("%d.%m.%Y") if parsed else ""


def describe_event(event: AppealEvent) -> HistoryRow:
    """The details column of the staff history: what the payload says, in words."""
    p = event.payload or {}
    Kind = AppealEvent.Kind
    details, flag = "", ""
    if event.kind == Kind.REDIRECTED:
        details = ", ".join(part for part in (p.get("body", ""), _day(p.get("date"))) if part)
        flag = "позже срока переадресации" if p.get("late") else ""
    elif event.kind == Kind.EXTENDED:
        details = (
            f"новый срок {_day(p.get('due_date'))}, прежний {_day(p.get('previous_due_date'))}, +{p.get('days')} дн."
        )
        flag = "после истечения срока" if p.get("late") else ""
    elif event.kind == Kind.ASSIGNED:
        parts = [p.get("department", ""), f"исполнитель {p['executor']}" if p.get("executor") else ""]
        if p.get("rule"):
            parts.append("по правилу распределения" if p.get("by_rule") else f"не по правилу ({p['rule']})")
            parts.extend(p.get("deviation") or [])
            flag = "" if p.get("by_rule") else "не по правилу распределения"
        details = "; ".join(part for part in parts if part)
    elif event.kind == Kind.PUBLISHED_ANSWER:
        details = ", ".join(part for part in (p.get("title", ""), p.get("url", "")) if part)
        flag = "позже срока ч. 5.1 ст. 11" if p.get("late") else ""
    elif event.kind == Kind.COMPLAINT_AGAINST:
        details = p.get("name", "") + (f" (было: {p['previous']})" if p.get("previous") else "")
    elif event.kind == Kind.LEFT_WITHOUT_ANSWER:
        details = p.get("reason", "") + ("; заявитель уведомляется" if p.get("notified") else "")
    elif event.kind == Kind.ANSWERED:
        result = p.get("result", "")
        parts = [
            Appeal.Result(result).label if result in Appeal.Result.values else "",
            "с выездом на место" if p.get("site_visit") else "",
            "с файлом ответа" if p.get("file") else "",
        ]
        details = "; ".join(part for part in parts if part)
        flag = "с нарушением срока" if p.get("late") else ""
    elif event.kind == Kind.DOWNLOADED:
        details = "файл ответа" if p.get("file") == "answer" else "вложение заявителя"
    elif event.kind == Kind.EXPORTED:
        details = f"выгрузка {str(p.get('format', '')).upper()}, строк: {p.get('rows', '')}"
    elif event.kind == Kind.FORWARDED:
        details = ", ".join(part for part in (p.get("system", ""), p.get("external_number", "")) if part)
    if event.note:
        details = f"{details.rstrip('.')}. {event.note}" if details else event.note
    return HistoryRow(event=event, details=details, flag=flag)


# The usual next step in each status, shown as the main button.
PRIMARY_ACTIONS = {
    Appeal.Status.REGISTERED: "assign",
    Appeal.Status.IN_WORK: "answer",
}


def action_links(appeal: Appeal) -> list[dict]:
    primary = PRIMARY_ACTIONS.get(appeal.status, "close")
    return [
        {
            "action": action,
            "primary": action == primary,
            "label": action.label,
            "url": reverse(f"appeal_queue:{ACTION_URL_NAMES[action]}", args=[appeal.pk]),
        }
        for action in allowed_actions(appeal)
    ]


def action_notes(appeal: Appeal) -> list[str]:
    """Why an action of the appeal's status is not offered (an expired or already extended deadline)."""
    today = dates.today()
    notes = []
    for action in Action:
        if action not in TRANSITIONS.get(appeal.status, ()):
            continue
        refused = refusal(appeal, action, on=today)
        # Recording whom a complaint is about is not missed on other kinds of appeal: nothing to say.
        if refused is not None and refused.code != "not_complaint":
            notes.append(refused.message)
    return list(dict.fromkeys(notes))


class AppealDetailView(AppealPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "appeals_form/admin/detail.html"
    header_icon = "mail"

    def get_lookup_queryset(self):
        return selectors.queue_appeals()

    def get_page_title(self):
        return no_break(f"Обращение № {self.object.number}")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": "Обращения граждан"},
            {"url": "", "label": no_break(f"№ {self.object.number}")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appeal = self.object
        files = list(appeal.attachments.all())
        for attachment in files:
            attachment.size_label = attachments.human_size(attachment.size)
        context.update(
            {
                "appeal": appeal,
                "deadline": selectors.deadline_of(appeal, on=dates.today()),
                "redirect_deadline": dates.redirect_deadline(appeal.registered_at),
                "co_authors": list(appeal.co_authors.all()),
                "attachments": files,
                "history": [describe_event(event) for event in selectors.staff_history(appeal)],
                "identity_method_label": METHOD_LABELS.get(appeal.identity_method, appeal.identity_method),
                "actions": action_links(appeal) if self.can_change else [],
                "action_notes": action_notes(appeal) if self.can_change else [],
                "can_change": self.can_change,
                "index_url": reverse(INDEX_URL_NAME),
                "extra_panels": extra_panels(appeal, self.request),
            }
        )
        return context


# Other apps add sections to the appeal's page (forwarding shows its deliveries)
# without this app importing them: a hook function takes (appeal, request) and
# returns rendered HTML or None.
DETAIL_PANELS_HOOK = "appeals_form_detail_panels"


def extra_panels(appeal: Appeal, request) -> list[str]:
    rendered = (hook(appeal, request) for hook in hooks.get_hooks(DETAIL_PANELS_HOOK))
    return [html for html in rendered if html]
