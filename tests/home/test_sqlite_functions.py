"""Case-insensitive searches find Russian words in any case on both databases.

On SQLite (`make run`) Django's ``icontains`` is SQLite's ``LIKE``, which folds ASCII letters only:
from outside, the admin's search for «кузнецов» found no official and «управление» no addressee
(home/sqlitefunctions.py gives SQLite a ``LIKE`` that folds every alphabet).
"""

import pytest

from appeals_form.factories import AddresseeFactory
from appeals_form.models import Addressee
from schedules.factories import OfficialFactory

pytestmark = pytest.mark.django_db


def test_icontains_folds_cyrillic_letters(db):
    AddresseeFactory(name="Управление ЖКХ")
    found = Addressee.objects.filter(name__icontains="управление жкх")
    assert list(found.values_list("name", flat=True)) == ["Управление ЖКХ"]
    assert Addressee.objects.filter(name__istartswith="УПРАВЛЕНИЕ").exists()
    assert Addressee.objects.filter(name__iexact="управление жкх").exists()


def test_like_keeps_its_wildcards_and_escapes(db):
    AddresseeFactory(name="Скидка 50% на_проезд")
    AddresseeFactory(name="Скидка 500 наXпроезд")
    assert list(Addressee.objects.filter(name__icontains="50%").values_list("name", flat=True)) == [
        "Скидка 50% на_проезд"
    ]
    assert list(Addressee.objects.filter(name__icontains="на_п").values_list("name", flat=True)) == [
        "Скидка 50% на_проезд"
    ]
    assert Addressee.objects.filter(name__startswith="Скидка 5").count() == 2
    assert not Addressee.objects.filter(name__icontains="скидка 5000").exists()


def test_the_admins_snippet_search_finds_an_official_typed_in_lower_case(admin_client):
    OfficialFactory(surname="Кузнецов", first_name="Павел", patronymic="Олегович")
    html = admin_client.get("/admin/snippets/schedules/official/", {"q": "кузнецов"}).content.decode()
    assert "Кузнецов Павел Олегович" in html
