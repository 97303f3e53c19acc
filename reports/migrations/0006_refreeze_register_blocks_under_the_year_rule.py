"""Drop the register blocks' snapshots of raw counts: they are frozen again from the year's decisions.

Before, a report's register block froze the register's counts for its period
and folded small rows on its own; beside the statistics' months, quarters and
half-years its totals could give a small month away (the half-year's 23 with
the 1st quarter's 12, April's 9 and June's 0 gives May's 2). The block now
publishes the cells «Статистика обращений» publishes for the period
(``reports.register_figures``); ``reports.snapshots.frozen_figures`` freezes
each live report's blocks again the first time they are read.
"""

from django.db import migrations

FORMAT = "year-decisions-v1"  # reports.register_figures.FORMAT when this migration was written


def drop_raw_counts(apps, schema_editor):
    snapshots = apps.get_model("reports", "RegisterSnapshot").objects.all()
    stale = [row.pk for row in snapshots.only("pk", "data") if (row.data or {}).get("format") != FORMAT]
    snapshots.filter(pk__in=stale).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_refreeze_statistics_under_the_year_rule")]

    operations = [migrations.RunPython(drop_raw_counts, migrations.RunPython.noop)]
