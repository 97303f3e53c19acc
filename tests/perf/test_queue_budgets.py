"""The appeal queue's admin listing renders with at most 15 queries, as many with 4 appeals as with 60.

Each case (the listing, every filter, the search by number/name/text, a sort,
a deeper page, the appeal card) is requested once to warm what a process keeps,
then its queries are counted with few appeals and again with many: the two
counts must be equal and within the budget. Timings at 100,000 appeals are
measured by ``make bench-scale``, not here. The per-process fragments are on, as in production.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appeals_form.factories import AddresseeFactory, TopicFactory
from appeals_form.models import Appeal, Topic
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user

pytestmark = pytest.mark.django_db

BUDGET = 15
FEW, MANY = 4, 60  # FEW: one appeal in each status the cases filter by
Status = Appeal.Status


def _cases(officer, appeal) -> list[str]:
    return [
        "/admin/appeals/",
        "/admin/appeals/?status=answered",
        "/admin/appeals/?status=in_work&status=registered",
        "/admin/appeals/?overdue=1",
        "/admin/appeals/?due_within=3",
        f"/admin/appeals/?topic={appeal.topic_id}",
        "/admin/appeals/?section=0005",
        f"/admin/appeals/?addressee={appeal.addressee_id}",
        f"/admin/appeals/?department={appeal.department_id}",
        f"/admin/appeals/?executor={officer.pk}",
        "/admin/appeals/?kind=application",
        "/admin/appeals/?period_from=2020-01-01&period_to=2030-12-31",
        f"/admin/appeals/?q={appeal.number}",
        "/admin/appeals/?q=Иванова",
        "/admin/appeals/?q=освещение",
        "/admin/appeals/?ordering=-due_date",
        "/admin/appeals/?ordering=received_at",
        "/admin/appeals/?p=2",
        f"/admin/appeals/{appeal.pk}/",
    ]


def _grow(officer, topic, addressee, count):
    statuses = [Status.REGISTERED, Status.IN_WORK, Status.ANSWERED, Status.CLOSED]
    for n in range(count):
        appeal_in(statuses[n % 4], executor=officer, topic=topic, addressee=addressee)


def test_queue_query_counts_are_within_budget_and_constant(client, fragments_on):
    officer = make_user("officer", APPEALS, first_name="Ольга", last_name="Сотрудникова")
    client.force_login(officer)
    topic = TopicFactory(title="Освещение", classifier_code="0005.0005.0056.1154")
    addressee = AddresseeFactory(name="Глава городского округа")
    _grow(officer, topic, addressee, FEW - 1)
    appeal = appeal_in(Status.IN_WORK, executor=officer, topic=topic, addressee=addressee)
    # Reference lists (choices of the filters) the same in both rounds.
    assert Topic.objects.count() >= 1
    urls = _cases(officer, appeal)

    def counts() -> dict[str, int]:
        found = {}
        for url in urls:
            assert client.get(url).status_code == 200, url
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            found[url] = len(captured.captured_queries)
        return found

    few = counts()
    _grow(officer, topic, addressee, MANY - FEW)
    many = counts()
    over = {url: count for url, count in many.items() if count > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    assert few == many


# -- The dashboard -------------------------------------------------------------------------------------------------

DASHBOARD_BUDGET = 19  # Wagtail's own panels (site summary, workflows, recent edits) take most of them


def _deliveries(appeal, count, state):
    from forwarding.models import Delivery, OutboxMessage

    for _ in range(count):
        message = OutboxMessage.objects.create(appeal=appeal, event=OutboxMessage.EVENT_APPEAL_REGISTERED)
        Delivery.objects.create(
            message=message,
            destination="sed",
            destination_type="webhook",
            idempotency_key=message.idempotency_key,
            state=state,
        )


def test_dashboard_reads_each_count_once_and_as_often_with_50_appeals_as_with_5(client, fragments_on):
    from forwarding.models import Delivery

    chief = make_user("chief", APPEALS, is_superuser=True, is_staff=True)
    client.force_login(chief)
    topic = TopicFactory(title="Освещение", classifier_code="0005.0005.0056.1154")
    addressee = AddresseeFactory(name="Глава городского округа")
    _grow(chief, topic, addressee, 5)
    _deliveries(Appeal.objects.first(), 5, Delivery.State.FAILED)

    def dashboard() -> list[str]:
        assert client.get("/admin/").status_code == 200  # warms what a process keeps
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/admin/").content.decode()
        assert 'id="appeal-queue-panel"' in html and "forwarding-panel-heading" in html
        return [query["sql"] for query in captured.captured_queries]

    few = dashboard()
    _grow(chief, topic, addressee, 45)
    _deliveries(Appeal.objects.last(), 45, Delivery.State.FAILED)
    many = dashboard()
    assert len(few) == len(many) <= DASHBOARD_BUDGET, many
    # One aggregate pass each: the appeal counts and the delivery counts are read once per request.
    assert sum('FROM "appeals_form_appeal"' in sql for sql in many) == 1
    assert sum('FROM "forwarding_delivery"' in sql for sql in many) == 1


# -- The executors' due digest -------------------------------------------------------------------------------------

# The appeals with their executors; the department's members (some appeal has no executor); the signature
# (site, settings); the sender (site, settings).
DIGEST_BUDGET = 6


def test_due_digest_reads_as_often_for_eight_executors_as_for_two(settings):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from appeals_form.workflow.digest import send_due_digest

    # The production chain: the department's sender on every message, then the delivery backend.
    settings.EMAIL_BACKEND = "home.mail.SiteSenderBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today = timezone.localdate()

    def executors(first, count, appeals_each):
        for n in range(first, first + count):
            officer = make_user(f"executor{n}", APPEALS)
            for k in range(appeals_each):
                appeal_in(Status.IN_WORK, executor=officer, due_date=today - timedelta(days=k + 1))
            appeal_in(Status.IN_WORK, executor=officer, due_date=today)

    def digest_queries() -> tuple[int, int]:
        send_due_digest(on=today)  # the first run ever creates the department's settings row
        mail.outbox = []
        with CaptureQueriesContext(connection) as captured:
            sent = send_due_digest(on=today)
        assert sent == len(mail.outbox)
        return sent, len(captured.captured_queries)

    appeal_in(Status.REGISTERED, due_date=today - timedelta(days=1))  # no executor yet: every member is told
    executors(0, 2, appeals_each=1)
    few_sent, few = digest_queries()
    executors(2, 6, appeals_each=4)
    many_sent, many = digest_queries()
    assert (few_sent, many_sent) == (2, 8)
    assert few == many <= DIGEST_BUDGET
