"""The state machine of the queue: every allowed and every refused transition."""

import pytest
from django.core import mail

from appeals_form import workflow
from appeals_form.models import Addressee, Appeal, AppealEvent
from appeals_form.workflow import TARGETS, TRANSITIONS, Action, TransitionRefused
from tests.appeals.queue_helpers import PASSWORD, appeal_in, department, make_user

pytestmark = pytest.mark.django_db

Status = Appeal.Status
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ALL_PAIRS = [(status, action) for status in Status.values for action in Action.values]
ALLOWED = [(s, a) for s, a in ALL_PAIRS if a in TRANSITIONS[s]]
REFUSED = [(s, a) for s, a in ALL_PAIRS if a not in TRANSITIONS[s]]


@pytest.fixture
def officer(db):
    return make_user("officer", first_name="Ольга", last_name="Сотрудникова")


def perform(action: str, appeal: Appeal, actor) -> workflow.ActionResult:
    """Apply ``action`` with valid input."""
    if action == Action.ASSIGN:
        return workflow.assign_appeal(appeal=appeal, actor=actor, department=department(), executor=actor)
    if action == Action.REDIRECT:
        return workflow.redirect_appeal(appeal=appeal, actor=actor, body="Министерство социального развития")
    if action == Action.EXTEND:
        return workflow.extend_deadline(appeal=appeal, actor=actor, days=10, reason="Запрос в другой орган")
    if action == Action.ANSWER:
        return workflow.record_answer(appeal=appeal, actor=actor, result=Appeal.Result.EXPLAINED, text="Разъяснено.")
    if action == Action.LEAVE_WITHOUT_ANSWER:
        return workflow.leave_without_answer(
            appeal=appeal, actor=actor, reason=Appeal.NoAnswerReason.REPEATED, note="Ответы № 1 и № 2"
        )
    if action == Action.PUBLISHED_ANSWER:
        return workflow.tell_published_answer(appeal=appeal, actor=actor, url="http://testserver/otvety/sneg/")
    if action == Action.COMPLAINT_AGAINST:
        return workflow.record_complaint_against(appeal=appeal, actor=actor, name="Управление благоустройства")
    if action == Action.CLOSE:
        return workflow.close_appeal(appeal=appeal, actor=actor)
    raise AssertionError(action)


def test_the_table_covers_every_status_and_action():
    assert set(TRANSITIONS) == set(Status.values)
    assert set(TARGETS) == set(Action.values)
    # Nothing leaves a closed appeal; nothing but closing leaves a considered one.
    assert TRANSITIONS[Status.CLOSED] == frozenset()
    for status in (Status.REDIRECTED, Status.ANSWERED, Status.LEFT_WITHOUT_ANSWER):
        assert TRANSITIONS[status] == {Action.CLOSE}


@pytest.mark.parametrize(("status", "action"), ALLOWED)
def test_allowed_transition_moves_the_status_and_is_recorded(
    status, action, officer, django_capture_on_commit_callbacks
):
    # Whom a complaint is about is recorded for a complaint only (machine.refusal).
    kind = Appeal.Kind.COMPLAINT if action == Action.COMPLAINT_AGAINST else Appeal.Kind.APPLICATION
    appeal = appeal_in(status, executor=officer, kind=kind)
    events_before = appeal.events.count()
    assert action in workflow.allowed_actions(appeal)

    with django_capture_on_commit_callbacks(execute=True):
        result = perform(action, appeal, officer)

    appeal.refresh_from_db()
    assert appeal.status == (TARGETS[action] or status)
    assert result.appeal.status == appeal.status
    # Recorded in the history with the officer and the time.
    event = result.event
    assert event.actor == officer
    assert event.created_at is not None
    assert appeal.events.count() > events_before
    assert AppealEvent.objects.filter(pk=event.pk, appeal=appeal).exists()


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_refused_transition_changes_nothing_and_says_why(status, action, officer):
    appeal = appeal_in(status, executor=officer)
    before = Appeal.objects.values().get(pk=appeal.pk)
    events_before = appeal.events.count()
    assert action not in workflow.allowed_actions(appeal)

    with pytest.raises(TransitionRefused) as refused:
        perform(action, appeal, officer)

    assert f"обращение в статусе «{Status(status).label}»" in refused.value.message
    assert Appeal.objects.values().get(pk=appeal.pk) == before
    assert appeal.events.count() == events_before
    assert mail.outbox == []


def test_an_appeal_is_extended_only_once(officer):
    appeal = appeal_in(Status.IN_WORK, executor=officer)
    workflow.extend_deadline(appeal=appeal, actor=officer, days=5, reason="Запрос документов")
    appeal.refresh_from_db()
    first_due = appeal.due_date
    assert Action.EXTEND not in workflow.allowed_actions(appeal)

    with pytest.raises(TransitionRefused, match="только один раз"):
        workflow.extend_deadline(appeal=appeal, actor=officer, days=5, reason="Ещё раз")

    appeal.refresh_from_db()
    assert appeal.due_date == first_due
    assert appeal.events.filter(kind=AppealEvent.Kind.EXTENDED).count() == 1


def test_the_service_checks_the_database_row_not_a_stale_copy(officer):
    appeal = appeal_in(Status.IN_WORK, executor=officer)
    stale = Appeal.objects.get(pk=appeal.pk)
    workflow.record_answer(appeal=appeal, actor=officer, result=Appeal.Result.SUPPORTED, text="Поддержано.")

    # The officer's page still shows "in work"; the service reads the locked row.
    assert stale.status == Status.IN_WORK
    with pytest.raises(TransitionRefused, match="Дан ответ"):
        workflow.leave_without_answer(appeal=stale, actor=officer, reason=Appeal.NoAnswerReason.OBSCENE)
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED
    assert appeal.no_answer_reason == ""


def test_assigning_a_new_appeal_puts_it_in_work_and_reassigning_keeps_it(officer):
    colleague = make_user("colleague")
    appeal = appeal_in(Status.REGISTERED)
    housing = department()

    workflow.assign_appeal(appeal=appeal, actor=officer, department=housing)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.department, appeal.executor) == (Status.IN_WORK, housing, None)
    kinds = list(appeal.events.values_list("kind", "public"))
    assert (AppealEvent.Kind.ASSIGNED, False) in kinds  # internal
    assert (AppealEvent.Kind.IN_WORK, True) in kinds  # the applicant sees "принято к рассмотрению"

    workflow.assign_appeal(appeal=appeal, actor=officer, executor=colleague)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.department, appeal.executor) == (Status.IN_WORK, housing, colleague)
    assert appeal.events.filter(kind=AppealEvent.Kind.IN_WORK).count() == 1
    assert appeal.events.filter(kind=AppealEvent.Kind.ASSIGNED).count() == 2


def test_assignment_needs_someone_from_the_department(officer):
    editor = make_user("editor", group="Редакторы")
    appeal = appeal_in(Status.REGISTERED)
    with pytest.raises(TransitionRefused, match="подразделение или исполнителя"):
        workflow.assign_appeal(appeal=appeal, actor=officer)
    with pytest.raises(TransitionRefused, match="Исполнителем может быть только сотрудник"):
        workflow.assign_appeal(appeal=appeal, actor=officer, executor=editor)
    official = Addressee.objects.create(name="Глава округа", kind=Addressee.Kind.OFFICIAL)
    with pytest.raises(TransitionRefused, match="только орган"):
        workflow.assign_appeal(appeal=appeal, actor=officer, department=official)
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


def test_the_applicant_status_page_reads_right_after_each_action(client, officer, django_capture_on_commit_callbacks):
    appeal = appeal_in(Status.REGISTERED)
    url = f"/appeals/status/{appeal.status_token}/"
    steps = [
        (Action.ASSIGN, "На рассмотрении", "Обращение принято к рассмотрению"),
        (Action.EXTEND, "На рассмотрении", "Срок рассмотрения продлён"),
        (Action.ANSWER, "Дан ответ", "Результат: Разъяснено"),
        (Action.CLOSE, "Рассмотрение завершено", "Рассмотрение обращения завершено"),
    ]
    for action, status_label, history_line in steps:
        with django_capture_on_commit_callbacks(execute=True):
            perform(action, appeal, officer)
        html = client.get(url).content.decode()
        assert f"<strong>{status_label}</strong>" in html, action
        assert history_line in html, action
    appeal.refresh_from_db()
    assert f"{appeal.due_date:%d.%m.%Y}" in html
    # Internal steps stay internal.
    assert "Назначен исполнитель" not in html
    assert officer.last_name not in html


def test_anonymised_appeals_allow_nothing(officer):
    appeal = appeal_in(Status.ANSWERED)
    Appeal.objects.filter(pk=appeal.pk).update(anonymised_at=appeal.registered_at)
    appeal.refresh_from_db()
    assert workflow.allowed_actions(appeal) == []
    with pytest.raises(TransitionRefused, match="обезличено"):
        workflow.close_appeal(appeal=appeal, actor=officer)


def test_officer_password_fixture_is_usable(officer, client):
    # The helpers' users log in with a password (the browser test relies on it).
    assert client.login(username="officer", password=PASSWORD)
