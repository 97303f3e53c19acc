"""The admin's Russian: Wagtail's catalogue glues placeholders to words; ours corrects every such message.

Found from outside: an empty search of the appeal queue said «Обращенияне соответствует
вашему запросу», the export log «Нет Журнал выгрузок … для отображения».
"""

import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.utils import translation

from tests.home.po import read_po

# A placeholder run into a Russian word, or a word run into a placeholder.
GLUED = re.compile(r"%\([a-z_]+\)[sd][А-Яа-яЁё]|[А-Яа-яЁё]%\([a-z_]+\)[sd]")
WAGTAIL_CATALOGUES = sorted(Path(wagtail.__file__).parent.glob("**/locale/ru/LC_MESSAGES/django.po"))
OURS = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _glued_messages():
    for path in WAGTAIL_CATALOGUES:
        for entry in read_po(path):
            if any(GLUED.search(text) for text in entry.translations):
                yield pytest.param(entry, id=entry.msgid[:50])


def _shown(entry, count: int) -> str:
    with translation.override("ru"):
        if entry.msgid_plural:
            return translation.ngettext(entry.msgid, entry.msgid_plural, count)
        return translation.gettext(entry.msgid)


def test_wagtail_still_has_the_slips_this_catalogue_corrects():
    """If an upgrade of Wagtail fixes its catalogue, the corrections here can go."""
    assert WAGTAIL_CATALOGUES
    assert list(_glued_messages())


@pytest.mark.parametrize("entry", list(_glued_messages()))
@pytest.mark.parametrize("count", [1, 2, 5, 21])
def test_no_placeholder_is_glued_to_a_word_in_the_admin(entry, count):
    shown = _shown(entry, count)
    assert not GLUED.search(shown), shown
    assert re.search("[А-Яа-яЁё]", shown), f"not translated: {shown}"


def test_the_compiled_catalogue_matches_its_source():
    """The .mo is committed: after editing the .po, `make messages`."""
    for entry in read_po(OURS):
        for count in (1, 2, 5):
            shown = _shown(entry, count)
            assert shown in entry.translations, (entry.msgid, shown)


def test_an_empty_search_of_the_queue_reads_as_russian(admin_client):
    html = admin_client.get("/admin/appeals/?q=zzzzqqq").content.decode()
    assert "Ничего не найдено: измените запрос или сбросьте фильтры." in html
    assert "не соответствует вашему запросу" not in html
