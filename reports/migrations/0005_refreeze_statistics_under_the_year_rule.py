"""Drop the statistics frozen under the per-period rule: they are frozen again under the year rule.

Snapshots frozen before ``reports.hierarchy`` protected each period on its own;
beside months, quarters and half-years decided together they could give a small
cell away by subtraction. The daily job (or the next request) freezes each
settled period again, from the register, with the year's one decision set.
"""

from django.db import migrations


def drop_snapshots(apps, schema_editor):
    apps.get_model("reports", "StatisticsSnapshot").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_statistics_page")]

    operations = [migrations.RunPython(drop_snapshots, migrations.RunPython.noop)]
