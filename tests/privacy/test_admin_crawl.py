"""Every admin URL pattern, as every role: personal data reaches only those with a permission on it.

The patterns come from Django's resolver (``/admin/`` and ``/django-admin/``),
so a new app, viewset, snippet or Wagtail upgrade is crawled without editing
this test. Ids are filled from factory data: the model of a view is read from
the view (Wagtail's generic views and viewsets, Django's ModelAdmin, the
snippet namespaces), else guessed from the route's words, else the appeal's.
Each pattern is requested once per role (listings also with ``?export=csv``
and ``?export=xlsx``; a pattern taking ``app_label``/``model_name`` once per
personal-data model).

A role fails the crawl when it gets a 200 whose body contains a personal
value of the factories' applicants that it has no permission to see
(``privacy.policy.can_see`` on the model owning the value), or a personal
value in an export without the export permission. No role may get a 5xx.
"""

import contextlib
import io
import json
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page, Site

from appeals_form.factories import AppealFactory, CoAuthorFactory
from appeals_form.models import Appeal, AppealEvent, Attachment
from forwarding.models import Delivery, DeliveryAttempt, OutboxMessage, StatusReport
from identity.models import EmailCode
from privacy import policy
from privacy.models import PersonalDataExport
from schedules.factories import SignUpFactory
from schedules.models import SignUp
from tests.appeals.queue_helpers import APPEALS, EDITORS, make_user

pytestmark = pytest.mark.django_db

PREFIXES = ("/admin/", "/django-admin/")
# Never requested: they end the session (the crawl would go on as anonymous), or
# fail on purpose (Wagtail's «failwhale» test of error reporting).
SKIP_NAMES = {"wagtailadmin_logout", "logout", "wagtailadmin_error_test"}

# The applicants' values: unusual enough never to appear on a page by chance.
APPLICANT = {
    "surname": "Утечкина",
    "first_name": "Евлампия",
    "email": "utechkina.tajna@example.ru",
    "phone": "+7 912 345-67-89",
    "postal_address": "ул. Потайная, д. 13, кв. 31",
    "text": "Секретный текст обращения о протечке крыши",
}
CO_AUTHOR = {"name": "Соавторов Тайный", "email": "soavtorov.tajnyj@example.ru"}
ATTACHMENT_NAME = "паспорт-евлампии.pdf"
SIGNUP = {
    "surname": "Записанова-Скрытая",
    "phone": "+7 916 765-43-21",
    "email": "zapisanova.skrytaya@example.ru",
    "question": "Вопрос о моей пенсии по инвалидности",
}


@dataclass
class World:
    appeal: Appeal
    objects: dict  # model -> an instance
    values: dict  # owner model -> personal values


def _build_world() -> World:
    appeal = AppealFactory(**APPLICANT, status=Appeal.Status.IN_WORK, is_collective=True)
    co_author = CoAuthorFactory(appeal=appeal, **CO_AUTHOR)
    storage = storages["private"]
    attachment = Attachment.objects.create(
        appeal=appeal,
        file=storage.save("appeals/crawl/passport.pdf", ContentFile(b"%PDF-1.4 crawl")),
        original_name=ATTACHMENT_NAME,
        content_type="application/pdf",
        size=14,
        sha256="0" * 64,
    )
    event = AppealEvent.objects.create(
        appeal=appeal, kind=AppealEvent.Kind.NOTE, public=False, note=f"Звонила {APPLICANT['surname']}"
    )
    message = OutboxMessage.objects.create(appeal=appeal, event=OutboxMessage.EVENT_APPEAL_REGISTERED)
    delivery = Delivery.objects.create(
        message=message, destination="sed", destination_type="webhook", idempotency_key=message.idempotency_key
    )
    attempt = DeliveryAttempt.objects.create(
        delivery=delivery, number=1, worker="w", started_at=timezone.now(), outcome="failed", error="timeout"
    )
    report = StatusReport.objects.create(
        event_id="crawl-1", appeal=appeal, delivery=delivery, status="registered", received_at=timezone.now()
    )
    signup = SignUpFactory(**SIGNUP)
    code = EmailCode.objects.create(
        email_hash="a" * 64,
        salt="s",
        code_hash="b" * 64,
        created_at=timezone.now(),
        expires_at=timezone.now(),
    )
    log = PersonalDataExport.objects.create(
        dataset="appeals", actor=None, actor_username="x", export_format="csv", query={"q": ["Утечкина"]}, rows=1
    )
    objects = {
        Page: Site.objects.get(is_default_site=True).root_page,
        Appeal: appeal,
        type(co_author): co_author,
        Attachment: attachment,
        AppealEvent: event,
        OutboxMessage: message,
        Delivery: delivery,
        DeliveryAttempt: attempt,
        StatusReport: report,
        SignUp: signup,
        EmailCode: code,
        PersonalDataExport: log,
    }
    appeal_values = [*APPLICANT.values(), *CO_AUTHOR.values(), ATTACHMENT_NAME]
    return World(appeal=appeal, objects=objects, values={Appeal: appeal_values, SignUp: list(SIGNUP.values())})


# ---- Enumerating the patterns --------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # "ns:ns:name", or "" for an unnamed pattern
    route: str  # the joined route/regex, for reading
    params: tuple[tuple[str, str], ...]  # (name, converter class name)
    view: object
    namespaces: tuple[str, ...]


def _converter_names(pattern) -> dict[str, str]:
    converters = getattr(pattern.pattern, "converters", {}) or {}
    names = {name: type(conv).__name__ for name, conv in converters.items()}
    for name in pattern.pattern.regex.groupindex:
        names.setdefault(name, "RegexGroup")
    return names


def iter_patterns(resolvers=None, prefix="", namespaces=(), params=()):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        own = tuple(_converter_names(entry).items())
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from iter_patterns(entry.url_patterns, route, ns, params + own)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else ""
            yield Pattern(name, route, params + own, entry.callback, namespaces)


# ---- Which model a view shows ----------------------------------------------------

ROUTE_WORDS = {
    "attachment": Attachment,
    "signup": SignUp,
    "deliver": Delivery,
    "forwarding": Delivery,
    "appeal": Appeal,
    "export": PersonalDataExport,
    "page": Page,
}


def _model_of(pattern: Pattern, models_by_label):
    view = pattern.view
    for holder in (getattr(view, "view_initkwargs", None) or {}, getattr(view, "view_class", None)):
        model = holder.get("model") if isinstance(holder, dict) else getattr(holder, "model", None)
        if isinstance(model, type):
            return model
    model_admin = getattr(view, "model_admin", None)
    if model_admin is not None:
        return model_admin.model
    for namespace in pattern.namespaces:
        match = re.match(r"wagtailsnippet(?:s|choosers)_(\w+?)_(\w+)$", namespace)
        if match and f"{match[1]}.{match[2]}" in models_by_label:
            return models_by_label[f"{match[1]}.{match[2]}"]
    lowered = pattern.route.lower()
    for word, model in ROUTE_WORDS.items():
        if word in lowered:
            return model
    return None


APP_PARAMS = {"app_label", "app_name"}


def _fill(pattern: Pattern, world: World, models_by_label) -> list[tuple[dict, int]]:
    """(kwargs for reverse(), the pk in use): one, or one per personal-data model for app_label/model_name."""
    from django.contrib.contenttypes.models import ContentType

    names = dict(pattern.params)
    model = _model_of(pattern, models_by_label)
    default = world.objects.get(model) or world.appeal
    targets = list(world.objects.values()) if "model_name" in names else [default]
    result = []
    for target in targets:
        kwargs = {}
        for name, converter in names.items():
            if name in APP_PARAMS:
                value = target._meta.app_label
            elif name == "model_name":
                value = target._meta.model_name
            elif name == "action":
                value = "delete"
            elif name == "content_type_id":
                value = ContentType.objects.get_for_model(type(target)).pk
            else:
                value = target.pk
            keep_int = converter in {"IntConverter", "RegexGroup"} or name == "content_type_id"
            kwargs[name] = value if keep_int else str(value)
        result.append((kwargs, target.pk))
    return result


def _build(route: str, kwargs: dict) -> str:
    """An unnamed route's URL: each ``<converter:name>`` replaced by its value."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs.get(m[1], m[0])), route.lstrip("^"))


def admin_requests(world: World) -> list[tuple[str, Pattern]]:
    """Every GET request of the crawl: (url, pattern)."""
    models_by_label = {m._meta.label_lower: m for m in {type(o) for o in world.objects.values()}}
    requests, unreversible = [], []
    for pattern in iter_patterns():
        if not pattern.route.startswith(tuple(p.lstrip("/") for p in PREFIXES)):
            continue
        if pattern.name.split(":")[-1] in SKIP_NAMES:
            continue
        for kwargs, pk in _fill(pattern, world, models_by_label):
            try:
                url = reverse(pattern.name, kwargs=kwargs) if pattern.name else _build(pattern.route, kwargs)
            except NoReverseMatch:
                unreversible.append(pattern.route)
                continue
            if "<" in url or "(?P" in url or "\\" in url:
                unreversible.append(pattern.route)
                continue
            url = url.rstrip("$")
            requests.append((f"{url}?id={pk}", pattern))
            view_class = getattr(pattern.view, "view_class", None)
            if isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin):
                requests += [(f"{url}?export=csv", pattern), (f"{url}?export=xlsx", pattern)]
    # Unnamed patterns with arguments cannot be built; there must be almost none.
    assert len(unreversible) <= 5, unreversible
    return requests


# ---- The roles -----------------------------------------------------------------


def _role_user(role: str):
    if role == "anonymous":
        return None
    if role == "editor":
        return make_user("crawl-editor", EDITORS)
    if role == "officer":
        return make_user("crawl-officer", APPEALS)  # without «Может выгружать персональные данные»
    return get_user_model().objects.create_superuser("crawl-admin", "crawl-admin@example.ru", "crawl-Pass-2026")


def _body(response) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        rows = sheet.iter_rows(values_only=True)
        return "\n".join(" ".join(str(cell) for cell in row if cell is not None) for row in rows)
    text = content.decode("utf-8", errors="replace")
    if "json" in response.get("Content-Type", ""):
        # JSON escapes Cyrillic (\u0417…): compare the decoded text.
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _forbidden_values(user, world: World, *, export: bool) -> list[str]:
    if user is None:
        return [v for values in world.values.values() for v in values]
    forbidden = []
    for owner, values in world.values.items():
        if not policy.can_see(user, owner) or (export and not policy.can_export(user)):
            forbidden += values
    return forbidden


@pytest.mark.parametrize("role", ["anonymous", "editor", "officer", "superuser"])
def test_no_admin_url_shows_personal_data_to_a_role_without_permission(client, role):
    world = _build_world()
    user = _role_user(role)
    requests = admin_requests(world)
    assert len(requests) > 200  # the whole admin, not a part of it

    client.raise_request_exception = False
    leaks, errors = [], []
    for url, pattern in requests:
        if user is not None and "_auth_user_id" not in client.session:
            client.force_login(user)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url} ({pattern.name or pattern.route})")
            continue
        if response.status_code != 200:
            continue
        body = _body(response)
        forbidden = _forbidden_values(user, world, export="export=" in url)
        found = [value for value in forbidden if value in body]
        if found:
            leaks.append(f"{url} ({pattern.name or pattern.route}): {found[:3]}")
    assert not leaks, f"{role} sees personal data it has no permission for:\n" + "\n".join(leaks)
    assert not errors, f"{role} gets server errors:\n" + "\n".join(errors)
