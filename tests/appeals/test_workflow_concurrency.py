"""Two officers at once on PostgreSQL: the row lock lets exactly one conflicting action through."""

import threading

import pytest
from django.db import connection

from appeals_form import workflow
from appeals_form.models import Appeal, AppealEvent
from appeals_form.workflow import TransitionRefused
from tests.appeals.queue_helpers import appeal_in, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = Appeal.Status
ROUNDS = 5


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writers, so there is no real concurrency to test")


def race(*targets):
    """Run the callables at the same moment in threads; return (results, refusals, other errors)."""
    barrier = threading.Barrier(len(targets))
    results, refusals, errors = [], [], []
    lock = threading.Lock()

    def worker(target):
        try:
            barrier.wait(timeout=30)
            result = target()
            with lock:
                results.append(result)
        except TransitionRefused as refused:
            with lock:
                refusals.append(refused)
        except Exception as error:  # noqa: BLE001 - anything else is a bug: the test fails with it
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, refusals, errors


def test_answer_and_leave_without_answer_at_once_one_wins():
    anna, boris = make_user("anna"), make_user("boris")
    for _ in range(ROUNDS):
        appeal = appeal_in(Status.IN_WORK, executor=anna)
        results, refusals, errors = race(
            lambda a=appeal: workflow.record_answer(appeal=a, actor=anna, result="explained", text="Ответ."),
            lambda a=appeal: workflow.leave_without_answer(
                appeal=a, actor=boris, reason="repeated", note="Ответы № 1, 2"
            ),
        )
        assert errors == []
        assert len(results) == 1 and len(refusals) == 1
        appeal.refresh_from_db()
        assert appeal.status == results[0].appeal.status
        finals = appeal.events.filter(kind__in=[AppealEvent.Kind.ANSWERED, AppealEvent.Kind.LEFT_WITHOUT_ANSWER])
        assert finals.count() == 1


def test_two_extensions_at_once_extend_once():
    anna, boris = make_user("anna"), make_user("boris")
    for _ in range(ROUNDS):
        appeal = appeal_in(Status.IN_WORK, executor=anna)
        original = appeal.due_date
        results, refusals, errors = race(
            lambda a=appeal: workflow.extend_deadline(appeal=a, actor=anna, days=30, reason="Запрос"),
            lambda a=appeal: workflow.extend_deadline(appeal=a, actor=boris, days=30, reason="Запрос"),
        )
        assert errors == []
        assert len(results) == 1 and len(refusals) == 1
        assert "только один раз" in refusals[0].message
        appeal.refresh_from_db()
        assert appeal.original_due_date == original
        assert appeal.events.filter(kind=AppealEvent.Kind.EXTENDED).count() == 1
