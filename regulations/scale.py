"""500 municipal acts with amendments for the scale benchmark (``manage.py load_scale_data``).

Seeded and idempotent: the acts live under the demo's regulations index with
slugs starting ``scale-akt-``; a complete set is left alone, a partial one is
completed. Pages are created live (no revision history: enough to serve them).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction

from home.scale import Sizes
from regulations.models import RegulationAmendment, RegulationIndexPage, RegulationPage
from regulations.models.choices import Kind, Status

SLUG_PREFIX = "scale-akt-"
SUBJECTS = (
    "О порядке рассмотрения обращений граждан",
    "Об утверждении административного регламента предоставления муниципальной услуги",
    "О благоустройстве территории городского округа",
    "О внесении изменений в муниципальную программу «Формирование комфортной городской среды»",
    "Об организации личного приёма граждан",
    "О порядке размещения нестационарных торговых объектов",
    "О мерах социальной поддержки многодетных семей",
    "Об утверждении правил содержания домашних животных",
)


def load(*, sizes: Sizes, seed: int = 19, log: Callable[[str], None] = print) -> int:
    index = RegulationIndexPage.objects.live().order_by("path").first()
    if index is None:
        log("regulations: no regulations index (run load_demo_content first), skipped")
        return 0
    existing = set(RegulationPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    rng = random.Random(seed)  # noqa: S311 (fictional data, not a secret)
    created = 0
    with transaction.atomic():
        for n in range(sizes.regulations):
            day = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 16 * 365))
            subject = rng.choice(SUBJECTS)
            kind = rng.choice((Kind.RESOLUTION, Kind.RESOLUTION, Kind.ORDER, Kind.REGULATION))
            amendments = rng.randrange(0, 4)
            slug = f"{SLUG_PREFIX}{n:04d}"
            if slug in existing:
                continue
            page = index.add_child(
                instance=RegulationPage(
                    title=f"{subject} ({n + 1})",
                    slug=slug,
                    kind=kind,
                    issuer_in_name="администрации городского округа Энск",
                    number=f"{n + 1}-ПА",
                    date=day,
                    issuing_body="Администрация городского округа Энск Московской области",
                    status=Status.AMENDED if amendments else Status.IN_FORCE,
                    in_force_from=day,
                    body=[{"type": "paragraph", "value": f"<p>{subject}. Текст акта для нагрузочного теста.</p>"}],
                    live=True,
                )
            )
            RegulationAmendment.objects.bulk_create(
                RegulationAmendment(
                    page=page,
                    kind="",
                    number=f"{1000 + n * 4 + k}-ПА",
                    date=day + timedelta(days=200 * (k + 1)),
                    title=f"О внесении изменений в постановление № {n + 1}-ПА",
                    summary="Уточнены сроки и порядок.",
                    sort_order=k,
                )
                for k in range(amendments)
            )
            created += 1
            if created % 100 == 0:
                log(f"regulations: {created} created")
    log(f"regulations: {created} created, {len(existing)} already there")
    return created
