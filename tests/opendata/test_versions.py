"""A publication set's version moves when a page leaves it, not only when one goes live.

Found from outside: unpublishing or deleting an act changed the regulations data file, but the version
(the newest «published» date of the live acts) stayed, so the file at ``data-<old date>-…`` was rewritten
under a harvester's feet and the passport's «modified» said nothing had changed.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from opendata import sources
from regulations.factories import RegulationPageFactory
from regulations.models import RegulationPage

pytestmark = pytest.mark.django_db


def _age(days: int) -> None:
    """Every act published ``days`` ago, and nothing logged since."""
    from wagtail.models import PageLogEntry

    then = timezone.now() - timedelta(days=days)
    RegulationPage.objects.update(last_published_at=then)
    PageLogEntry.objects.update(timestamp=then)


@pytest.mark.parametrize("leaves", ["unpublish", "delete", "restrict"])
def test_an_act_leaving_the_public_list_moves_the_version_to_that_day(leaves):
    from wagtail.models import PageViewRestriction

    kept, leaving = RegulationPageFactory(), RegulationPageFactory()
    _age(30)
    month_ago = timezone.localdate() - timedelta(days=30)
    assert sources.regulations_version() == month_ago
    if leaves == "unpublish":
        leaving.unpublish()
    elif leaves == "delete":
        leaving.delete()
    else:
        restriction = PageViewRestriction(page=leaving, restriction_type=PageViewRestriction.LOGIN)
        restriction.save(user=None)
    assert sources.regulations_version() == timezone.localdate()
    assert kept.live
