"""OutboxMessage now lives in forwarding (forwarding 0004); only the model state leaves here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0003_appeal_queue_workflow"),
        ("forwarding", "0004_outboxmessage_moved_from_appeals_form"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxMessage")],
            database_operations=[],
        ),
    ]
