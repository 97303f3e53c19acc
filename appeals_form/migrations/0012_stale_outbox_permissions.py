"""The permissions of ``appeals_form.OutboxMessage``, left behind when the model moved to forwarding (0004).

0002 created them while the model was still here; nothing has used them since, and Django's admin listed them
with their English names («Can add Исходящее сообщение»). forwarding.OutboxMessage has its own.
"""

from django.db import migrations


def delete_stale_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.using(schema_editor.connection.alias).filter(
        content_type__app_label="appeals_form", content_type__model="outboxmessage"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appeals_form", "0011_co_author_postal_address"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(delete_stale_permissions, migrations.RunPython.noop)]
