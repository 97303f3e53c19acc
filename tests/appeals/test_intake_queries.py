"""What a resident's appeal costs the database on a warm worker (production's kept fragments on).

The form and the check page read nothing but the session; sending registers
the appeal in a handful of statements; none of it grows with the number of
addressees and topics. Budgets, not exact counts: they hold on SQLite and
PostgreSQL, with the database rate-limit store of the test settings.
"""

import pytest

from appeals_form.factories import AddresseeFactory, TopicFactory
from appeals_form.models import Appeal
from tests.appeals.appeal_form_helpers import *  # noqa: F403
from tests.appeals.appeal_form_helpers import parse

pytestmark = pytest.mark.django_db

FORM_BUDGET = 2  # the session (test settings: database sessions), nothing else
# The session, two rate-limit counters (database store), the replay check, the number
# (one UPDATE ... RETURNING), the appeal, its history and outbox rows, the session again;
# the test's transaction adds its savepoints. (The e-mail task is enqueued after the commit.)
SEND_BUDGET = 14
STATUS_BUDGET = 2  # the appeal and its public history; not the session (a deferred column read later would be a 3rd)


class _no_budget:  # stands in for django_assert_max_num_queries when not measuring
    def __init__(self, budget):
        pass

    def __enter__(self):
        return []

    def __exit__(self, *exc):
        return False


def one_appeal(client, page, data, django_assert_max_num_queries) -> list[int]:
    counts = []
    with django_assert_max_num_queries(FORM_BUDGET) as form:
        response = client.get(page.url)
    assert response.status_code == 200
    counts.append(len(form))
    token = parse(response).select_one("input[name=form_token]")["value"]
    response = client.post(page.url, data(form_token=token))
    assert response.status_code == 303
    with django_assert_max_num_queries(FORM_BUDGET) as check:
        response = client.get(response["Location"])
    assert "Отправить" in response.content.decode()
    counts.append(len(check))
    with django_assert_max_num_queries(SEND_BUDGET) as send:
        response = client.post(page.url, {"form_token": token, "action": "send"})
    assert response.status_code == 303
    counts.append(len(send))
    with django_assert_max_num_queries(STATUS_BUDGET) as status:
        response = client.get(response["Location"])
    assert "Обращение №" in response.content.decode()
    counts.append(len(status))
    return counts


def test_a_resident_s_appeal_within_budget_whatever_the_length_of_the_lists(
    applicant, form_page, valid_post, fragments_on, django_assert_max_num_queries
):
    # A running worker: routing, lists and the site are warm; this year's counter and
    # this hour's rate-limit windows exist.
    one_appeal(applicant, form_page, valid_post, django_assert_max_num_queries=_no_budget)
    few = one_appeal(applicant, form_page, valid_post, django_assert_max_num_queries)

    for _ in range(50):
        AddresseeFactory()
        TopicFactory()
    # Every change replaces the generation: the first appeal after it reads the lists again.
    one_appeal(applicant, form_page, valid_post, django_assert_max_num_queries=_no_budget)
    many = one_appeal(applicant, form_page, valid_post, django_assert_max_num_queries)

    assert few == many
    assert Appeal.objects.count() == 4
    print("form, check page, send, status page:", few)  # shown with `pytest -s`
