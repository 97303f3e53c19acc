"""The e-mail code services below the views: sealing, the mail task, pruning, parallel guesses."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from identity import services
from identity.crypto import InvalidToken, seal, unseal
from identity.errors import TooManyTries, WrongCode
from identity.models import EmailCode
from identity.tasks import send_email_code

NOW = datetime(2030, 3, 12, 10, 10, tzinfo=UTC)


def test_sealed_task_arguments_hide_the_address_and_the_code():
    token = seal({"email": "ivanov@mail.ru", "code": "123456"})
    assert "ivanov" not in token and "123456" not in token
    assert unseal(token) == {"email": "ivanov@mail.ru", "code": "123456"}
    with pytest.raises(InvalidToken):
        unseal(token[:-4] + "AAAA")


def test_a_sealed_token_survives_a_secret_key_rotation(settings):
    token = seal({"code": "123456"})
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"
    assert unseal(token) == {"code": "123456"}


def test_the_task_sends_the_code_and_drops_what_it_cannot_open(settings):
    sent = send_email_code.call(seal({"email": "ivanov@mail.ru", "code": "654321"}))
    assert sent is True
    [message] = mail.outbox
    assert message.to == ["ivanov@mail.ru"]
    assert "654321" in message.body and "10 минут" in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert send_email_code.call("not-a-token") is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_prune_deletes_expired_codes_only():
    services.request_email_code(email="ivanov@mail.ru", ip="192.0.2.1", now=NOW - timedelta(minutes=10))
    services.request_email_code(email="petrov@mail.ru", ip="192.0.2.1", now=NOW - timedelta(minutes=9))
    assert services.prune_email_codes(now=NOW) == 1
    assert EmailCode.objects.count() == 1


@pytest.mark.django_db
def test_the_prune_command(capsys):
    services.request_email_code(email="ivanov@mail.ru", ip="192.0.2.1", now=datetime(2020, 1, 1, tzinfo=UTC))
    call_command("prune_email_codes")
    assert "Удалено кодов: 1" in capsys.readouterr().out
    assert not EmailCode.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_guesses_cannot_exceed_five_tries_on_postgresql(settings):
    sent = services.request_email_code(email="ivanov@mail.ru", ip="192.0.2.1")
    outcomes: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(12)

    def guess(n: int):
        try:
            barrier.wait()
            try:
                services.confirm_email_code(code_id=sent.code_id, email=sent.email, code=f"wrong{n}")
                outcome = "accepted"
            except WrongCode:
                outcome = "wrong"
            except TooManyTries:
                outcome = "too_many"
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 12 and "accepted" not in outcomes
    # Exactly five comparisons happened; the fifth wrong one already says "too many".
    assert EmailCode.objects.get(pk=sent.code_id).attempts == settings.IDENTITY_CODE_MAX_TRIES
    assert outcomes.count("wrong") == settings.IDENTITY_CODE_MAX_TRIES - 1
