"""The queue's demo content: fake appeals in every state, some overdue, and two staff accounts."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from appeals_form.models import Appeal, AppealEvent
from tests.appeals.queue_helpers import APPEALS, EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_queue_on(settings):
    settings.APPEALS_DEMO_QUEUE = True


def load(monkeypatch, **env) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def test_demo_queue_is_varied_fake_and_idempotent(monkeypatch, django_user_model):
    output = load(monkeypatch, DEMO_OFFICER_PASSWORD="officer-demo-pass-1", DEMO_EDITOR_PASSWORD="editor-demo-pass-1")
    demo = Appeal.objects.filter(idempotency_key__startswith="demo-appeal-")
    assert demo.count() >= 8
    assert set(demo.values_list("status", flat=True)) == set(Appeal.Status.values)
    today = timezone.localdate()
    assert demo.filter(status__in=Appeal.OPEN_STATUSES, due_date__lt=today).count() >= 2
    assert demo.filter(extended_at__isnull=False).exists()
    assert all(appeal.surname == "Демо" and appeal.email.endswith("@example.ru") for appeal in demo)
    assert AppealEvent.objects.filter(appeal__in=demo, actor__username="demo-officer").exists()
    assert "пароль из DEMO_OFFICER_PASSWORD" in output

    officer = django_user_model.objects.get(username="demo-officer")
    editor = django_user_model.objects.get(username="demo-editor")
    assert officer.check_password("officer-demo-pass-1") and editor.check_password("editor-demo-pass-1")
    assert list(officer.groups.values_list("name", flat=True)) == [APPEALS]
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]

    before = (list(demo.values()), AppealEvent.objects.count(), django_user_model.objects.count())
    load(monkeypatch, DEMO_OFFICER_PASSWORD="officer-demo-pass-1", DEMO_EDITOR_PASSWORD="editor-demo-pass-1")
    assert (list(demo.values()), AppealEvent.objects.count(), django_user_model.objects.count()) == before


def test_demo_passwords_are_generated_and_printed_once(monkeypatch, client):
    monkeypatch.delenv("DEMO_OFFICER_PASSWORD", raising=False)
    output = load(monkeypatch)
    line = next(line for line in output.splitlines() if "«demo-officer»" in line)
    password = line.rsplit("пароль: ", 1)[1].strip()
    assert client.login(username="demo-officer", password=password)
    assert client.get("/admin/appeals/?overdue=1").status_code == 200
    assert "пароль:" not in load(monkeypatch)


def test_without_the_setting_no_appeal_or_account_is_created(monkeypatch, settings, django_user_model):
    settings.APPEALS_DEMO_QUEUE = False
    load(monkeypatch)
    assert not Appeal.objects.exists()
    assert not django_user_model.objects.filter(username__startswith="demo-").exists()


def test_the_demo_shows_a_published_answer_and_a_returned_complaint_to_the_resident(monkeypatch, client):
    """59-ФЗ art. 11 p. 5.1 and art. 8 p. 6 each have a demo appeal, taken by the services, whose status page
    tells the resident what happened: the answer's page linked; the complaint returned with the right to sue."""
    from django.urls import reverse

    from appeals_form.demo_answers import SLUG_DEADLINES
    from appeals_form.models import PublishedAnswerPage

    load(monkeypatch)
    published = Appeal.objects.get(idempotency_key="demo-appeal-published-answer")
    answer = PublishedAnswerPage.objects.get(slug=SLUG_DEADLINES)  # in the section of published answers
    assert published.status == Appeal.Status.ANSWERED and published.result == Appeal.PUBLISHED_ANSWER_RESULT
    assert (published.published_answer_url, published.answered_late) == (answer.get_full_url(), False)
    html = client.get(reverse("appeals:status", args=[published.status_token])).content.decode()
    assert f'href="{answer.get_full_url()}"' in html
    assert client.get(answer.url).status_code == 200
    assert "Ответ на вопрос обращения размещён на официальном сайте" in html

    returned = Appeal.objects.get(idempotency_key="demo-appeal-complaint-returned")
    assert returned.kind == Appeal.Kind.COMPLAINT and returned.status == Appeal.Status.LEFT_WITHOUT_ANSWER
    assert returned.no_answer_reason == Appeal.NoAnswerReason.COMPLAINT_RETURNED
    assert returned.complaint_against == "Управление жилищно-коммунального хозяйства"
    kinds = set(returned.events.filter(actor__username="demo-officer").values_list("kind", flat=True))
    assert {AppealEvent.Kind.COMPLAINT_AGAINST, AppealEvent.Kind.LEFT_WITHOUT_ANSWER} <= kinds
    html = client.get(reverse("appeals:status", args=[returned.status_token])).content.decode()
    assert "Оставлено без ответа" in html
    assert "возвращена с разъяснением права обжаловать решение или действие в суд" in html
