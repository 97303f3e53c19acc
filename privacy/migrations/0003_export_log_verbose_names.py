from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_department_sees_export_log"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="personaldataexport",
            options={
                "default_permissions": ("view",),
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "выгрузка персональных данных",
                "verbose_name_plural": "выгрузки персональных данных",
            },
        ),
    ]
