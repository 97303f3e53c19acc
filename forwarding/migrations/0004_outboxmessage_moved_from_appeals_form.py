"""OutboxMessage moves from appeals_form to forwarding (state only: the table stays as it is).

The next migration renames the table and drops the fields nothing reads.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0003_appeal_queue_workflow"),
        ("forwarding", "0003_delivery_task_id"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("event", models.CharField(max_length=64, verbose_name="Событие")),
                        ("payload", models.JSONField(default=dict, verbose_name="Данные")),
                        (
                            "idempotency_key",
                            models.UUIDField(
                                default=uuid.uuid4, editable=False, unique=True, verbose_name="Ключ идемпотентности"
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("pending", "Ожидает отправки"),
                                    ("sent", "Отправлено"),
                                    ("failed", "Ошибка, будет повторено"),
                                    ("dead", "Не доставлено"),
                                ],
                                default="pending",
                                max_length=16,
                                verbose_name="Состояние",
                            ),
                        ),
                        ("attempts", models.PositiveIntegerField(default=0, verbose_name="Попыток")),
                        ("last_error", models.TextField(blank=True, verbose_name="Последняя ошибка")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="Создано")),
                        (
                            "available_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="Отправить не ранее"),
                        ),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="Отправлено")),
                        (
                            "appeal",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="outbox_messages",
                                to="appeals_form.appeal",
                                verbose_name="Обращение",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Исходящее сообщение",
                        "verbose_name_plural": "Исходящие сообщения",
                        "ordering": ["created_at", "id"],
                        "db_table": "appeals_form_outboxmessage",
                        "indexes": [models.Index(fields=["state", "available_at"], name="appeals_outbox_due_idx")],
                    },
                ),
                migrations.AlterField(
                    model_name="delivery",
                    name="message",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="forwarding.outboxmessage",
                        verbose_name="Исходящее сообщение",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
