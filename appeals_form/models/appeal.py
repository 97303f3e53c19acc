"""The appeal itself, its co-authors and attachments, and the per-year counter.

Personal data: none of these models is a snippet, a page or search-indexed, and
none has a public URL. The applicant reaches their appeal only through the
unguessable status link (see ``status_token``).
"""

import hashlib
import re
import secrets
import string
from functools import lru_cache

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.http import urlsafe_base64_encode

from .reference import Addressee, Topic

STATUS_TOKEN_KEY_SALT = "appeals_form.status-token"  # noqa: S105 (an HMAC salt, not a secret)


def private_storage():
    """Attachments live in the private storage: no URL, never served directly."""
    return storages["private"]


def new_status_salt() -> str:
    return secrets.token_urlsafe(32)


def derive_status_token(salt: str) -> str:
    """The status token: an HMAC (keyed by SECRET_KEY) of the appeal's random salt.

    The database keeps only the salt and a SHA-256 of the token, so a copy of
    the database alone does not reveal any status link, while the portal can
    rebuild the link (e.g. to e-mail it again) without storing it.
    """
    digest = salted_hmac(STATUS_TOKEN_KEY_SALT, salt, algorithm="sha256").digest()
    return urlsafe_base64_encode(digest)


def hash_status_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AppealCounter(models.Model):
    """The last registration sequence number of a year: gapless numbering.

    Registration locks the year's row, increments it and inserts the appeal in
    one transaction, so a failed registration rolls the number back too.
    """

    year = models.PositiveSmallIntegerField("Год", primary_key=True)
    last_sequence = models.PositiveIntegerField("Последний порядковый номер", default=0)

    class Meta:
        verbose_name = "Счётчик регистрационных номеров"
        verbose_name_plural = "Счётчики регистрационных номеров"

    def __str__(self) -> str:
        return f"{self.year}: {self.last_sequence}"


class Appeal(models.Model):
    class Status(models.TextChoices):
        # The state machine (which action moves what where) is appeals_form.workflow.
        REGISTERED = "registered", "Зарегистрировано"
        IN_WORK = "in_work", "На рассмотрении"
        REDIRECTED = "redirected", "Направлено по компетенции"
        ANSWERED = "answered", "Дан ответ"
        LEFT_WITHOUT_ANSWER = "left_without_answer", "Оставлено без ответа"
        CLOSED = "closed", "Рассмотрение завершено"

    # Statuses after which nothing more happens to the appeal in this body.
    FINAL_STATUSES = frozenset({Status.REDIRECTED, Status.ANSWERED, Status.LEFT_WITHOUT_ANSWER, Status.CLOSED})
    # Statuses in which the answer deadline runs (the queue's "open" appeals).
    OPEN_STATUSES = frozenset({Status.REGISTERED, Status.IN_WORK})

    class Result(models.TextChoices):
        """Results in the vocabulary of ССТУ.РФ (the federal reporting system).

        "Рассмотрено с выездом на место" and "рассмотрено с нарушением срока"
        combine with a result, so they are the flags ``site_visit`` and
        ``answered_late``.
        """

        EXPLAINED = "explained", "Разъяснено"
        SUPPORTED = "supported", "Поддержано"
        MEASURES_TAKEN = "measures_taken", "Поддержано, в т.ч. меры приняты"
        NOT_SUPPORTED = "not_supported", "Не поддержано"
        ANSWERED = "answered", "Дан ответ автору"
        LEFT_WITHOUT_ANSWER = "left_without_answer", "Оставлено без ответа"
        REDIRECTED = "redirected", "Направлено по компетенции"

    # The results an officer picks when recording an answer.
    ANSWER_RESULTS = (
        Result.EXPLAINED,
        Result.SUPPORTED,
        Result.MEASURES_TAKEN,
        Result.NOT_SUPPORTED,
        Result.ANSWERED,
    )

    class NoAnswerReason(models.TextChoices):
        """Legal grounds not to answer an appeal on its merits (59-ФЗ, art. 11).

        Every ground but the anonymous one (part 1: nobody to tell) requires a
        written notice to the applicant; see ``NOTIFIED_NO_ANSWER_REASONS`` and
        ``WEEK_NOTICE_NO_ANSWER_REASONS`` and ``workflow.dates.no_answer_notice_deadline``.
        """

        ANONYMOUS = "anonymous", "Не указаны фамилия или адрес для ответа (ч. 1 ст. 11)"
        COURT_DECISION = (
            "court_decision",
            "Обжалуется судебное решение: возвращено с разъяснением порядка обжалования (ч. 2 ст. 11)",
        )
        OBSCENE = "obscene", "Нецензурные или оскорбительные выражения, угрозы (ч. 3 ст. 11)"
        UNREADABLE = "unreadable", "Текст не поддаётся прочтению (ч. 4 ст. 11)"
        NO_ESSENCE = "no_essence", "Текст не позволяет определить суть обращения (ч. 4.1 ст. 11)"
        REPEATED = "repeated", "Повторное обращение без новых доводов, переписка прекращена (ч. 5 ст. 11)"
        STATE_SECRET = (
            "state_secret",
            "Ответ по существу невозможен без разглашения государственной или иной охраняемой законом тайны "
            "(ч. 6 ст. 11)",
        )
        # Not art. 11, but the same outcome: nobody may consider the complaint on its merits here.
        COMPLAINT_RETURNED = (
            "complaint_returned",
            "Жалоба на орган (должностное лицо), к компетенции которого относится вопрос: возвращена с разъяснением "
            "права обжаловать решение или действие в суд (ч. 6 ст. 8)",
        )

    # Whom the law tells to notify: everyone but the anonymous author (no address; art. 11 part 1).
    NOTIFIED_NO_ANSWER_REASONS = frozenset(set(NoAnswerReason) - {NoAnswerReason.ANONYMOUS})
    # The notice is due within APPEALS_UNREADABLE_NOTICE_DAYS (7) days of registration: art. 11 parts 2, 4
    # and 4.1 say so. Art. 8 part 6 names no term for returning a complaint, but the return stands in for
    # the redirection it forbids, due within 7 days (art. 8 part 3): the conservative reading, with them.
    # The other notified grounds (parts 3, 5, 6) name no term of their own: the notice is due
    # within the term of consideration (art. 12), the conservative reading.
    WEEK_NOTICE_NO_ANSWER_REASONS = frozenset(
        {
            NoAnswerReason.COURT_DECISION,
            NoAnswerReason.UNREADABLE,
            NoAnswerReason.NO_ESSENCE,
            NoAnswerReason.COMPLAINT_RETURNED,
        }
    )
    # The grounds that only a complaint whose subject is recorded (``complaint_against``) can have.
    COMPLAINT_ONLY_NO_ANSWER_REASONS = frozenset({NoAnswerReason.COMPLAINT_RETURNED})
    # 59-ФЗ art. 11 part 5.1: the applicant is told the address of the answer published on the official
    # site; the appeal is answered so. The ССТУ.РФ word of that answer: one place to change it.
    PUBLISHED_ANSWER_RESULT = Result.ANSWERED

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", "Предложение"
        APPLICATION = "application", "Заявление"
        COMPLAINT = "complaint", "Жалоба"

    # Registration
    number = models.CharField("Регистрационный номер", max_length=32, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("Год регистрации", editable=False)
    sequence = models.PositiveIntegerField("Порядковый номер в году", editable=False)
    status = models.CharField("Статус", max_length=32, choices=Status.choices, default=Status.REGISTERED)
    kind = models.CharField("Вид обращения", max_length=16, choices=Kind.choices)
    received_at = models.DateTimeField("Поступило")
    registered_at = models.DateTimeField("Зарегистрировано")
    due_date = models.DateField("Срок рассмотрения")

    # Applicant
    surname = models.CharField("Фамилия", max_length=100)
    first_name = models.CharField("Имя", max_length=100)
    patronymic = models.CharField("Отчество", max_length=100, blank=True)
    email = models.EmailField("Адрес электронной почты для ответа", max_length=254)
    phone = models.CharField("Телефон", max_length=32, blank=True)
    postal_address = models.CharField("Почтовый адрес", max_length=500, blank=True)

    # Content
    addressee = models.ForeignKey(Addressee, verbose_name="Адресат", on_delete=models.PROTECT, related_name="appeals")
    topic = models.ForeignKey(Topic, verbose_name="Тема", on_delete=models.PROTECT, related_name="appeals")
    classifier_code = models.CharField(
        "Код классификатора при регистрации",
        max_length=19,
        help_text="Копия кода темы на момент регистрации: статистика не меняется при правке тем.",
    )
    text = models.TextField("Текст обращения")
    is_collective = models.BooleanField("Коллективное обращение", default=False)

    # Identification (59-ФЗ as amended by 547-ФЗ)
    identity_method = models.CharField("Способ идентификации", max_length=32)
    identity_subject = models.CharField("Идентификатор у поставщика", max_length=255, blank=True)
    identity_issuer = models.CharField("Поставщик идентификации", max_length=255, blank=True)
    identity_verified_at = models.DateTimeField("Идентифицирован")

    # Consent to personal data processing (152-ФЗ)
    consent_version = models.CharField("Редакция согласия на обработку ПДн", max_length=64)
    consent_given_at = models.DateTimeField("Согласие дано")

    # Private status link and replay protection
    status_salt = models.CharField(max_length=64, editable=False, default=new_status_salt)
    status_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)

    # Minimal request metadata, kept for abuse handling only
    ip_address = models.GenericIPAddressField("IP-адрес отправителя", null=True, blank=True)
    user_agent = models.CharField("Браузер отправителя", max_length=255, blank=True)

    # The queue: who works on it (appeals_form.workflow sets these)
    department = models.ForeignKey(
        Addressee,
        verbose_name="Ответственное подразделение",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_appeals",
        limit_choices_to={"kind": Addressee.Kind.BODY},
    )
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Исполнитель",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_appeals",
    )
    assigned_at = models.DateTimeField("Назначено", null=True, blank=True)

    # Extension of the deadline (once, 59-ФЗ art. 12 p. 2)
    original_due_date = models.DateField("Срок до продления", null=True, blank=True)
    extended_at = models.DateTimeField("Срок продлён", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("Продлён на, дней", null=True, blank=True)
    extension_reason = models.TextField("Основание продления", blank=True)

    # Whose decision or action a complaint is about (art. 8 p. 6: never sent to them for consideration)
    complaint_against = models.CharField(
        "На чьё решение или действие (бездействие) жалоба",
        max_length=255,
        blank=True,
        help_text="Орган или должностное лицо; жалобу нельзя направить им на рассмотрение (ч. 6 ст. 8 59-ФЗ).",
    )

    # Redirection to the competent body (art. 8 p. 3)
    redirected_to = models.CharField("Направлено в орган", max_length=255, blank=True)
    redirected_on = models.DateField("Дата направления по компетенции", null=True, blank=True)

    # The outcome
    result = models.CharField("Результат (ССТУ.РФ)", max_length=32, choices=Result.choices, blank=True)
    site_visit = models.BooleanField("Рассмотрено с выездом на место", default=False)
    answered_late = models.BooleanField("Рассмотрено с нарушением срока", default=False)
    answered_at = models.DateTimeField("Дата ответа", null=True, blank=True)
    answer_text = models.TextField("Текст ответа", blank=True)
    answer_file = models.FileField(
        "Файл ответа", storage=private_storage, upload_to="answers/", max_length=255, blank=True
    )
    answer_file_name = models.CharField("Имя файла ответа", max_length=255, blank=True)
    answer_file_type = models.CharField("Тип файла ответа", max_length=100, blank=True)
    # The answer published on the official site, whose address the applicant was sent (art. 11 p. 5.1)
    published_answer_url = models.URLField("Адрес опубликованного ответа", max_length=500, blank=True)
    published_answer_title = models.CharField("Название страницы с ответом", max_length=255, blank=True)
    no_answer_reason = models.CharField(
        "Основание оставить без ответа", max_length=32, choices=NoAnswerReason.choices, blank=True
    )
    closed_at = models.DateTimeField("Рассмотрение завершено", null=True, blank=True)

    # The queue's search beyond the applicant's columns: phone digits, postal address, co-authors
    # (appeals_form/queue_search_text.py; kept by the services, trigram-indexed on PostgreSQL).
    search_extra = models.TextField("Для поиска в очереди", blank=True, default="", editable=False)

    # Retention (manage.py anonymise_old_appeals)
    anonymised_at = models.DateTimeField("Обезличено", null=True, blank=True)

    updated_at = models.DateTimeField("Изменено", auto_now=True)

    class Meta:
        verbose_name = "Обращение"
        verbose_name_plural = "Обращения"
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="appeals_form_appeal_year_sequence"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="appeals_status_due_idx"),
            models.Index(fields=["executor", "status"], name="appeals_executor_status_idx"),
            # The queue's default order (due date, then newest first) and its other sorts;
            # PostgreSQL's trigram and full-text indexes for the search are in migration 0004.
            models.Index(fields=["due_date", "-id"], name="appeals_due_id_idx"),
            models.Index(fields=["received_at"], name="appeals_received_idx"),
            models.Index(fields=["registered_at"], name="appeals_registered_idx"),
        ]
        permissions = [
            ("export_personal_data", "Может выгружать персональные данные заявителей"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if not self.status_token_hash:
            self.status_token_hash = hash_status_token(self.status_token)
        super().save(*args, **kwargs)

    @property
    def status_token(self) -> str:
        return derive_status_token(self.status_salt)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.first_name, self.patronymic) if part)

    @property
    def has_reply_address(self) -> bool:
        """An e-mail or a postal address for the answer."""
        return bool(self.email.strip() or self.postal_address.strip())

    @property
    def names_applicant_and_reply_address(self) -> bool:
        """Surname and an address for the answer are there: not anonymous in the sense of 59-ФЗ art. 11 part 1."""
        return bool(self.surname.strip()) and self.has_reply_address

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class CoAuthor(models.Model):
    """A co-author of a collective appeal."""

    appeal = models.ForeignKey(Appeal, verbose_name="Обращение", on_delete=models.CASCADE, related_name="co_authors")
    name = models.CharField("Фамилия, имя, отчество", max_length=300)
    email = models.EmailField("Адрес электронной почты", max_length=254, blank=True)
    postal_address = models.CharField("Почтовый адрес", max_length=500, blank=True)

    class Meta:
        verbose_name = "Соавтор коллективного обращения"
        verbose_name_plural = "Соавторы коллективного обращения"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    """A document the applicant attached; stored privately, streamed only to staff."""

    appeal = models.ForeignKey(Appeal, verbose_name="Обращение", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("Файл", storage=private_storage, upload_to="appeals/", max_length=255)
    original_name = models.CharField("Имя файла у заявителя", max_length=255)
    content_type = models.CharField("Тип содержимого", max_length=100)
    size = models.PositiveBigIntegerField("Размер, байт")
    sha256 = models.CharField("Контрольная сумма SHA-256", max_length=64)

    class Meta:
        verbose_name = "Вложение"
        verbose_name_plural = "Вложения"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


def number_for(*, year: int, sequence: int) -> str:
    return settings.APPEALS_NUMBER_FORMAT.format(year=year, seq=sequence)


# Latin letters typed for their Cyrillic look-alikes (and «G» for «Г», as «OG» for «ОГ»).
_LOOKALIKES = str.maketrans("ABCEHKMOPTXYG", "АВСЕНКМОРТХУГ")
# A letter of the format typed as the digit it looks like: «0Г-2026-13» on a phone's keyboard.
_DIGIT_LOOKALIKES = {"О": "0"}
# Between the parts of a number people type a hyphen, a dash, a minus, a slash, spaces or nothing
# (a word processor or a mail client turns the hyphen into a dash or a minus; a soft hyphen comes along
# when the number is copied from a page that hyphenates).
_SEPARATOR = r"[\s\-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d_/.№]*"
# What comes along when a number is selected in a sentence: «№ ОГ-2026-000013.», "(ОГ-2026-000013)".
_AROUND = " \t\r\n\u00a0.,;:!?«»\"'“”„‘’()[]<>"
_FIELDS = {"year": r"(?P<year>\d{4})", "seq": r"(?P<seq>\d{1,12})"}


@lru_cache(maxsize=8)
def number_pattern(number_format: str, *, letters_optional: bool) -> re.Pattern:
    """``number_format`` («ОГ-{year}-{seq:06d}») as a pattern of what people type, upper case and
    Cyrillic letters (``typed_number``): any separators or none, the sequence without its zeros.

    ``letters_optional``: the letters may be left out too (a field that asks for the number);
    in a search they make it a number at all («2026 10» is not one).
    """
    parts: list[str] = []

    def add(part: str) -> None:
        if not (part == _SEPARATOR and parts and parts[-1] == _SEPARATOR):
            parts.append(part)

    for literal, name, _spec, _conversion in string.Formatter().parse(number_format):
        for char in literal:
            if char.isalnum():
                letter = re.escape(char.upper())
                if char.upper() in _DIGIT_LOOKALIKES:
                    letter = f"[{letter}{_DIGIT_LOOKALIKES[char.upper()]}]"
                add(f"(?:{letter})?" if letters_optional else letter)
            else:
                add(_SEPARATOR)
        if name is not None:
            for part in (_SEPARATOR, _FIELDS.get(name, r"\w+"), _SEPARATOR):
                add(part)
    while parts and parts[-1] == _SEPARATOR:
        parts.pop()
    while parts and parts[0] == _SEPARATOR:
        parts.pop(0)
    # Not a part of a longer number: «ОГ-2026-000013-1» is not one.
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?![\-‐–—/._]?\w)")


def typed_number(text: str) -> str:
    return (text or "").upper().translate(_LOOKALIKES)


def parse_number(text: str) -> str | None:
    """The registration number a resident meant («ог 2026 13», «OG-2026-000013»), as issued; None if not one."""
    typed = typed_number(text).strip(_AROUND).lstrip("№ ").strip(_AROUND)
    match = number_pattern(settings.APPEALS_NUMBER_FORMAT, letters_optional=True).fullmatch(typed)
    if match is None or not match.groupdict().get("seq") or not match.groupdict().get("year"):
        return None
    return number_for(year=int(match["year"]), sequence=int(match["seq"]))


def holds_number(text: str) -> bool:
    """Whether a text (a search) holds a registration number, letters included («ог 2026 13»)."""
    return number_pattern(settings.APPEALS_NUMBER_FORMAT, letters_optional=False).search(typed_number(text)) is not None
