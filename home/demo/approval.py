"""home's demo step for «Согласование» (ORDER 900, after the apps, before the menus).

- the head of the department's demo account ``demo-head`` (group «Руководители
  отдела», password from DEMO_HEAD_PASSWORD or generated) when the demo
  accounts are on (``APPEALS_DEMO_QUEUE``, as for demo-editor / demo-officer);
- a draft report, never published, that ``demo-editor`` has submitted for
  approval: what the head finds in «В ожидании вашего отзыва» on the dashboard.
  It reports on the last half-year that has ended by the day the demo is loaded
  (``finished_half``): a report waits for approval only once its period is over.

The report sections got the workflow when they were created
(home.approval.on_page_saved). Idempotent: the draft is made once; once it
exists (waiting, approved or sent back) it is left to the people trying the demo.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from home import approval
from reports.periods import HALF, Period

from .accounts import ensure_user
from .content import SLUG_REPORTS
from .pages import child_by_slug, get_home_page

ORDER = 900

#: Any demo draft, whatever its half-year: the draft is made once per site.
DRAFT_SLUG_RE = re.compile(r"^ensk-\d-polugodie-\d{4}-proekt$")
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
    if editor is None or section is None or any(DRAFT_SLUG_RE.match(slug) for slug in child_slugs(section)):
        return
    example = section.get_children().live().type(section.specific_class.allowed_subpage_models()[0]).first()
    if example is None:
        return
    example = example.specific
    period = finished_half(timezone.localdate())
    title = draft_title(period)
    draft = type(example)(
        title=title,
        slug=draft_slug(period),
        live=False,
        organisation="Администрация городского округа Энск (демонстрационные данные)",
        period_kind=period.kind,
        period_year=period.year,
        period_number=period.number,
        intro=DRAFT_INTRO,
        body=copy.deepcopy(example.body.get_prep_value()),
        owner=editor,
    )
    section.add_child(instance=draft)
    draft.save_revision(user=editor, log_action=True)
    workflow.start(draft, editor)
    stdout.write(f"  {style.SUCCESS('created'.ljust(9))} отчёт на согласовании «{title}»")


def finished_half(today: date) -> Period:
    """The last half-year that has ended by ``today``: the 1st of this year from July, else the 2nd of last year."""
    if today.month >= 7:
        return Period(kind=HALF, year=today.year, number=1)
    return Period(kind=HALF, year=today.year - 1, number=2)


def draft_title(period: Period) -> str:
    return f"Работа с обращениями граждан за {period.label}: городской округ Энск (проект)"


def draft_slug(period: Period) -> str:
    return f"ensk-{period.number}-polugodie-{period.year}-proekt"


def child_slugs(page) -> list[str]:
    return list(page.get_children().values_list("slug", flat=True))
