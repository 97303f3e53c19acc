"""Reads compiled once per process (home.prepared.PreparedRead): the same rows as the queryset, for any values."""

import pytest
from django.db.models import F
from django.db.models.sql import compiler

from appeals_form.factories import AddresseeFactory, AppealFactory
from appeals_form.models import Appeal, AppealEvent
from home.prepared import PreparedRead

pytestmark = pytest.mark.django_db


def _compiles(monkeypatch) -> list[int]:
    calls = []
    original = compiler.SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(compiler.SQLCompiler, "as_sql", counted)
    return calls


def test_the_rows_are_the_querysets_for_each_value_and_the_sql_is_compiled_once(monkeypatch):
    appeals = [AppealFactory(addressee=AddresseeFactory(name=f"Адресат {n}")) for n in range(3)]
    read = PreparedRead(
        lambda number: (
            Appeal.objects.only("number", "status")
            .annotate(addressee_name=F("addressee__name"))
            .filter(number=number)[:1]
        )
    )
    read(appeals[0].number)
    calls = _compiles(monkeypatch)
    for appeal in reversed(appeals):
        (found,) = read(appeal.number)
        assert (found.pk, found.number, found.status) == (appeal.pk, appeal.number, appeal.status)
        assert found.addressee_name == appeal.addressee.name
        assert found.get_deferred_fields() >= {"text", "email"}, "only what the queryset reads"
    assert read("ОГ-0000-000000") == []
    assert calls == [], "no queryset compiled after the first read"


def test_several_rows_in_the_querysets_order():
    appeal = AppealFactory(with_events=[{"kind": "note", "public": True}, {"kind": "forwarded", "public": True}])
    read = PreparedRead(
        lambda appeal_id: AppealEvent.objects.filter(appeal_id=appeal_id, public=True).order_by("created_at", "id")
    )
    other = AppealFactory(with_events=[{"kind": "extended", "public": True}])
    for shown in (appeal, other, appeal):
        expected = list(AppealEvent.objects.filter(appeal_id=shown.pk, public=True).order_by("created_at", "id"))
        assert [(e.pk, e.kind) for e in read(shown.pk)] == [(e.pk, e.kind) for e in expected]


def test_a_value_it_cannot_place_runs_the_queryset_each_time(monkeypatch):
    first, second = AppealFactory(), AppealFactory()
    # The same value twice among the parameters: which one is which cannot be told, so nothing is kept.
    read = PreparedRead(lambda number: Appeal.objects.filter(number=number) | Appeal.objects.filter(number=number))
    assert [a.pk for a in read(first.number)] == [first.pk]
    calls = _compiles(monkeypatch)
    assert [a.pk for a in read(second.number)] == [second.pk]
    assert calls, "compiled again"


def test_after_the_first_read_the_queryset_is_not_even_built():
    first, second = AppealFactory(), AppealFactory()
    built = []

    def build(number):
        built.append(number)
        return Appeal.objects.filter(number=number)

    read = PreparedRead(build)
    assert [a.pk for a in read(first.number)] == [first.pk]
    assert [a.pk for a in read(second.number)] == [second.pk]
    assert [a.pk for a in read(first.number)] == [first.pk]
    assert built == [first.number]
