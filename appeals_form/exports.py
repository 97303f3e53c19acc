"""Columns of the appeal queue's export (CSV, XLSX).

The applicant's personal data (name, e-mail, phone, address, text,
co-authors) is exported only for users with the permission
``appeals_form.export_personal_data``; each such export is one record of the
export log (``workflow.records``, ``privacy.PersonalDataExport``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.utils import timezone

from appeals_form.models import Appeal
from appeals_form.types import PERSONAL_FIELDS, PersonalField
from identity.types import METHOD_LABELS
from privacy.policy import EXPORT_PERMISSION

PERSONAL_DATA_PERMISSION = EXPORT_PERMISSION
# A spreadsheet program runs a cell starting with these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportColumn:
    key: str
    heading: str
    value: Callable[[Appeal], Any]
    personal: bool = False


def _local(value):
    return timezone.localtime(value) if value else None


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _yes(value: bool) -> str:
    return "да" if value else ""


def _personal_column(field: PersonalField) -> ExportColumn:
    if field.relation:  # co-authors: their names
        return ExportColumn(
            field.name,
            field.export_heading,
            lambda a: "; ".join(str(row) for row in getattr(a, field.name).all()),
            personal=True,
        )
    return ExportColumn(field.name, field.export_heading, attrgetter(field.name), personal=True)


COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("number", "Регистрационный номер", lambda a: a.number),
    ExportColumn("received_at", "Поступило", lambda a: _local(a.received_at)),
    ExportColumn("registered_at", "Зарегистрировано", lambda a: _local(a.registered_at)),
    ExportColumn("kind", "Вид обращения", lambda a: a.get_kind_display()),
    ExportColumn("status", "Статус", lambda a: a.get_status_display()),
    ExportColumn("topic", "Тема", lambda a: a.topic.title),
    ExportColumn("classifier_code", "Код классификатора", lambda a: a.classifier_code),
    ExportColumn("addressee", "Адресат", lambda a: a.addressee.name),
    ExportColumn("department", "Ответственное подразделение", lambda a: a.department.name if a.department else ""),
    ExportColumn("executor", "Исполнитель", lambda a: _person(a.executor)),
    ExportColumn(
        "identity_method", "Способ идентификации", lambda a: METHOD_LABELS.get(a.identity_method, a.identity_method)
    ),
    ExportColumn("is_collective", "Коллективное", lambda a: _yes(a.is_collective)),
    ExportColumn("due_date", "Срок рассмотрения", lambda a: a.due_date),
    ExportColumn("original_due_date", "Срок до продления", lambda a: a.original_due_date),
    ExportColumn("redirected_to", "Направлено по компетенции в", lambda a: a.redirected_to),
    ExportColumn("redirected_on", "Дата направления", lambda a: a.redirected_on),
    ExportColumn("answered_at", "Дата ответа", lambda a: _local(a.answered_at)),
    ExportColumn("result", "Результат (ССТУ.РФ)", lambda a: a.get_result_display()),
    ExportColumn("site_visit", "Рассмотрено с выездом на место", lambda a: _yes(a.site_visit)),
    ExportColumn("answered_late", "Рассмотрено с нарушением срока", lambda a: _yes(a.answered_late)),
    ExportColumn("no_answer_reason", "Основание оставить без ответа", lambda a: a.get_no_answer_reason_display()),
    # Personal data: the applicant's name, then each exported field of appeals_form.types.PERSONAL_FIELDS
    ExportColumn("applicant", "Заявитель", lambda a: a.full_name, personal=True),
    *(_personal_column(field) for field in PERSONAL_FIELDS if field.export_heading),
)
PERSONAL_KEYS = frozenset(column.key for column in COLUMNS if column.personal)


def can_export_personal_data(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PERSONAL_DATA_PERMISSION))


def columns_for(*, personal: bool) -> tuple[ExportColumn, ...]:
    return tuple(column for column in COLUMNS if personal or not column.personal)


def defuse_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value
