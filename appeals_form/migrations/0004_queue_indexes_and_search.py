"""Indexes of the appeal queue: its default order, sorts, the period filter, and (PostgreSQL) its search.

The search indexes are PostgreSQL's only (pg_trgm is a trusted extension: the
database owner may create it). Their expressions must stay exactly those of
``appeals_form.admin_views.search`` (written out here: a migration does not
import code that may change later).
"""

from django.conf import settings
from django.db import migrations, models

TABLE = "appeals_form_appeal"
PERSON = "translate(lower(\"number\" || ' ' || \"surname\" || ' ' || \"first_name\" || ' ' || \"patronymic\" || ' ' || \"email\"), 'ё', 'е')"
TEXT = "to_tsvector('russian'::regconfig, \"text\")"
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f'CREATE INDEX IF NOT EXISTS appeals_person_trgm_idx ON "{TABLE}" USING gin ({PERSON} gin_trgm_ops)',
    f'CREATE INDEX IF NOT EXISTS appeals_text_fts_idx ON "{TABLE}" USING gin ({TEXT})',
]
DROP = ["DROP INDEX IF EXISTS appeals_person_trgm_idx", "DROP INDEX IF EXISTS appeals_text_fts_idx"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0003_appeal_queue_workflow"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="appeal",
            index=models.Index(fields=["due_date", "-id"], name="appeals_due_id_idx"),
        ),
        migrations.AddIndex(
            model_name="appeal",
            index=models.Index(fields=["received_at"], name="appeals_received_idx"),
        ),
        migrations.AddIndex(
            model_name="appeal",
            index=models.Index(fields=["registered_at"], name="appeals_registered_idx"),
        ),
        migrations.RunPython(_run(CREATE), _run(DROP), elidable=False),
    ]
