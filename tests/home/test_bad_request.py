"""A body too big for the form parser: a Russian page, never Django's bare «Bad Request» (issue 12, item 4)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_limit_lets_a_3_mb_cyrillic_paste_reach_the_form(settings):
    # 3 million Cyrillic characters are 18 MB URL-encoded (6 bytes each as %D0%B0).
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 3_000_000 * 6 + 64 * 1024


def test_a_body_over_the_limit_gets_a_russian_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/appeals/status/", {"number": "ОГ-2026-000001", "email": "a" * 20_000})
    html = response.content.decode()
    assert response.status_code == 413
    assert "Bad Request" not in html
    assert "<h1>Форма не отправлена</h1>" in html
    assert "Отправленных данных слишком много" in html
    assert response["Cache-Control"] == "no-store"


def test_a_3_mb_text_is_answered_on_the_form_in_russian(client):
    """Below the limit the form itself answers, with what was typed."""
    typed = "я" * 3_000_000
    response = client.post("/appeals/status/", {"number": "ОГ-2026-000001", "email": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Адрес слишком длинный: допускается не более 254 символов." in html
    assert typed in html


def test_a_form_refused_by_the_security_check_leads_back_to_the_form(settings):
    """«Форма не отправлена»: in Russian, never stored, with «Вернуться к форме» to the form's own address
    (it had only «на главную»), which opens the form again without JavaScript."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/appeals/status/?from=footer", {"number": "ОГ-2026-000001", "email": "a@example.ru"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Форма не отправлена</h1>" in html
    assert '<a class="button" href="/appeals/status/?from=footer" data-history-back>Вернуться к форме</a>' in html
    assert response["Cache-Control"] == "no-store"
    assert client.get("/appeals/status/?from=footer").status_code == 200
