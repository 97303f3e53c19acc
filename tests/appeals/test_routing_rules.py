"""Routing rules: the assign screen pre-fills the rule's department, a pick against it is confirmed and recorded."""

import pytest
from django.core.exceptions import ValidationError

from appeals_form import selectors
from appeals_form.admin_views.detail import describe_event
from appeals_form.factories import AddresseeFactory, AppealFactory, TopicFactory
from appeals_form.models import Addressee, Appeal, AppealEvent, RoutingRule

from .queue_helpers import department, make_user


@pytest.fixture
def officer(db):
    return make_user("officer", first_name="Ольга", last_name="Исполнитель")


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def setup(db):
    housing = department()
    roads = department("Управление строительства, дорожного хозяйства и благоустройства")
    topic = TopicFactory(title="Вывоз мусора и отходов")
    head = AddresseeFactory(name="Глава городского округа", kind=Addressee.Kind.OFFICIAL)
    RoutingRule.objects.create(topic=topic, department=housing)
    appeal = AppealFactory(topic=topic, addressee=head, status=Appeal.Status.REGISTERED)
    return appeal, housing, roads


def test_the_most_specific_active_rule_wins(setup):
    appeal, housing, roads = setup
    assert selectors.routing_rule_for(appeal).department == housing
    by_addressee = RoutingRule.objects.create(addressee=appeal.addressee, department=roads)
    assert selectors.routing_rule_for(appeal).department == housing  # topic beats addressee
    both = RoutingRule.objects.create(topic=appeal.topic, addressee=appeal.addressee, department=roads)
    assert selectors.routing_rule_for(appeal) == both
    both.is_active = False
    both.save()
    RoutingRule.objects.filter(topic=appeal.topic, addressee__isnull=True).update(is_active=False)
    assert selectors.routing_rule_for(appeal) == by_addressee


def test_a_rule_needs_a_condition_and_an_outcome_and_is_unique(setup):
    appeal, housing, _ = setup
    with pytest.raises(ValidationError) as error:
        RoutingRule(department=housing).full_clean()
    assert "topic" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        RoutingRule(topic=appeal.topic).full_clean()
    assert "department" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        RoutingRule(topic=appeal.topic, department=housing).full_clean()
    assert "уже есть" in str(error.value)


def test_assign_screen_is_prefilled_from_the_rule(staff, setup):
    appeal, housing, _ = setup
    html = staff.get(f"/admin/appeals/{appeal.pk}/assign/").content.decode()
    assert f'<option value="{housing.pk}" selected>' in html
    assert "по правилу распределения" in html and "тема «Вывоз мусора и отходов»" in html


def test_assign_by_the_rule_records_it(staff, setup, officer):
    appeal, housing, _ = setup
    response = staff.post(f"/admin/appeals/{appeal.pk}/assign/", {"department": housing.pk, "executor": officer.pk})
    assert response.status_code == 302
    event = appeal.events.get(kind=AppealEvent.Kind.ASSIGNED)
    assert event.payload["by_rule"] is True
    assert "по правилу распределения" in describe_event(event).details


def test_a_pick_against_the_rule_asks_for_confirmation_and_keeps_the_input(staff, setup, officer):
    appeal, _, roads = setup
    url = f"/admin/appeals/{appeal.pk}/assign/"
    response = staff.post(url, {"department": roads.pk, "executor": officer.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Выбор отличается от правила распределения" in html
    assert f'<option value="{roads.pk}" selected>' in html  # nothing the officer picked is lost
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.REGISTERED and appeal.department is None

    response = staff.post(
        url,
        {
            "department": roads.pk,
            "executor": officer.pk,
            "confirm_deviation": "on",
            "deviation_reason": "Яма на дороге",
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.department == roads
    event = appeal.events.get(kind=AppealEvent.Kind.ASSIGNED)
    assert event.payload["by_rule"] is False
    row = describe_event(event)
    assert row.flag == "не по правилу распределения"
    assert "вместо «Управление жилищно-коммунального хозяйства»" in row.details
    assert "Яма на дороге" in row.details
    detail = staff.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert "не по правилу распределения" in detail


def test_without_a_rule_nothing_is_asked(staff, db, officer):
    roads = department("Управление строительства, дорожного хозяйства и благоустройства")
    appeal = AppealFactory(status=Appeal.Status.REGISTERED)
    html = staff.get(f"/admin/appeals/{appeal.pk}/assign/").content.decode()
    assert "confirm_deviation" not in html and "Правила распределения для этой темы и адресата нет" in html
    response = staff.post(f"/admin/appeals/{appeal.pk}/assign/", {"department": roads.pk})
    assert response.status_code == 302
    assert "rule" not in appeal.events.get(kind=AppealEvent.Kind.ASSIGNED).payload


def test_the_department_maintains_rules_editors_cannot(client, db):
    client.force_login(make_user("officer2"))
    assert client.get("/admin/snippets/appeals_form/routingrule/").status_code == 200
    assert client.get("/admin/snippets/appeals_form/routingrule/add/").status_code == 200
    client.force_login(make_user("editor", "Редакторы"))
    assert client.get("/admin/snippets/appeals_form/routingrule/").status_code in (302, 403)
