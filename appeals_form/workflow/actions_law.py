"""The officer's actions of 59-ФЗ art. 11 part 5.1 and art. 8 part 6 (the rest is ``actions``).

Art. 11 part 5.1: «в случае поступления ... письменного обращения, содержащего вопрос, ответ на
который размещен в соответствии с частью 4 статьи 10 ... на официальном сайте ..., гражданину,
направившему обращение, в течение семи дней со дня регистрации обращения сообщается электронный
адрес официального сайта ..., на котором размещен ответ на вопрос, поставленный в обращении, при
этом обращение, содержащее обжалование судебного решения, не возвращается.» The notice with the
address is the answer: the appeal is answered (``Appeal.PUBLISHED_ANSWER_RESULT`` in ССТУ.РФ words),
late after its 7 calendar days (``dates.published_answer_deadline``).

Art. 8 part 6: the officer records whose decision or action a complaint is about
(``record_complaint_against``); redirecting or assigning the complaint to them is then refused
(``complaints``), and the complaint may be returned (``leave_without_answer``, ground
``complaint_returned``).

Keyword-only services; each locks the appeal's row and checks the state machine, like ``actions``.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from appeals_form.models import Appeal, AppealEvent
from appeals_form.services import record_event

from . import complaints, dates
from .actions import ActionResult, _locked, _move, _notify_applicant, _with_postal_copy, one_line
from .machine import Action, TransitionRefused, check_allowed

URL_MAX_LENGTH = 500
TITLE_MAX_LENGTH = 255
NAME_MAX_LENGTH = 255


def official_url(url: str) -> str:
    """The address of a published answer, checked: a web address on the official site (else refused)."""
    from appeals_form import selectors

    url = (url or "").strip()
    if not url:
        raise TransitionRefused("Выберите страницу с ответом или введите её адрес.", code="url")
    if len(url) > URL_MAX_LENGTH:
        raise TransitionRefused(f"Адрес страницы длиннее {URL_MAX_LENGTH} знаков.", code="url")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").casefold().rstrip(".")
    except ValueError:
        parts, host = None, ""
    # The host is checked against the official site's names below; here only the shape of a web address.
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in url):
        raise TransitionRefused(
            "Введите полный адрес страницы, например https://admin-gorod.ru/otvety/uborka-snega/.", code="url"
        )
    hosts = selectors.official_site_hosts()
    if host not in hosts:
        raise TransitionRefused(
            f"Адрес «{host}» — не официальный сайт: по ч. 5.1 ст. 11 59-ФЗ сообщается адрес официального сайта, "
            f"на котором размещён ответ ({', '.join(sorted(hosts))}).",
            code="url_host",
        )
    return url


def tell_published_answer(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    url: str,
    title: str = "",
    note: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """Send the applicant the address of the answer published on the official site (art. 11 part 5.1)."""
    now = now or timezone.now()
    url = official_url(url)
    title = " ".join((title or "").split())[:TITLE_MAX_LENGTH]
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.PUBLISHED_ANSWER)
        limit = min(dates.published_answer_deadline(appeal.registered_at), appeal.due_date)
        late = timezone.localdate(now) > limit
        appeal.published_answer_url = url
        appeal.published_answer_title = title
        appeal.result = Appeal.PUBLISHED_ANSWER_RESULT
        appeal.answered_at = now
        # After its 7 days: «рассмотрено с нарушением срока» (ССТУ.РФ), like every late notice.
        appeal.answered_late = late
        fields = ["published_answer_url", "published_answer_title", "result", "answered_at", "answered_late"]
        _move(appeal, Action.PUBLISHED_ANSWER, fields=fields)
        event = record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.PUBLISHED_ANSWER,
            actor=actor,
            at=now,
            note=(note or "").strip(),
            payload={"url": url, "title": title, "result": appeal.result, "late": late, "limit": limit},
        )
        _notify_applicant(appeal, "published_answer")
    warnings = ()
    if late:
        warnings = (
            f"Адрес опубликованного ответа сообщён позже {settings.APPEALS_PUBLISHED_ANSWER_NOTICE_DAYS} дней со дня "
            f"регистрации (срок истёк {limit:%d.%m.%Y}, ч. 5.1 ст. 11 59-ФЗ): обращение отмечено как рассмотренное "
            "с нарушением срока.",
        )
    return ActionResult(
        appeal=appeal, event=event, warnings=_with_postal_copy(appeal, Action.PUBLISHED_ANSWER, warnings)
    )


def record_complaint_against(
    *,
    appeal: Appeal,
    actor: AbstractBaseUser,
    name: str,
    note: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """Record whose decision or action the complaint is about (art. 8 part 6); the status stays."""
    now = now or timezone.now()
    name = one_line(
        name,
        max_length=NAME_MAX_LENGTH,
        missing="Укажите орган или должностное лицо, чьё решение или действие обжалуется.",
        too_long=f"Наименование длиннее {NAME_MAX_LENGTH} знаков.",
        code="name",
    )
    with transaction.atomic():
        appeal = _locked(appeal)
        check_allowed(appeal, Action.COMPLAINT_AGAINST)
        previous = appeal.complaint_against
        appeal.complaint_against = name
        _move(appeal, Action.COMPLAINT_AGAINST, fields=["complaint_against"])
        event = record_event(
            appeal=appeal,
            kind=AppealEvent.Kind.COMPLAINT_AGAINST,
            actor=actor,
            at=now,
            note=(note or "").strip(),
            payload={"name": name, "previous": previous},
        )
        department = appeal.department.name if appeal.department_id else ""
    warnings = ()
    if department and complaints.is_complained_about(appeal, department):
        warnings = (
            f"Жалоба сейчас у подразделения «{department}», на решение или действие которого она подана: передайте "
            "её на рассмотрение другому подразделению («Назначить исполнителя»), ч. 6 ст. 8 59-ФЗ.",
        )
    return ActionResult(appeal=appeal, event=event, warnings=warnings)
