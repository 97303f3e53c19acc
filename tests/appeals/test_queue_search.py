"""The queue's search finds an appeal by whatever the officer has at hand (SQLite and PostgreSQL alike).

The registration number, any of the applicant's names, e-mail, phone (in any
typed format: «+7…», «8…», «7…», with spaces, brackets or hyphens) and postal
address, any co-author's name and e-mail, a word of the text; case and «е»/«ё»
do not matter. The appeal is registered by the service, as the form does, so
the test covers what the services store for the search.
"""

from dataclasses import replace

import pytest
from django.db import connection

from appeals_form.admin_views import search
from appeals_form.factories import CoAuthorFactory
from appeals_form.models import Appeal
from appeals_form.types import CoAuthorData
from appeals_form.workflow.retention import anonymise_old_appeals
from tests.appeals.queue_helpers import appeal_in, numbers

pytestmark = pytest.mark.django_db
Status = Appeal.Status
PHONE = "+79035551742"  # as the form stores it (validators.normalize_phone)


@pytest.fixture
def registered(register, submission_factory, identity_email):
    """An appeal of Иванова Мария with a co-author, and another applicant's appeal that must not be found."""
    submission = submission_factory(
        phone=PHONE,
        postal_address="140000, Московская обл., г. Энск, ул. Лесная, д. 12, кв. 3",
        text="Во дворе дома не горят фонари уже месяц.",
        co_authors=(CoAuthorData(name="Ковалёв Сергей Иванович", email="kovalev.s@example.ru"),),
    )
    wanted = register(submission=submission).appeal
    other = submission_factory(
        surname="Петрова",
        first_name="Анна",
        email="petrova@example.ru",
        phone="+74951234567",
        postal_address="г. Энск, ул. Садовая, д. 1",
        text="Яма на дороге у остановки.",
    )
    register(submission=other, identity=replace(identity_email, email="petrova@example.ru"))
    return wanted


@pytest.mark.parametrize(
    "query",
    [
        # what worked before
        "Иванова",
        "иванова мария",
        "фонари",
        "ivanova@example",
        # co-authors
        "Ковалев",
        "ковалёв",
        "КОВАЛЁВ Сергей",
        "kovalev.s@example.ru",
        # the phone, however typed
        "+79035551742",
        "79035551742",
        "89035551742",
        "9035551742",
        "903 555-17-42",
        "+7 903 555-17-42",
        "8 (903) 555-17-42",
        "8-903-555-17-42",
        "555-17-42",
        "Иванова 903 555 17 42",
        # a word of the text in another form (on SQLite too: «квитанция» did not find «квитанции» there)
        "фонарь",
        "фонарями",
        "месяца",
        "ДВОРЫ",
        "фонарём",
        # the postal address
        "Лесная",
        "лесная 12",
        "Энск Лесная",
        # typed with the Latin layout on: names, the text, the address, «ё» («`») and «ж» («;») keys too
        "bdfyjdf",
        "bdfyjdf vfhbz",
        "rjdfk`d",
        "ajyfhb",
        "ktcyfz 12",
        "Иванова ajyfhb",
        # pasted with a NUL, a line break, a zero-width space
        "Иванова\x00",
        "Иванова\r\nМария",
        "\u200bфонари",
    ],
)
def test_the_queue_finds_an_appeal_by_anything_the_officer_has(officer_client, registered, query):
    assert numbers(officer_client.get("/admin/appeals/", {"q": query, "status": ""})) == [registered.number]


@pytest.mark.parametrize(
    "query",
    [
        "89035551743",
        "+7 903 555-17-43",
        "Лесная 13",
        "Ковалёва",
        "Иванова Садовая",
        "фонтаны",
        "фонари яма",
        "cvbhyjdf",
    ],
)
def test_a_different_phone_address_or_name_finds_nothing(officer_client, registered, query):
    assert numbers(officer_client.get("/admin/appeals/", {"q": query, "status": ""})) == []


def test_the_registration_number_is_still_found_in_parts(officer_client, registered):
    year, sequence = registered.number.split("-")[1:]
    for query in (registered.number, f"{year}-{sequence}", sequence):
        assert registered.number in numbers(officer_client.get("/admin/appeals/", {"q": query, "status": ""}))


@pytest.mark.parametrize(
    "typed",
    ["ОГ-2026-000013", "ог 2026 13", "ОГ-2026-13", "OG-2026-13", "№ ОГ 2026 000013", "2026-13", "2026 000013"],
)
def test_a_number_typed_as_people_write_it_finds_that_appeal_alone(officer_client, typed):
    """Found from outside: «ог 2026 2» listed 1 471 appeals (every word apart), «ОГ-2026-13» none."""
    for sequence in (13, 113, 130, 1300, 2013):
        appeal_in(Status.IN_WORK, number=f"ОГ-2026-{sequence:06d}")
    appeal_in(Status.IN_WORK, number="ОГ-2025-000013")
    assert numbers(officer_client.get("/admin/appeals/", {"q": typed, "status": ""})) == ["ОГ-2026-000013"]
    # The beginning of zero-padded numbers is still a part: «2026-0001» lists 000100–000199.
    listed = numbers(officer_client.get("/admin/appeals/", {"q": "2026-0001", "status": ""}))
    assert sorted(listed) == ["ОГ-2026-000113", "ОГ-2026-000130"]


def test_co_authors_added_later_are_found_and_anonymisation_erases_the_copy(officer_client):
    appeal = appeal_in(Status.CLOSED, is_collective=True)
    CoAuthorFactory(appeal=appeal, name="Ёлкин Фёдор", email="yolkin@example.ru", postal_address="ул. Звёздная, д. 7")
    assert numbers(officer_client.get("/admin/appeals/", {"q": "елкин", "status": ""})) == [appeal.number]
    assert numbers(officer_client.get("/admin/appeals/", {"q": "звездная", "status": ""})) == [appeal.number]
    Appeal.objects.filter(pk=appeal.pk).update(registered_at=appeal.registered_at.replace(year=2000))
    anonymise_old_appeals()
    appeal.refresh_from_db()
    assert appeal.search_extra == ""
    for query in ("елкин", "yolkin", "Звёздная", "Садовая", "900 000-00-00"):
        assert numbers(officer_client.get("/admin/appeals/", {"q": query, "status": ""})) == []


def test_a_run_of_phone_words_is_one_term():
    terms = search.terms_of("Иванова 8 (903) 555-17-42 Лесная")
    assert [term.words for term in terms] == [("Иванова",), ("8", "(903)", "555-17-42"), ("Лесная",)]
    assert terms[1].phone == "79035551742"
    assert [term.phone for term in search.terms_of("12 ОГ-2026-000001")] == ["", ""]  # too short for a phone


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's indexes")
@pytest.mark.parametrize(
    "query", ["Ковалев", "kovalev.s@example", "Лесная", "+7 903 555-17-42", "89035551742", "bdfyjdf"]
)
def test_the_new_search_fields_use_the_indexes(registered, query):
    rows = Appeal.objects.filter(search.search_condition(query)).order_by().values("pk")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        # Only a bitmap scan is left: it appears only if every alternative matches an index expression.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert search.PERSON_INDEX in plan and "Seq Scan" not in plan


def test_the_migration_fills_existing_appeals_as_the_services_do(registered):
    import importlib

    from django.apps import apps

    from appeals_form import queue_search_text

    migration = importlib.import_module("appeals_form.migrations.0007_appeal_search_extra")
    stored = Appeal.objects.get(pk=registered.pk).search_extra
    Appeal.objects.update(search_extra="")
    migration.fill(apps, None)
    assert Appeal.objects.get(pk=registered.pk).search_extra == stored
    assert stored == queue_search_text.search_extra(
        phone=PHONE,
        postal_address=registered.postal_address,
        co_authors=[("Ковалёв Сергей Иванович", "kovalev.s@example.ru")],
    )
    assert "79035551742" in stored and "ковалев" in stored and "лесная" in stored


def test_a_long_query_stays_a_bounded_condition():
    terms = search.terms_of(" ".join(["12"] * 1000) + " " + " ".join(["слово"] * 1000))
    assert len(terms) == search.MAX_SEARCH_WORDS
    assert all(len(term.words) <= search.MAX_SEARCH_WORDS for term in terms)
