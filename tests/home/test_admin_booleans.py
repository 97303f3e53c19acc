"""Yes/no values and missing users in the admin's listings are said in Russian.

Found from outside: «Пользователи» listed every active account with «True» (Wagtail's BooleanColumn writes the
raw value as its icon's hidden title, which a screen reader reads and a listing's text carries), the
officials', topics' and routing rules' snippets the same, and «Устаревающие страницы» printed «None» for a page
published by a command. Three of Wagtail's templates are overridden (``templates/wagtailadmin/``): every
BooleanColumn, every plain column showing a model's yes/no field, every avatar with its user's name. The crawl
of every admin screen (``test_admin_crawl.py``) looks for «True», «False», «None» in any cell.
"""

import hashlib
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.admin.ui.tables import BooleanColumn, Column, Table

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<[^>]+>")
WAGTAIL = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin"
OURS = Path(settings.BASE_DIR) / "templates/wagtailadmin"
# Wagtail 8.0's templates, whitespace folded, that ours were made from: when Wagtail changes one, this
# fails, and ours is brought in step with the new one.
COPIED_FROM = {
    "tables/boolean_cell.html": "1ab9fc9910d55532",
    "tables/cell.html": "daa09e67531fcb79",
    "shared/user_avatar.html": "c2f9851a00891a7b",
}


def _text(html: str) -> str:
    return " ".join(TAG.sub(" ", html).split())


class Row:
    def __init__(self, pk, flag):
        self.pk = pk
        self.flag = flag


@pytest.mark.parametrize("name", COPIED_FROM)
def test_ours_are_copies_of_wagtails_current_templates(name):
    original = " ".join((WAGTAIL / name).read_text().split())
    assert hashlib.sha256(original.encode()).hexdigest()[:16] == COPIED_FROM[name], f"Wagtail changed {name}"
    assert (OURS / name).exists()


@pytest.mark.parametrize("column_class", [BooleanColumn, Column])
def test_a_yes_no_column_says_da_net_not_true_false(column_class):
    table = Table([column_class("flag", label="Действует")], [Row(1, True), Row(2, False), Row(3, None)])
    request = RequestFactory().get("/admin/")
    cells = [_text(cell) for cell in re.findall(r"<td\b.*?</td>", table.render_html({"request": request}), re.S)]
    expected_none = "Не указано" if column_class is BooleanColumn else ""
    assert cells == ["Да", "Нет", expected_none]


def test_an_avatar_without_a_user_says_so_in_russian(django_user_model):
    assert _text(render_to_string("wagtailadmin/shared/user_avatar.html", {"user": None})) == "не указан"
    user = django_user_model.objects.create_user("ivanova", first_name="Анна", last_name="Иванова")
    shown = _text(render_to_string("wagtailadmin/shared/user_avatar.html", {"user": user, "username": "Анна Иванова"}))
    assert shown == "Анна Иванова"


def test_wagtails_default_workflow_is_named_in_russian():
    from wagtail.models import Task, Workflow

    assert Workflow.objects.filter(name="Согласование модераторами").exists()  # Wagtail's, renamed
    assert not Workflow.objects.filter(name__contains="approval").exists()
    assert not Task.objects.filter(name__contains="approval").exists()
