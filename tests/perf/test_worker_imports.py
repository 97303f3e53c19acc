"""A web worker does not load the packages only rare jobs need (each is megabytes in every worker).

openpyxl (18 MB) reads uploaded report tables and writes open-data workbooks;
the queue's streamed XLSX export imports it when an export runs. ``holidays``
builds the working-day calendar file (tests/home/test_workdays.py).
"""

import subprocess
import sys

ON_DEMAND = ("openpyxl", "holidays")


def test_a_started_worker_with_the_admin_and_the_queue_loads_none_of_them():
    code = (
        "import sys, django; django.setup(); import portal.urls;"
        "from wagtail import hooks; hooks.get_hooks('register_admin_menu_item');"
        "import appeals_form.admin_views.listing, appeals_form.exports, home.xlsx_stream, reports.opendata;"
        "from datetime import date; from home import workdays; from appeals_form import deadlines;"
        "deadlines.due_date(date(2026, 12, 2)); workdays.holiday_name(date(2026, 1, 9));"
        f"print(sorted(name for name in {ON_DEMAND!r} if name in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
