"""59-ФЗ art. 8 part 6: a complaint is never sent for consideration to those it complains about.

«Запрещается направлять жалобу на рассмотрение в государственный орган, орган местного
самоуправления или должностному лицу, решение или действие (бездействие) которых обжалуется.»
If the prohibition leaves no body competent to consider it, the complaint is returned to the
applicant with an explanation of the right to appeal the decision or action in court
(``Appeal.NoAnswerReason.COMPLAINT_RETURNED``).

The appeal records whom a complaint is about in ``Appeal.complaint_against`` (a body or an
official, as the officer names them; the form offers the addressees' names). A redirection
(``redirect_appeal``) or a department (``assign_appeal``) with the same name is refused. Names
are compared as people type them: case, «ё», quotes and spacing do not matter.
"""

import re

from appeals_form.models import Appeal

from .machine import TransitionRefused

_QUOTES = re.compile(r"[«»\"'“”„‘’]")
_TRAILING = " .,;:"


def comparable_name(name: str) -> str:
    """A body's or an official's name as it is compared: «Управление ЖКХ» == "управление  жкх."."""
    text = _QUOTES.sub(" ", (name or "").casefold().replace("ё", "е"))
    return " ".join(text.split()).strip(_TRAILING)


def is_complained_about(appeal: Appeal, name: str) -> bool:
    """Whether ``name`` is whom the complaint ``appeal`` is about (False for any other kind of appeal)."""
    if appeal.kind != Appeal.Kind.COMPLAINT or not appeal.complaint_against.strip():
        return False
    return bool(comparable_name(name)) and comparable_name(name) == comparable_name(appeal.complaint_against)


def forbidden_addressee_refusal(appeal: Appeal, name: str, *, sending: str) -> TransitionRefused | None:
    """The refusal to send the complaint to ``name`` when it is about ``name``; None otherwise.

    ``sending`` says what was tried, e.g. «направить на рассмотрение в».
    """
    if not is_complained_about(appeal, name):
        return None
    return TransitionRefused(
        f"Жалобу нельзя {sending} «{appeal.complaint_against}»: в ней обжалуются решение или действие "
        "(бездействие) этого органа или должностного лица (ч. 6 ст. 8 Федерального закона № 59-ФЗ). "
        "Направьте её тому, кто вправе рассмотреть её по существу. Если такого нет, верните жалобу заявителю "
        "с разъяснением права обжаловать решение или действие в суд: «Оставить без ответа» → "
        "основание «ч. 6 ст. 8».",
        code="complained_about",
    )


def return_refusal(appeal: Appeal) -> TransitionRefused | None:
    """Why the complaint cannot be returned by art. 8 part 6 (not a complaint, or nobody recorded)."""
    if appeal.kind != Appeal.Kind.COMPLAINT:
        return TransitionRefused(
            "Вернуть по ч. 6 ст. 8 можно только жалобу: выберите другое основание.", code="not_complaint"
        )
    if not appeal.complaint_against.strip():
        return TransitionRefused(
            "Сначала укажите, на чьё решение или действие жалоба («Указать, на кого жалоба»): возвращается "
            "только жалоба, которую некому направить, кроме органа или лица, которое она обжалует.",
            code="complaint_against",
        )
    return None
