"""Sign-ups are personal data: only the appeals department sees them; editors get the public snippets only."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from schedules import services
from schedules.models import SignUp

from .conftest import first_open_option

pytestmark = pytest.mark.django_db
APPEALS = "Отдел по работе с обращениями"
EDITORS = "Редакторы"


def breadcrumbs(response) -> list[str]:
    """The admin header's breadcrumb trail: its last item is what the header shows as the screen's name."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [item.get_text(" ", strip=True) for item in soup.select(".w-breadcrumbs nav ol > li")]


def staff(group: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x", email=f"{username}@example.ru")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def signup(slot_official):
    occ, _, slot = first_open_option(slot_official)
    return services.create_signup(
        official=slot_official,
        day=occ.date,
        time_from=occ.time_from,
        slot_start=slot,
        resident=services.Resident("Секретова", "Анна", "", "+79161234567", "sekretova@example.ru", "Вопрос"),
        consent_version="1",
        consent_text="Согласие",
        consent_given_at=timezone.now(),
    )


def test_group_permissions():
    editors = set(
        Group.objects.get(name=EDITORS)
        .permissions.filter(content_type__app_label="schedules")
        .values_list("codename", flat=True)
    )
    appeals = set(
        Group.objects.get(name=APPEALS)
        .permissions.filter(content_type__app_label="schedules")
        .values_list("codename", flat=True)
    )
    assert {"change_official", "add_place", "delete_eventtopic"} <= editors
    assert not {c for c in editors if c.endswith(("signup", "receptionsession"))}
    assert {"view_signup", "change_signup", "change_official"} <= appeals
    assert "delete_signup" not in appeals and "add_signup" not in appeals


def test_appeals_staff_see_the_day_list_the_printout_and_the_snippet_listing(client, signup):
    client.force_login(staff(APPEALS, "otdel"))
    day = signup.session.date.isoformat()
    day_page = client.get(reverse("schedules_admin:day"), {"date": day})
    assert day_page.status_code == 200 and "Секретова" in day_page.content.decode()
    assert day_page["Cache-Control"].startswith("no-store")
    assert breadcrumbs(day_page)[-1] == "Запись на приём"  # the header named it «Главная»
    printout = client.get(reverse("schedules_admin:print"), {"date": day})
    assert printout.status_code == 200 and "Секретова Анна" in printout.content.decode()
    listing = client.get(reverse("wagtailsnippets_schedules_signup:list"), {"q": "Секретова"})
    assert listing.status_code == 200 and "Секретова" in listing.content.decode()
    # Export: only with the personal-data permission (tests/privacy/test_exports_and_snippets.py).
    export = client.get(reverse("wagtailsnippets_schedules_signup:list"), {"export": "csv"})
    assert export.status_code in (302, 403) and not export.get("Content-Disposition")


def test_appeals_staff_cancel_with_a_reason(client, signup, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(staff(APPEALS, "otdel"))
    url = reverse("schedules_admin:cancel", args=[signup.pk])
    assert breadcrumbs(client.get(url))[-2:] == ["Запись на приём", "Отмена записи"]
    assert client.post(url, {"reason": ""}).status_code == 200  # the form again, with the error
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Глава в командировке"})
    assert response.status_code == 302
    signup.refresh_from_db()
    assert (signup.status, signup.cancelled_by, signup.cancel_reason) == ("cancelled", "staff", "Глава в командировке")
    assert any("Глава в командировке" in m.body for m in mail.outbox)


def test_editors_never_see_signups(client, signup):
    client.force_login(staff(EDITORS, "redaktor"))
    day = signup.session.date.isoformat()
    for response in (
        client.get(reverse("schedules_admin:day"), {"date": day}),
        client.get(reverse("schedules_admin:print"), {"date": day}),
        client.post(reverse("schedules_admin:cancel", args=[signup.pk]), {"reason": "x"}),
    ):
        # Wagtail turns "permission denied" into a redirect to the dashboard.
        assert response.status_code in (302, 403)
        assert "Секретова" not in response.content.decode()
    listing = client.get(reverse("wagtailsnippets_schedules_signup:list"))
    assert listing.status_code in (302, 403)
    assert "Секретова" not in listing.content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Запись на приём" not in menu
    # ... but they manage the public content.
    assert client.get(reverse("wagtailsnippets_schedules_official:list")).status_code == 200
    assert SignUp.objects.get(pk=signup.pk).status == "active"


def test_anonymous_visitors_get_no_signup_data(client, signup):
    for url in (
        reverse("schedules_admin:day"),
        reverse("schedules_admin:print"),
        reverse("wagtailsnippets_schedules_signup:list"),
        reverse("schedules:done"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Секретова" not in response.content.decode()


def test_signups_are_not_in_the_search_index(client, signup, schedule_page):
    from modelsearch.index import class_is_indexed

    assert not class_is_indexed(SignUp)
    html = client.get(reverse("search"), {"q": "Секретова"}).content.decode()
    assert "ничего не найдено" in html


def test_editors_edit_an_official_with_rules_and_exceptions(client, slot_official):
    client.force_login(staff(EDITORS, "redaktor"))
    response = client.get(reverse("wagtailsnippets_schedules_official:edit", args=[slot_official.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="rules-0-weekdays"' in html and 'value="4"' in html and "checked" in html
    assert "exceptions-TOTAL_FORMS" in html
    assert client.get(reverse("wagtailsnippets_schedules_official:add")).status_code == 200


def test_admin_saves_weekdays_and_weeks_of_a_rule(client, place):
    from schedules.models import Official

    client.force_login(staff(EDITORS, "redaktor"))
    data = {
        "surname": "Новиков",
        "first_name": "Олег",
        "patronymic": "",
        "position": "Заместитель главы администрации",
        "department": "Образование",
        "photo": "",
        "photo_alt": "",
        "order": "7",
        "slug": "",
        "is_active": "on",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "rules-0-weekdays": ["1", "3"],
        "rules-0-weeks": ["2", "-1"],
        "rules-0-time_from": "15:00",
        "rules-0-time_to": "18:00",
        "rules-0-place": str(place.pk),
        "rules-0-phone": "",
        "rules-0-signup_mode": "slots",
        "rules-0-slot_minutes": "15",
        "rules-0-places": "10",
        "rules-0-valid_from": "",
        "rules-0-valid_to": "",
        "rules-0-notes": "",
        "rules-0-ORDER": "1",
        "rules-0-id": "",
        "rules-0-DELETE": "",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
        "absences-TOTAL_FORMS": "0",
        "absences-INITIAL_FORMS": "0",
        "absences-MIN_NUM_FORMS": "0",
        "absences-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("wagtailsnippets_schedules_official:add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    official = Official.objects.get(surname="Новиков")
    rule = official.rules.get()
    assert (rule.weekdays, rule.weeks, official.slug) == ([1, 3], [-1, 2], "novikov-oleg")
    assert "каждый второй и\u00a0последний вторник и\u00a0каждый второй и\u00a0последний четверг месяца" in str(rule)
