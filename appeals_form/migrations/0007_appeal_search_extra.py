"""The queue's search finds phones, postal addresses and co-authors (``Appeal.search_extra``).

Adds the column, fills it for the appeals there are (in batches), and on
PostgreSQL rebuilds the trigram index on the search expression with the column
in it. The expression and the folding are written out here, not imported: they
must stay those of ``appeals_form.admin_views.search`` and
``appeals_form.queue_search_text`` as they are now.
"""

import re

from django.db import migrations, models

TABLE = "appeals_form_appeal"
OLD_PERSON = "translate(lower(\"number\" || ' ' || \"surname\" || ' ' || \"first_name\" || ' ' || \"patronymic\" || ' ' || \"email\"), 'ё', 'е')"
PERSON = "translate(lower(\"number\" || ' ' || \"surname\" || ' ' || \"first_name\" || ' ' || \"patronymic\" || ' ' || \"email\" || ' ' || \"search_extra\"), 'ё', 'е')"
INDEX = "appeals_person_trgm_idx"
BATCH = 2000


def _index(expression):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{TABLE}" USING gin ({expression} gin_trgm_ops)')

    return run


def _fold(text):
    return text.casefold().replace("ё", "е")


def _phone_digits(value):
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits[0] in "78":
        return "7" + digits[1:]
    return digits


def fill(apps, schema_editor):
    Appeal = apps.get_model("appeals_form", "Appeal")
    CoAuthor = apps.get_model("appeals_form", "CoAuthor")
    ids = list(Appeal.objects.filter(anonymised_at__isnull=True).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        co_authors = {}
        for appeal_id, name, email in (
            CoAuthor.objects.filter(appeal_id__in=chunk).order_by("pk").values_list("appeal_id", "name", "email")
        ):
            co_authors.setdefault(appeal_id, []).extend([name, email])
        rows = []
        for appeal in Appeal.objects.filter(pk__in=chunk).only("pk", "phone", "postal_address"):
            parts = [_phone_digits(appeal.phone or ""), appeal.postal_address or "", *co_authors.get(appeal.pk, [])]
            appeal.search_extra = _fold(" ".join(part.strip() for part in parts if part and part.strip()))
            rows.append(appeal)
        Appeal.objects.bulk_update(rows, ["search_extra"])


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0006_merge_routing_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="appeal",
            name="search_extra",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="Для поиска в очереди"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(_index(PERSON), _index(OLD_PERSON), elidable=False),
    ]
