"""Business rules of acts: what an editor may save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from regulations import naming
from regulations.models.choices import Kind, Status

if TYPE_CHECKING:
    from regulations.models import RegulationPage

MSG_NO_CONTENT = (
    "Прикрепите официальный файл документа или заполните его текст (вкладка «Текст и файл»): "
    "без одного из них жителю нечего прочитать."
)
MSG_REPLACED_BY_ITSELF = "Документ не может быть заменён сам собой."
MSG_REPLACED_BUT_IN_FORCE = (
    "Документ заменён другим, значит, он утратил силу: выберите статус «Утратил силу» "
    "или уберите ссылку на заменяющий документ."
)
MSG_REPLACEMENT_CYCLE = "Выбранный документ сам заменён этим документом: документы не могут заменять друг друга."
MSG_REPLACEMENT_OLDER = "Заменяющий документ принят раньше этого ({date}): проверьте выбор."
MSG_IN_FORCE_BEFORE_DATE = "Документ не может вступить в силу раньше даты его принятия."
MSG_REGIONAL_ISSUER = "Для закона субъекта РФ укажите субъект в родительном падеже, например: «Московской области»."


def normalise_act(*, act: RegulationPage) -> None:
    """Tidy what editors type: the title without outer quotes, the number without the sign №."""
    act.title = naming.clean_title(act.title)
    act.number = naming.clean_number(act.number)
    act.issuer_in_name = " ".join((act.issuer_in_name or "").split())


def act_errors(*, act: RegulationPage) -> dict[str, str]:
    """Field name -> message for every rule the act breaks; empty when it may be saved."""
    errors: dict[str, str] = {}
    if not act.document_id and not len(act.body or []):
        errors["document"] = MSG_NO_CONTENT
    if act.kind == Kind.REGIONAL_LAW and not act.issuer_in_name:
        errors["issuer_in_name"] = MSG_REGIONAL_ISSUER
    if act.in_force_from and act.date and act.in_force_from < act.date:
        errors["in_force_from"] = MSG_IN_FORCE_BEFORE_DATE
    if act.replaced_by_id:
        replacement = act.replaced_by
        if act.pk and act.replaced_by_id == act.pk:
            errors["replaced_by"] = MSG_REPLACED_BY_ITSELF
        elif act.pk and replacement.replaced_by_id == act.pk:
            errors["replaced_by"] = MSG_REPLACEMENT_CYCLE
        elif act.date and replacement.date < act.date:
            errors["replaced_by"] = MSG_REPLACEMENT_OLDER.format(date=f"{replacement.date:%d.%m.%Y}")
        if act.status != Status.REPEALED:
            errors["status"] = MSG_REPLACED_BUT_IN_FORCE
    return errors
