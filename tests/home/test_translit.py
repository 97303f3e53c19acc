"""Every address and file name the portal makes from Russian words spells them alike (home/translit.py).

There were three tables of Latin letters (report tables' addresses, officials' addresses, downloaded
files' names), each its own copy: one changed would spell «Щукина» two ways on one site.
"""

import re

from reports import slugs
from reports.opendata import content_disposition
from schedules.models.reference import transliterate_slug

WORDS = "Щукина Юлия Жанна Хабибуллина Цветаева Чернышёва Эльвира Ёлкина подъезд"
LATIN = "shchukina-yuliya-zhanna-khabibullina-tsvetaeva-chernysheva-elvira-elkina-podezd"


def test_tables_officials_and_file_names_spell_russian_alike():
    assert transliterate_slug(WORDS) == LATIN
    assert slugs.transliterate(WORDS) == LATIN[: LATIN.rindex("-", 0, slugs.MAX_LENGTH)]  # cut between words
    filename = re.search(r'filename="([^"]+)\.csv"', content_disposition(WORDS, "csv")).group(1)
    assert filename.lower().replace("_", "-") == LATIN
