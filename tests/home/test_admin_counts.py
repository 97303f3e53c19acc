"""The count under every admin list reads in Russian, whatever the number.

Wagtail writes «{count} {verbose_name_plural}» under each list: «5 Обращения», «21 Должностные лица»,
«2 Изображения». ``templates/wagtailadmin/shared/pagination_nav.html`` is Wagtail's template with that
line changed (home.templatetags.admin_counts); the first test fails when a Wagtail upgrade changes the
original, so the copy is brought in step.
"""

import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<[^>]+>")
ORIGINAL = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/shared/pagination_nav.html"
OURS = Path(settings.BASE_DIR) / "templates/wagtailadmin/shared/pagination_nav.html"


def test_the_template_is_wagtails_but_for_the_count():
    ours = [line for line in OURS.read_text().splitlines() if not line.lstrip().startswith("{#")]
    original = ORIGINAL.read_text().splitlines()
    changed = [(a, b) for a, b in zip(original, ours, strict=True) if a != b]
    assert changed == [
        ("{% load wagtailadmin_tags %}", "{% load wagtailadmin_tags admin_counts %}"),
        ("        {{ items.paginator.items_count_label|capfirst }}", "        {% items_count items.paginator %}"),
    ]


def _count_under(admin_client, url: str) -> str:
    html = admin_client.get(url).content.decode()
    end = re.search(r'<div class="pagination__end">(.*?)</div>', html, re.S)
    assert end, f"no count under the list at {url}"
    return " ".join(TAG.sub(" ", end.group(1)).split())


def test_lists_without_their_nouns_forms_put_the_name_first(admin_client):
    from schedules.factories import OfficialFactory

    for _ in range(2):
        OfficialFactory()
    assert _count_under(admin_client, "/admin/snippets/schedules/official/") == "Должностные лица: 2"


def test_the_queue_counts_with_its_nouns_forms(admin_client):
    from tests.appeals.queue_helpers import appeal_in

    for _ in range(5):
        appeal_in("registered")
    assert _count_under(admin_client, "/admin/appeals/") == "5 обращений"
