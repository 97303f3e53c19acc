"""The admin's list of failed deliveries and its "Отправить повторно" button: appeals department only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from appeals_form.models import AppealEvent
from forwarding import services
from forwarding.models import Delivery, OutboxMessage
from tests.forwarding.conftest import delivery_of, registration_message

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/forwarding/failed/"


@pytest.fixture
def failed(webhook, register):
    """An appeal whose delivery the receiver refused (HTTP 422)."""
    webhook.default = 422
    appeal = register()
    services.forward_message(message_id=registration_message(appeal).pk, now=timezone.now())
    assert delivery_of(appeal).state == Delivery.State.FAILED
    return appeal


def resend_url(appeal) -> str:
    return reverse("forwarding_resend", args=[delivery_of(appeal).pk])


def test_the_appeals_department_sees_failed_deliveries(client, officer, failed):
    client.force_login(officer)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert failed.number in html
    assert "HTTP 422" in html
    assert "Отправить повторно" in html
    assert 'method="post"' in html
    assert "no-store" in response["Cache-Control"]  # the admin is never cached
    # Which destination receives which version of the document (an integrator's first question).
    assert "документ версии 2" in html
    # The menu offers the screen.
    assert "Передача в СЭД" in client.get("/admin/").content.decode()


def test_editors_and_anonymous_users_get_nothing(client, editor, failed):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

    client.force_login(editor)
    for response in (client.get(LIST_URL), client.post(resend_url(failed))):
        assert response.status_code in (302, 403)
        assert failed.number not in response.content.decode()
    assert delivery_of(failed).state == Delivery.State.FAILED
    assert "Передача в СЭД" not in client.get("/admin/").content.decode()


def test_the_button_sends_the_appeal_again_and_records_who_did(
    client, officer, failed, webhook, django_capture_on_commit_callbacks
):
    webhook.default = 200
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url(failed))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL

    delivery = delivery_of(failed)
    assert delivery.state == Delivery.State.ACCEPTED
    assert delivery.attempts == 1  # a fresh set of attempts
    assert webhook.unique_accepted == 1
    assert registration_message(failed).state == OutboxMessage.State.SENT
    note = failed.events.filter(kind=AppealEvent.Kind.NOTE, actor=officer).get()
    assert not note.public
    assert "Повторная отправка" in note.note
    assert note.payload["previous_error"].startswith("HTTP 422")
    assert failed.events.filter(kind=AppealEvent.Kind.FORWARDED).count() == 1
    # It has left the list (the confirmation names it once).
    html = client.get(LIST_URL).content.decode()
    assert f"Обращение {failed.number} поставлено в очередь на повторную отправку" in html
    assert "Недоставленных сообщений нет." in html


def test_the_button_needs_post_and_a_failed_delivery(client, officer, failed, webhook):
    client.force_login(officer)
    assert client.get(resend_url(failed)).status_code == 405
    webhook.default = 200
    client.post(resend_url(failed))
    # Pending again: a second press is refused and changes nothing.
    response = client.post(resend_url(failed), follow=True)
    assert "только недоставленное" in response.content.decode()
    assert failed.events.filter(kind=AppealEvent.Kind.NOTE, actor=officer).count() == 1


def test_the_button_needs_its_own_permission(client, officer, failed):
    from django.contrib.auth.models import Permission

    officer.groups.clear()
    officer.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_delivery")
    )
    client.force_login(officer)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "Отправить повторно" not in response.content.decode()
    assert client.post(resend_url(failed)).status_code in (302, 403)
    assert delivery_of(failed).state == Delivery.State.FAILED


def test_the_admin_says_when_no_destination_is_configured(client, officer, settings):
    settings.FORWARDING_DESTINATIONS = []
    client.force_login(officer)
    assert "Получатели не настроены" in client.get(LIST_URL).content.decode()
    assert "Получатели не настроены" in client.get("/admin/").content.decode()


def test_the_admin_shows_configuration_errors(client, officer, settings):
    settings.FORWARDING_DESTINATIONS = [{"name": "sed", "type": "webhook", "url": "http://127.0.0.1:1/"}]
    client.force_login(officer)
    html = client.get(LIST_URL).content.decode()
    assert "содержат ошибки" in html
    assert "секрет" in html


def test_the_appeal_page_in_the_queue_shows_its_deliveries(client, officer, failed):
    """Officers see on the appeal itself where it was sent and why it failed, with the resend button."""
    client.force_login(officer)
    html = client.get(reverse("appeal_queue:detail", args=[failed.pk])).content.decode()
    assert "Передача в СЭД" in html
    assert "Не доставлено" in html
    assert "HTTP 422" in html
    assert resend_url(failed) in html
    # In words, not the identifiers the document system gets (found from outside: «appeal.registered»).
    assert "Регистрация обращения" in html and "appeal.registered" not in html


def test_the_appeal_page_says_when_nothing_was_sent_yet(client, officer, register, settings):
    settings.FORWARDING_DESTINATIONS = []
    appeal = register()
    client.force_login(officer)
    html = client.get(reverse("appeal_queue:detail", args=[appeal.pk])).content.decode()
    assert "Обращение ещё не передавалось" in html
