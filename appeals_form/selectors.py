"""Reads of the appeals domain: status page lookups, public history, reference lists, the queue."""

import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.utils.dateparse import parse_date

from appeals_form.models import (
    Addressee,
    Appeal,
    AppealEvent,
    AppealFormPage,
    PublishedAnswerPage,
    RoutingRule,
    Topic,
)
from appeals_form.models.appeal import hash_status_token
from appeals_form.workflow import dates
from appeals_form.workflow.actions import APPEALS_GROUP
from home.pagecache import fragments
from home.prepared import PreparedRead

# A status token is 43 URL-safe base64 characters (32 bytes); anything else is
# refused before it reaches the database.
STATUS_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


STATUS_PAGE_FIELDS = (
    "number",
    "status",
    "result",
    "registered_at",
    "due_date",
    "status_token_hash",
    "published_answer_url",
)

# The status page's two reads, compiled once per process (home.prepared): only what the page shows (not the
# text and the other ~40 columns; the addressee's name as ``addressee_name``); the hash is unique.
_APPEAL_BY_TOKEN_HASH = PreparedRead(
    lambda token_hash: (
        Appeal.objects.only(*STATUS_PAGE_FIELDS)
        .annotate(addressee_name=F("addressee__name"))
        .filter(status_token_hash=token_hash)[:1]
    )
)
_PUBLIC_EVENTS = PreparedRead(
    lambda appeal_id: (
        AppealEvent.objects.filter(appeal_id=appeal_id, public=True)
        .order_by("created_at", "id")
        .only("appeal", "created_at", "kind", "payload")
    )
)


def get_appeal_by_token(token: str) -> Appeal | None:
    """The appeal whose private status link carries ``token``, or None.

    Only a SHA-256 of the token is stored and looked up, so neither the query
    nor its timing depends on how close a guess is; the final comparison is
    constant-time as well.
    """
    if not token or not STATUS_TOKEN_RE.match(token):
        return None
    token_hash = hash_status_token(token)
    appeal = next(iter(_APPEAL_BY_TOKEN_HASH(token_hash)), None)
    if appeal is None or not hmac.compare_digest(appeal.status_token_hash, token_hash):
        return None
    return appeal


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    title: str
    details: str = ""


def _format_date(value) -> str:
    parsed = parse_date(value) if isinstance(value, str) else value
    return parsed.strftime("%d.%m.%Y") if isinstance(parsed, date) else ""


_FORWARDED_TITLE_WORDS = "система электронного документооборота"


def _details(event: AppealEvent) -> str:
    payload = event.payload or {}
    Kind = AppealEvent.Kind
    if event.kind == Kind.REDIRECTED:
        body = payload.get("body", "")
        return f"Обращение направлено: {body}" if body else ""
    if event.kind == Kind.EXTENDED:
        new_due = _format_date(payload.get("due_date"))
        return f"Новый срок рассмотрения: {new_due}" if new_due else ""
    if event.kind == Kind.LEFT_WITHOUT_ANSWER:
        return payload.get("reason", "")
    if event.kind == Kind.PUBLISHED_ANSWER:
        url = payload.get("url", "")
        return f"Ответ на вопрос обращения размещён на официальном сайте: {url}" if url else ""
    if event.kind == Kind.ANSWERED:
        result = payload.get("result", "")
        return f"Результат: {Appeal.Result(result).label}" if result in Appeal.Result.values else ""
    if event.kind == Kind.FORWARDED:
        system = payload.get("system", "")
        if system.casefold().startswith(_FORWARDED_TITLE_WORDS):
            system = ""  # a generic label («Система электронного документооборота …») repeats the title
        number = payload.get("external_number", "")
        return ", ".join(part for part in (system, f"№ {number}" if number else "") if part)
    return ""


def status_outlook(appeal: Appeal) -> str:
    """What the applicant is to expect next (the status page): an answer to come only while the appeal is open."""
    if appeal.is_open:
        return "Ответ на обращение придёт на адрес электронной почты, указанный в обращении."
    if appeal.status == Appeal.Status.REDIRECTED or appeal.result == Appeal.Result.REDIRECTED:
        return (
            "Обращение направлено для рассмотрения по компетенции в другой орган: ответ вам даст этот орган. "
            "В нашем органе рассмотрение завершено."
        )
    if appeal.published_answer_url:
        return (
            "Ответ на вопрос обращения размещён на официальном сайте: его адрес направлен на адрес электронной "
            "почты, указанный в обращении, и приведён в ходе рассмотрения."
        )
    if appeal.status == Appeal.Status.ANSWERED or appeal.result in Appeal.ANSWER_RESULTS:
        return "Ответ на обращение направлен на адрес электронной почты, указанный в обращении."
    return "Рассмотрение обращения завершено."


def status_addressee(appeal: Appeal) -> str:
    """The addressee's name the status page shows: read along with the appeal by its token (``addressee_name``),
    or of the appeal just registered, whose addressee is at hand."""
    if hasattr(appeal, "addressee_name"):  # None: an appeal without an addressee (entered by staff)
        return appeal.addressee_name or ""
    addressee = appeal.addressee
    return addressee.name if addressee is not None else ""


def public_history(appeal: Appeal, *, recorded: Sequence[AppealEvent] | None = None) -> list[HistoryEntry]:
    """What the applicant sees of the appeal's history, oldest first.

    ``recorded``: all of the appeal's events, already at hand (the registration that has just recorded them),
    so they are not read back.
    """
    if recorded is None:
        events = _PUBLIC_EVENTS(appeal.pk)
    else:
        events = sorted((event for event in recorded if event.public), key=lambda event: (event.created_at, event.pk))
    return [
        HistoryEntry(at=event.created_at, kind=event.kind, title=event.get_kind_display(), details=_details(event))
        for event in events
    ]


def addressees() -> fragments.KeptRows:
    """The addressees residents may choose, in their order (kept per process until one changes)."""
    return fragments.kept_rows("appeals_form.addressees", lambda: Addressee.objects.active())


def topics() -> fragments.KeptRows:
    """The topics residents may choose, in their order (kept per process until one changes)."""
    return fragments.kept_rows("appeals_form.topics", lambda: Topic.objects.active())


def live_form_page() -> AppealFormPage | None:
    """The online appeal form on the site (there is at most one); kept per process until a page changes."""
    found = fragments.kept_rows("appeals_form.form_page", lambda: AppealFormPage.objects.on_site()[:1])
    return found.rows()[0] if found.snapshots else None


# --------------------------------------------------------------------------
# The queue (back office)


def queue_appeals() -> QuerySet[Appeal]:
    """Appeals as the queue lists them, with what every row shows joined in."""
    return Appeal.objects.select_related("topic", "addressee", "department", "executor")


def appeals_officers() -> QuerySet:
    """Active users of the appeals department: who may be an executor."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, groups__name=APPEALS_GROUP)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def department_choices() -> QuerySet[Addressee]:
    return Addressee.objects.filter(kind=Addressee.Kind.BODY)


def open_q() -> Q:
    return Q(status__in=Appeal.OPEN_STATUSES)


def overdue_q(*, on: date) -> Q:
    """Open appeals whose deadline has passed."""
    return open_q() & Q(due_date__lt=on)


def due_within_q(*, on: date, working_days: int) -> Q:
    """Open appeals due from today up to ``working_days`` working days ahead."""
    return open_q() & Q(due_date__gte=on, due_date__lte=dates.add_working_days(on, working_days))


@dataclass(frozen=True)
class Deadline:
    due_date: date
    days_left: int | None  # working days; None once the appeal is no longer open
    overdue: bool
    due_soon: bool

    @property
    def label(self) -> str:
        if self.days_left is None:
            return ""
        if self.overdue:
            # Overdue by no working day yet: the deadline was the last working day before a day off.
            if self.days_left == 0:
                return f"просрочено: срок истёк {self.due_date:%d.%m.%Y}"
            return f"просрочено на {-self.days_left} раб. дн."
        if self.days_left == 0:
            return "срок сегодня"
        return f"осталось {self.days_left} раб. дн."


def deadline_of(appeal: Appeal, *, on: date) -> Deadline:
    if not appeal.is_open:
        return Deadline(due_date=appeal.due_date, days_left=None, overdue=False, due_soon=False)
    days_left = dates.working_days_left(appeal.due_date, on)
    overdue = appeal.due_date < on
    due_soon = not overdue and appeal.due_date <= dates.due_soon_limit(on)
    return Deadline(due_date=appeal.due_date, days_left=days_left, overdue=overdue, due_soon=due_soon)


@dataclass(frozen=True)
class DashboardCounts:
    new: int
    in_work: int
    due_soon: int
    overdue: int


def dashboard_counts(*, on: date) -> DashboardCounts:
    """The four numbers of the admin dashboard panel, in one query."""
    soon = due_within_q(on=on, working_days=_due_soon_days())
    # All four are open appeals: the status index narrows the count to them.
    counts = Appeal.objects.filter(open_q()).aggregate(
        new=Count("pk", filter=Q(status=Appeal.Status.REGISTERED)),
        in_work=Count("pk", filter=Q(status=Appeal.Status.IN_WORK)),
        due_soon=Count("pk", filter=soon),
        overdue=Count("pk", filter=overdue_q(on=on)),
    )
    return DashboardCounts(**counts)


def _due_soon_days() -> int:
    return settings.APPEALS_DUE_SOON_WORKING_DAYS


@dataclass
class Digest:
    """One e-mail of the daily digest: its recipient's appeals and, for the department, those nobody has."""

    executor: object  # the recipient
    on: date | None = None  # the day the deadlines were counted for (the e-mail names it)
    due_soon: list[Appeal] = field(default_factory=list)
    overdue: list[Appeal] = field(default_factory=list)
    # Open appeals with no executor yet: every member of the department (who may assign one) is told.
    unassigned_due_soon: list[Appeal] = field(default_factory=list)
    unassigned_overdue: list[Appeal] = field(default_factory=list)


def due_digests(*, on: date) -> list[Digest]:
    """Per executor: their open appeals due soon and overdue, earliest deadline first; per member of
    the department, also the open appeals due soon or overdue that have no executor (two queries)."""
    soon = due_within_q(on=on, working_days=_due_soon_days())
    appeals = (
        Appeal.objects.filter(Q(executor__isnull=True) | Q(executor__is_active=True))
        .filter(soon | overdue_q(on=on))
        .select_related("executor")
        .only("pk", "number", "due_date", "status", "executor")
        .order_by("executor_id", "due_date", "number")
    )
    digests: dict[int, Digest] = {}
    unassigned = Digest(executor=None)
    for appeal in appeals:
        digest = unassigned if appeal.executor_id is None else digests.get(appeal.executor_id)
        if digest is None:
            digest = digests[appeal.executor_id] = Digest(executor=appeal.executor, on=on)
        (digest.overdue if appeal.due_date < on else digest.due_soon).append(appeal)
    if unassigned.overdue or unassigned.due_soon:
        for member in appeals_officers():
            digest = digests.setdefault(member.pk, Digest(executor=member, on=on))
            digest.unassigned_overdue, digest.unassigned_due_soon = unassigned.overdue, unassigned.due_soon
    return list(digests.values())


def staff_history(appeal: Appeal) -> QuerySet[AppealEvent]:
    """Every event of the appeal, public and internal, oldest first, with the officer."""
    return appeal.events.select_related("actor").order_by("created_at", "id")


def routing_rule_for(appeal: Appeal) -> RoutingRule | None:
    """The active routing rule that fits the appeal best (topic and addressee, then topic, then addressee)."""
    if not appeal.topic_id and not appeal.addressee_id:
        return None
    candidates = (
        RoutingRule.objects.filter(is_active=True)
        .filter(Q(topic__isnull=True) | Q(topic_id=appeal.topic_id))
        .filter(Q(addressee__isnull=True) | Q(addressee_id=appeal.addressee_id))
        .select_related("topic", "addressee", "department", "executor")
    )
    rules = [rule for rule in candidates if rule.topic_id or rule.addressee_id]
    return max(rules, key=lambda rule: rule.specificity, default=None)


def official_site_hosts() -> frozenset[str]:
    """The host names of the official site (59-ФЗ art. 11 p. 5.1 names an address there).

    The portal's own address (``PORTAL_BASE_URL``, the admin's base URL), the Wagtail
    sites, and ``APPEALS_OFFICIAL_SITE_HOSTS`` (the administration's main site, if apart).
    """
    from urllib.parse import urlsplit

    from wagtail.models import Site

    names = ("PORTAL_BASE_URL", "WAGTAILADMIN_BASE_URL")
    hosts = {urlsplit(getattr(settings, name, "") or "").hostname for name in names}
    hosts |= set(Site.objects.values_list("hostname", flat=True))
    hosts |= set(settings.APPEALS_OFFICIAL_SITE_HOSTS)
    return frozenset(host.casefold().rstrip(".") for host in hosts if host)


def published_answer_pages() -> QuerySet:
    """The pages on the site (home.onsite) an answer may be published on (art. 11 p. 5.1), in the tree's order."""
    from wagtail.models import Page

    from home.onsite import on_site

    return on_site(Page.objects.filter(depth__gt=2)).only("id", "title", "depth", "path").order_by("path")


def has_published_answers() -> bool:
    """Whether the site has a published answer on it (the section of art. 10 part 4 answers is in use)."""
    return PublishedAnswerPage.objects.on_site().exists()


def complaint_subject_names() -> list[str]:
    """Names the officer may pick for whom a complaint is about: the addressees and departments."""
    return list(Addressee.objects.order_by("order", "name").values_list("name", flat=True))
