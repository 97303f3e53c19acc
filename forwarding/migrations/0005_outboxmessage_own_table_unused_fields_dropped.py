"""The outbox gets forwarding's own table name; payload and available_at (read by nothing) go."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0004_outboxmessage_moved_to_forwarding"),
        ("forwarding", "0004_outboxmessage_moved_from_appeals_form"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="outboxmessage", name="appeals_outbox_due_idx"),
        migrations.RemoveField(model_name="outboxmessage", name="payload"),
        migrations.RemoveField(model_name="outboxmessage", name="available_at"),
        migrations.AlterModelTable(name="outboxmessage", table=None),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(fields=["state", "created_at"], name="forwarding_outbox_state_idx"),
        ),
    ]
