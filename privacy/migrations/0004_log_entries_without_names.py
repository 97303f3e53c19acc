"""Wagtail's action log entries written before privacy.logentries: names replaced by numbers."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat


def forward(apps, schema_editor):
    from django.contrib.contenttypes.models import ContentType

    from privacy.logentries import neutral_label

    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for type_id in ModelLogEntry.objects.order_by().values_list("content_type_id", flat=True).distinct():
        prefix = neutral_label(ContentType.objects.get(pk=type_id), "")
        if prefix is not None:
            ModelLogEntry.objects.filter(content_type_id=type_id).update(label=Concat(Value(prefix), F("object_id")))


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_export_log_verbose_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
