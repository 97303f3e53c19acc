"""Columns of the appeal queue's export (CSV, XLSX).

The applicant's personal data (name, e-mail, phone, address, text,
co-authors) is exported only for users with the permission
``appeals_form.export_personal_data``; each such export is one record of the
export log (``workflow.records``, ``privacy.PersonalDataExport``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from appeals_form.models import Appeal
from appeals_form.types import PERSONAL_FIELDS, PersonalField
from identity.types import METHOD_LABELS
from privacy.policy import EXPORT_PERMISSION

PERSONAL_DATA_PERMISSION = EXPORT_PERMISSION


class CellKind(Enum):
    """How a column's values are written: text, a date, a date and time (local)."""

    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class ExportColumn:
    """A column of the export, read without model instances.

    ``fields`` are the appeal's values it needs (``values_list`` paths, joins
    included); ``value`` makes the cell of them (called with the values in that
    order; ``None``: the one field's value as it is, a ``DATETIME`` in the
    current time zone). ``related`` is a relation's name and the fields of its
    rows to list instead, each row made one text by ``value`` (co-authors'
    names with their e-mails; a row made "" is left out).
    """

    key: str
    heading: str
    fields: tuple[str, ...] = ()
    value: Callable[..., Any] | None = None
    personal: bool = False
    kind: CellKind = CellKind.TEXT
    related: tuple[str, tuple[str, ...]] | None = None


def _person(first_name, last_name, username) -> str:
    """``User.get_full_name() or get_username()`` of the joined user's columns; "" without one."""
    if username is None:
        return ""
    return f"{first_name} {last_name}".strip() or username


def _yes(value: bool) -> str:
    return "да" if value else ""


def _label(choices: dict) -> Callable[[Any], Any]:
    return lambda value: choices.get(value, value)


def _full_name(surname, first_name, patronymic) -> str:
    return " ".join(part for part in (surname, first_name, patronymic) if part)


def _field(key: str, heading: str, kind: CellKind = CellKind.TEXT) -> ExportColumn:
    return ExportColumn(key, heading, (key,), kind=kind)


def co_author_cell(name: str, email: str) -> str:
    """A co-author in the export: the name and, when given, the e-mail to answer them too."""
    return f"{name} ({email})" if email else name


def co_author_address_cell(name: str, postal_address: str) -> str:
    """A co-author's postal address in the export, after their name; "" (left out) when they gave none."""
    return f"{name}: {postal_address}" if postal_address else ""


def _personal_columns(field: PersonalField) -> tuple[ExportColumn, ...]:
    if field.relation:  # co-authors: their names and e-mails; their postal addresses
        return (
            ExportColumn(
                field.name,
                field.export_heading,
                personal=True,
                related=(field.name, ("name", "email")),
                value=co_author_cell,
            ),
            ExportColumn(
                "co_author_addresses",
                "Почтовые адреса соавторов",
                personal=True,
                related=(field.name, ("name", "postal_address")),
                value=co_author_address_cell,
            ),
        )
    return (ExportColumn(field.name, field.export_heading, (field.name,), personal=True),)


_DATETIME = CellKind.DATETIME
_DATE = CellKind.DATE
COLUMNS: tuple[ExportColumn, ...] = (
    _field("number", "Регистрационный номер"),
    _field("received_at", "Поступило", _DATETIME),
    _field("registered_at", "Зарегистрировано", _DATETIME),
    ExportColumn("kind", "Вид обращения", ("kind",), _label(dict(Appeal.Kind.choices))),
    ExportColumn("status", "Статус", ("status",), _label(dict(Appeal.Status.choices))),
    ExportColumn("topic", "Тема", ("topic__title",)),
    _field("classifier_code", "Код классификатора"),
    ExportColumn("addressee", "Адресат", ("addressee__name",)),
    ExportColumn("department", "Ответственное подразделение", ("department__name",), lambda name: name or ""),
    ExportColumn(
        "executor", "Исполнитель", ("executor__first_name", "executor__last_name", "executor__username"), _person
    ),
    ExportColumn("identity_method", "Способ идентификации", ("identity_method",), _label(METHOD_LABELS)),
    ExportColumn("is_collective", "Коллективное", ("is_collective",), _yes),
    _field("due_date", "Срок рассмотрения", _DATE),
    _field("original_due_date", "Срок до продления", _DATE),
    _field("redirected_to", "Направлено по компетенции в"),
    _field("redirected_on", "Дата направления", _DATE),
    _field("complaint_against", "Жалоба на (ч. 6 ст. 8 59-ФЗ)"),
    _field("published_answer_url", "Адрес опубликованного ответа (ч. 5.1 ст. 11 59-ФЗ)"),
    _field("answered_at", "Дата ответа", _DATETIME),
    ExportColumn("result", "Результат (ССТУ.РФ)", ("result",), _label(dict(Appeal.Result.choices))),
    ExportColumn("site_visit", "Рассмотрено с выездом на место", ("site_visit",), _yes),
    ExportColumn("answered_late", "Рассмотрено с нарушением срока", ("answered_late",), _yes),
    ExportColumn(
        "no_answer_reason",
        "Основание оставить без ответа",
        ("no_answer_reason",),
        _label(dict(Appeal.NoAnswerReason.choices)),
    ),
    # Personal data: the applicant's name, then each exported field of appeals_form.types.PERSONAL_FIELDS
    ExportColumn("applicant", "Заявитель", ("surname", "first_name", "patronymic"), _full_name, personal=True),
    *(column for field in PERSONAL_FIELDS if field.export_heading for column in _personal_columns(field)),
)
PERSONAL_KEYS = frozenset(column.key for column in COLUMNS if column.personal)


def can_export_personal_data(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PERSONAL_DATA_PERMISSION))


def columns_for(*, personal: bool) -> tuple[ExportColumn, ...]:
    return tuple(column for column in COLUMNS if personal or not column.personal)
