"""Business rules of the online appeal: registration, history, status links.

Every function takes keyword arguments only. ``register_appeal`` is the one
place where an appeal comes into being.
"""

import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from appeals_form import attachments, deadlines, queue_search_text, signals
from appeals_form.models import (
    Addressee,
    Appeal,
    AppealCounter,
    AppealEvent,
    Attachment,
    CoAuthor,
    Topic,
)
from appeals_form.models.appeal import hash_status_token, number_for, parse_number
from appeals_form.types import SUBMITTED_FIELDS, AppealSubmission, RequestMeta, StagedFile
from home import ratelimit
from identity.types import METHOD_EMAIL_CODE, METHOD_OIDC, Identity

logger = logging.getLogger(__name__)

# Final attachments live under this prefix of the private storage; staged files
# come only from the staging area (``attachments.is_staging_name``).
ATTACHMENTS_PREFIX = "appeals/"
USER_AGENT_MAX_LENGTH = 255
IDEMPOTENCY_KEY_MAX_LENGTH = 64
COPY_CHUNK_SIZE = 64 * 1024
# Status links e-mailed per appeal and window (the lookup form).
STATUS_LINK_SCOPE = "appeals.status_lookup.number"


class AppealRejected(Exception):
    """The call cannot register an appeal; ``message`` is safe to show the applicant."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class RegistrationResult:
    appeal: Appeal
    created: bool  # False: the same request came again (double click, replay)
    # When created: the appeal's whole history, as this registration recorded it (the status page that answers
    # the registration shows it without reading it back); None for a replay.
    events: tuple[AppealEvent, ...] | None = None

    @property
    def status_path(self) -> str:
        """Where to send the applicant now (append ``?new=1`` right after submission)."""
        return status_path(self.appeal)


# --------------------------------------------------------------------------
# Registration


def register_appeal(
    *,
    submission: AppealSubmission,
    identity: Identity,
    idempotency_key: str,
    meta: RequestMeta,
    now: datetime | None = None,
) -> RegistrationResult:
    """Register an appeal: number, deadline, attachments, history and (via the
    appeal_registered signal) forwarding's outbox message in one transaction.

    Must be the outermost transaction (it is ``durable``): attachments are
    copied to their final names first and deleted again if anything fails.
    The same ``idempotency_key`` from the same identity returns the appeal
    registered the first time; from anyone else it is refused.
    """
    now = now or timezone.now()
    key = _clean_idempotency_key(idempotency_key)
    # A replay is rare (the view answers a second «Отправить» from the session): the appeal's unique key refuses
    # it inside the transaction below, whose rollback takes the number back too. Only an appeal with files looks
    # for its key first: the first registration took the staged files, a replay must not copy them again.
    replay = _find_replay(key=key, identity=identity) if submission.attachments else None
    if replay is not None:
        return RegistrationResult(appeal=replay, created=False)
    addressee, topic = _validate(submission=submission, identity=identity)
    copied: list[tuple[StagedFile, str]] = []
    try:
        copied = _copy_attachments(staged_files=submission.attachments, year=timezone.localdate(now).year)
        with transaction.atomic(durable=True):
            appeal, registered = _store_registered(
                submission=submission,
                identity=identity,
                meta=meta,
                key=key,
                now=now,
                addressee=addressee,
                topic=topic,
                copied=copied,
            )
            # Forwarding writes its outbox message here, in this transaction.
            signals.appeal_registered.send(sender=Appeal, appeal=appeal, at=now)
            staged_files = [staged for staged, _ in copied]
            transaction.on_commit(partial(attachments.delete_staged, staged_files), robust=True)
            transaction.on_commit(partial(_enqueue_confirmation, appeal.pk), robust=True)
    except IntegrityError:
        # The key is registered already (a second «Отправить», or a concurrent one that won the race): a replay.
        _delete_files(name for _, name in copied)
        replay = _find_replay(key=key, identity=identity)
        if replay is not None:
            return RegistrationResult(appeal=replay, created=False)
        raise
    except BaseException:
        _delete_files(name for _, name in copied)
        raise
    logger.info("Appeal id=%s registered", appeal.pk)
    return RegistrationResult(appeal=appeal, created=True, events=(registered,))


def _store_registered(
    *,
    submission: AppealSubmission,
    identity: Identity,
    meta: RequestMeta,
    key: str,
    now: datetime,
    addressee: Addressee,
    topic: Topic,
    copied: list[tuple[StagedFile, str]],
) -> tuple[Appeal, AppealEvent]:
    """The appeal, its co-authors, attachments and «registered» event (inside registration's transaction)."""
    registered_on = timezone.localdate(now)
    # A concurrent request with the same key waits here for the row
    # lock, then fails on the unique key below: handled as a replay.
    sequence = next_sequence(year=registered_on.year)
    appeal = _create_appeal(
        submission=submission,
        identity=identity,
        meta=meta,
        key=key,
        now=now,
        year=registered_on.year,
        sequence=sequence,
        due=deadlines.due_date(registered_on),
        addressee=addressee,
        topic=topic,
    )
    _create_children(appeal=appeal, submission=submission, copied=copied)
    return appeal, record_event(appeal=appeal, kind=AppealEvent.Kind.REGISTERED, at=now)


def _clean_idempotency_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise AppealRejected("Форма устарела. Обновите страницу и отправьте обращение ещё раз.", code="bad_key")
    return key


def _same_identity(appeal: Appeal, identity: Identity) -> bool:
    return (
        appeal.identity_method == identity.method
        and appeal.identity_subject == identity.subject
        and appeal.identity_issuer == identity.issuer
        and appeal.email.lower() == identity.email.strip().lower()
    )


def _find_replay(*, key: str, identity: Identity) -> Appeal | None:
    # Almost always there is none: look for the key alone (a third of the CPU
    # of reading the whole row), then read the appeal if it is there.
    found = list(Appeal.objects.filter(idempotency_key=key).values_list("pk", flat=True)[:1])
    if not found:
        return None
    appeal = Appeal.objects.get(pk=found[0])
    if not _same_identity(appeal, identity):
        logger.warning("Idempotency key reused by another identity (appeal id=%s)", appeal.pk)
        raise AppealRejected(
            "Эта форма уже была отправлена. Обновите страницу и заполните обращение заново.",
            code="key_conflict",
        )
    return appeal


def next_sequence(*, year: int) -> int:
    """Take the year's next sequence number; call inside the transaction that stores the appeal.

    One ``UPDATE ... RETURNING``: its row lock serialises numbering until the
    transaction ends, and the increment is rolled back with a failed
    registration, so numbers have no gaps. The year's first appeal creates the row.
    """
    table = connection.ops.quote_name(AppealCounter._meta.db_table)
    sql = f"UPDATE {table} SET last_sequence = last_sequence + 1 WHERE year = %s RETURNING last_sequence"  # noqa: S608
    for _ in range(2):
        with connection.cursor() as cursor:
            cursor.execute(sql, [year])
            row = cursor.fetchone()
        if row is not None:
            return row[0]
        AppealCounter.objects.get_or_create(year=year)  # in a savepoint: a racing insert is fine
    raise RuntimeError(f"No registration counter for {year}")


def _email_zone_allowed(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    zone = domain.rsplit(".", 1)[-1]
    if zone.startswith("xn--"):
        try:
            zone = zone.encode("ascii").decode("idna")
        except UnicodeError:
            return False
    return zone in {z.lower() for z in settings.APPEALS_EMAIL_ZONES}


def _validate(*, submission: AppealSubmission, identity: Identity) -> tuple[Addressee, Topic]:
    if identity.method not in (METHOD_EMAIL_CODE, METHOD_OIDC):
        raise AppealRejected("Заявитель не идентифицирован.", code="identity")
    if identity.method == METHOD_OIDC and not (identity.subject and identity.issuer):
        raise AppealRejected("Заявитель не идентифицирован.", code="identity")
    email = submission.email.strip().lower()
    if not email or email != identity.email.strip().lower():
        raise AppealRejected(
            "Адрес для ответа должен совпадать с адресом, подтверждённым при идентификации.", code="email"
        )
    if not _email_zone_allowed(email):
        zones = ", ".join(f".{zone}" for zone in settings.APPEALS_EMAIL_ZONES)
        raise AppealRejected(f"Адрес для ответа должен быть в национальных доменах: {zones}.", code="email_zone")
    if identity.names_locked and (
        submission.surname.strip() != identity.surname.strip()
        or submission.first_name.strip() != identity.first_name.strip()
        or submission.patronymic.strip() != identity.patronymic.strip()
    ):
        raise AppealRejected("Фамилия, имя и отчество должны совпадать с данными учётной записи.", code="names_locked")
    if not submission.surname.strip() or not submission.first_name.strip():
        raise AppealRejected("Укажите фамилию и имя.", code="names")
    text = submission.text.strip()
    if not text:
        raise AppealRejected("Напишите текст обращения.", code="text")
    if len(text) > settings.APPEALS_TEXT_MAX_LENGTH:
        raise AppealRejected(f"Текст обращения длиннее {settings.APPEALS_TEXT_MAX_LENGTH} знаков.", code="text_length")
    if submission.kind not in Appeal.Kind.values:
        raise AppealRejected("Выберите вид обращения.", code="kind")
    if not submission.consent_version.strip() or submission.consent_given_at is None:
        raise AppealRejected("Нужно согласие на обработку персональных данных.", code="consent")
    if len(submission.co_authors) > settings.APPEALS_MAX_CO_AUTHORS:
        raise AppealRejected(f"Соавторов не может быть больше {settings.APPEALS_MAX_CO_AUTHORS}.", code="co_authors")
    for co_author in submission.co_authors:
        if not co_author.name.strip():
            raise AppealRejected("Укажите имя каждого соавтора.", code="co_author")
    _validate_attachments(submission.attachments)
    # selectors reads the queue through workflow, which records through this module.
    from appeals_form import selectors

    addressee = selectors.addressees().row(submission.addressee_id)
    if addressee is None:
        raise AppealRejected("Выберите адресата обращения из списка.", code="addressee")
    topic = selectors.topics().row(submission.topic_id)
    if topic is None:
        raise AppealRejected("Выберите тему обращения из списка.", code="topic")
    return addressee, topic


def _validate_attachments(staged_files: tuple[StagedFile, ...]) -> None:
    if len(staged_files) > settings.APPEALS_MAX_FILES:
        raise AppealRejected(f"Можно приложить не больше {settings.APPEALS_MAX_FILES} файлов.", code="files")
    total = 0
    allowed = {ext.lower() for ext in settings.APPEALS_FILE_TYPES}
    for staged in staged_files:
        if not attachments.is_staging_name(staged.storage_name):
            raise AppealRejected("Файл не найден. Приложите его ещё раз.", code="file_missing")
        if attachments.extension_of(staged.original_name) not in allowed:
            raise AppealRejected("Этот вид файлов приложить нельзя.", code="file_type")
        if staged.size > settings.APPEALS_MAX_FILE_SIZE:
            raise AppealRejected("Один из файлов слишком большой.", code="file_size")
        total += staged.size
    if total > settings.APPEALS_MAX_TOTAL_SIZE:
        raise AppealRejected("Файлы вместе слишком большие.", code="files_size")


def _copy_attachments(*, staged_files: tuple[StagedFile, ...], year: int) -> list[tuple[StagedFile, str]]:
    """Copy each staged file to its final name; on any failure delete what was copied."""
    storage = storages["private"]
    copied: list[tuple[StagedFile, str]] = []
    try:
        for staged in staged_files:
            if not storage.exists(staged.storage_name):
                raise AppealRejected("Файл не найден. Приложите его ещё раз.", code="file_missing")
            with storage.open(staged.storage_name, "rb") as source:
                digest = hashlib.sha256()
                size = 0
                for chunk in iter(partial(source.read, COPY_CHUNK_SIZE), b""):
                    digest.update(chunk)
                    size += len(chunk)
                if size != staged.size or digest.hexdigest() != staged.sha256:
                    raise AppealRejected("Файл повреждён. Приложите его ещё раз.", code="file_changed")
                source.seek(0)
                extension = attachments.extension_of(staged.original_name) or "bin"
                final = storage.save(f"{ATTACHMENTS_PREFIX}{year}/{uuid.uuid4().hex}.{extension}", source)
            copied.append((staged, final))
    except BaseException:
        _delete_files(name for _, name in copied)
        raise
    return copied


def _delete_files(names) -> None:
    storage = storages["private"]
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete a private file")


def _create_appeal(
    *,
    submission: AppealSubmission,
    identity: Identity,
    meta: RequestMeta,
    key: str,
    now: datetime,
    year: int,
    sequence: int,
    due: date,
    addressee: Addressee,
    topic: Topic,
) -> Appeal:
    submitted = {name: getattr(submission, name).strip() for name in SUBMITTED_FIELDS}
    submitted["email"] = submitted["email"].lower()
    extra = queue_search_text.search_extra(
        phone=submitted["phone"],
        postal_address=submitted["postal_address"],
        co_authors=[tuple(co.as_stored().values()) for co in submission.co_authors],
    )
    return Appeal.objects.create(
        number=number_for(year=year, sequence=sequence),
        year=year,
        sequence=sequence,
        status=Appeal.Status.REGISTERED,
        kind=submission.kind,
        received_at=now,
        registered_at=now,
        due_date=due,
        **submitted,
        addressee=addressee,
        topic=topic,
        classifier_code=topic.classifier_code,
        is_collective=bool(submission.co_authors),
        identity_method=identity.method,
        identity_subject=identity.subject,
        identity_issuer=identity.issuer,
        identity_verified_at=identity.verified_at,
        consent_version=submission.consent_version.strip(),
        consent_given_at=submission.consent_given_at,
        idempotency_key=key,
        ip_address=meta.ip_address or None,
        user_agent=(meta.user_agent or "")[:USER_AGENT_MAX_LENGTH],
        search_extra=extra,
    )


def _create_children(*, appeal: Appeal, submission: AppealSubmission, copied: list[tuple[StagedFile, str]]) -> None:
    CoAuthor.objects.bulk_create(CoAuthor(appeal=appeal, **co.as_stored()) for co in submission.co_authors)
    Attachment.objects.bulk_create(
        Attachment(
            appeal=appeal,
            file=final_name,
            original_name=staged.original_name,
            content_type=staged.content_type,
            size=staged.size,
            sha256=staged.sha256,
        )
        for staged, final_name in copied
    )


def refresh_search_extra(*, appeal: Appeal) -> None:
    """Rewrite the queue search's copy of the phone, postal address and co-authors after any of them changed."""
    if appeal.is_anonymised:
        return
    extra = queue_search_text.search_extra(
        phone=appeal.phone,
        postal_address=appeal.postal_address,
        co_authors=appeal.co_authors.order_by("pk").values_list("name", "email", "postal_address"),
    )
    Appeal.objects.filter(pk=appeal.pk).update(search_extra=extra)
    appeal.search_extra = extra


def _enqueue_confirmation(appeal_id: int) -> None:
    from appeals_form.tasks import send_registration_email

    send_registration_email.enqueue(appeal_id=appeal_id)


# --------------------------------------------------------------------------
# History (reused by the appeal queue)


def _json_safe(payload: dict | None) -> dict:
    return json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder))


def record_event(
    *,
    appeal: Appeal,
    kind: str,
    actor=None,
    public: bool | None = None,
    note: str = "",
    payload: dict | None = None,
    at: datetime | None = None,
) -> AppealEvent:
    """Add a step to the appeal's history; public by default for the kinds applicants see."""
    if kind not in AppealEvent.Kind.values:
        raise ValueError(f"Unknown appeal event kind: {kind!r}")
    return AppealEvent.objects.create(
        appeal=appeal,
        kind=kind,
        actor=actor,
        public=(kind in AppealEvent.PUBLIC_KINDS) if public is None else public,
        note=note,
        payload=_json_safe(payload),
        created_at=at or timezone.now(),
    )


# --------------------------------------------------------------------------
# Status links


def status_path(appeal: Appeal) -> str:
    return reverse("appeals:status", kwargs={"token": appeal.status_token})


def create_status_link(appeal: Appeal) -> str:
    """The absolute private link to the appeal's status page.

    The token is rebuilt from the appeal's salt; if SECRET_KEY has changed since
    registration, the stored hash is updated (older links stop working).
    """
    token_hash = hash_status_token(appeal.status_token)
    if token_hash != appeal.status_token_hash:
        appeal.status_token_hash = token_hash
        appeal.save(update_fields=["status_token_hash"])
    return settings.PORTAL_BASE_URL.rstrip("/") + status_path(appeal)


def normalise_number(number: str) -> str:
    """The number as issued when it reads as one («ог 2026 13», «OG-2026-000013»), else as typed, squeezed."""
    return parse_number(number) or "".join((number or "").split()).upper()


def unreadable_number_message(*, number: str) -> str:
    """Why ``number`` cannot be a registration number (in Russian), or "" when it reads as one."""
    if parse_number(number):
        return ""
    example = number_for(year=timezone.localdate().year, sequence=123)
    return (
        f"Это не похоже на регистрационный номер обращения: он выглядит так — {example} "
        "(буквы, год и порядковый номер). Скопируйте его из письма о регистрации."
    )


def request_status_link(*, number: str, email: str, limit: int, window_seconds: int) -> bool:
    """E-mail the status link when the number and the reply address match an appeal, ``limit`` letters per window.

    Only a request that matches counts against the appeal's letters: someone who
    guesses numbers without the address cannot use up the applicant's own
    requests. Returns whether a link was sent; callers facing the public must not tell.
    """
    squeezed = "".join((number or "").split())
    email = (email or "").strip().lower()
    if not squeezed or not email:
        return False
    candidates = {squeezed, normalise_number(number)}
    appeal = Appeal.objects.filter(number__in=candidates, email=email).only("pk", "number").first()
    if appeal is None or not ratelimit.hit(
        scope=STATUS_LINK_SCOPE, key=appeal.number, limit=limit, window_seconds=window_seconds
    ):
        return False
    from appeals_form.tasks import send_status_link_email

    transaction.on_commit(partial(send_status_link_email.enqueue, appeal_id=appeal.pk), robust=True)
    return True
