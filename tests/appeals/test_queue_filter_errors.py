"""A queue filter that cannot be read lists nothing and says so; an export with it is refused.

Found from outside: «Период регистрации» from 06.12 to 01.12 (or a date like 31.02.2026) beside
«Статус: На рассмотрении» listed every appeal, answered ones of 2024 first, under the status chip; the
error sat in the closed filter drawer, and «Скачать XLSX» would have exported the whole register.
Every filter of the queue's filter set is tried with a value it cannot read (found from the set, not
listed by hand).
"""

import django_filters
import pytest
from django.utils import timezone

from appeals_form.admin_views.filters import AppealFilterSet
from appeals_form.models import Appeal
from tests.appeals.queue_helpers import APPEALS, appeal_in, make_user, numbers

pytestmark = pytest.mark.django_db


def _bad_values():
    for name, definition in AppealFilterSet.base_filters.items():
        label = str(definition.label)
        if isinstance(definition, django_filters.DateFromToRangeFilter):
            yield pytest.param({f"{name}_from": "2026-12-06", f"{name}_to": "2026-12-01"}, label, id=f"{name}-reversed")
            yield pytest.param({f"{name}_from": "31.02.2026"}, label, id=f"{name}-no-such-day")
        elif isinstance(definition, django_filters.NumberFilter):
            yield pytest.param({name: "три"}, label, id=f"{name}-not-a-number")
            yield pytest.param({name: "-1"}, label, id=f"{name}-negative")
        elif isinstance(definition, django_filters.ChoiceFilter | django_filters.MultipleChoiceFilter):
            yield pytest.param({name: "999999"}, label, id=f"{name}-unknown")
        else:
            raise AssertionError(f"a filter of a new kind: give it a bad value here ({name})")


@pytest.fixture
def staff_client(client):
    officer = make_user("filter-officer", APPEALS)
    client.force_login(officer)
    appeal_in(Appeal.Status.IN_WORK, executor=officer, due_date=timezone.localdate())
    appeal_in(Appeal.Status.ANSWERED)
    return client


@pytest.mark.parametrize(("params", "label"), list(_bad_values()))
def test_a_filter_it_cannot_read_lists_nothing_and_says_so(staff_client, params, label):
    # Beside a good filter, as in the drawer: the good one must not be taken for the whole filter.
    query = {"status": "in_work", **params} if "status" not in params else params
    response = staff_client.get("/admin/appeals/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert numbers(response) == []
    assert 'id="appeal-filter-errors"' in html and "Фильтр не применён" in html
    assert f"{label}:" in html

    results = staff_client.get("/admin/appeals/results/", query)  # the drawer's live refresh
    assert numbers(results) == [] and "Фильтр не применён" in results.content.decode()


@pytest.mark.parametrize("blank", [{"status": ""}, {"status": "", "due_within": "", "period_from": "", "topic": ""}])
def test_a_blank_filter_is_no_filter(staff_client, blank):
    """«status=» (a cleared choice) lists every appeal, as before, and says nothing about a mistake."""
    response = staff_client.get("/admin/appeals/", blank)
    assert len(numbers(response)) == 2
    assert "Фильтр не применён" not in response.content.decode()


@pytest.mark.parametrize(("params", "label"), list(_bad_values())[:3])
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_an_export_with_a_filter_it_cannot_read_is_refused(staff_client, params, label, export):
    response = staff_client.get("/admin/appeals/", {**params, "export": export}, follow=True)
    assert response.redirect_chain and "export=" not in response.redirect_chain[-1][0]
    assert "Content-Disposition" not in response
    assert "Выгрузка не сделана" in response.content.decode()
