"""home's demo step for «Согласование» (ORDER 900, after the apps, before the menus).

- the head of the department's demo account ``demo-head`` (group «Руководители
  отдела», password from DEMO_HEAD_PASSWORD or generated) when the demo
  accounts are on (``APPEALS_DEMO_QUEUE``, as for demo-editor / demo-officer);
- a draft report, never published, that ``demo-editor`` has submitted for
  approval: what the head finds in «В ожидании вашего отзыва» on the dashboard.

The report sections got the workflow when they were created
(home.approval.on_page_saved). Idempotent: the draft is made once; once it
exists (waiting, approved or sent back) it is left to the people trying the demo.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib.auth import get_user_model

from home import approval

from .accounts import ensure_user
from .content import SLUG_REPORTS
from .pages import child_by_slug, get_home_page

ORDER = 900

DRAFT_SLUG = "ensk-2-polugodie-2026-proekt"
DRAFT_TITLE = "Работа с обращениями граждан за 2 полугодие 2026 года: городской округ Энск (проект)"
DRAFT_INTRO = (
    "Демонстрационный проект отчёта, отправленный редактором на согласование руководителю отдела. "
    "Таблицы взяты из примера Ленинского городского округа."
)


def load(*, stdout, style) -> None:
    workflow = approval.ensure_default_workflow()
    if not settings.APPEALS_DEMO_QUEUE:
        return
    ensure_user(
        stdout=stdout,
        style=style,
        username="demo-head",
        group=approval.HEADS_GROUP,
        env_var="DEMO_HEAD_PASSWORD",
        first_name="Галина",
        last_name="Демо-Руководитель",
    )
    editor = get_user_model().objects.filter(username="demo-editor").first()
    section = child_by_slug(get_home_page(), SLUG_REPORTS)
    if editor is None or section is None or child_by_slug(section, DRAFT_SLUG) is not None:
        return
    example = section.get_children().live().type(section.specific_class.allowed_subpage_models()[0]).first()
    if example is None:
        return
    example = example.specific
    draft = type(example)(
        title=DRAFT_TITLE,
        slug=DRAFT_SLUG,
        live=False,
        organisation="Администрация городского округа Энск (демонстрационные данные)",
        period_kind=example.period_kind,
        period_year=2026,
        period_number=2,
        intro=DRAFT_INTRO,
        body=copy.deepcopy(example.body.get_prep_value()),
        owner=editor,
    )
    section.add_child(instance=draft)
    draft.save_revision(user=editor, log_action=True)
    workflow.start(draft, editor)
    stdout.write(f"  {style.SUCCESS('created'.ljust(9))} отчёт на согласовании «{DRAFT_TITLE}»")
