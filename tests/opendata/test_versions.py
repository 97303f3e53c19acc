"""A publication set's version moves when a page leaves it, not only when one goes live.

Found from outside: unpublishing or deleting an act changed the regulations data file, but the version
(the newest «published» date of the live acts) stayed, so the file at ``data-<old date>-…`` was rewritten
under a harvester's feet and the passport's «modified» said nothing had changed.
"""

from datetime import date, timedelta

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


def _age_everything(days: int) -> date:
    """Every page published ``days`` ago, and nothing logged since: that day."""
    from wagtail.models import Page, PageLogEntry

    then = timezone.now() - timedelta(days=days)
    Page.objects.update(last_published_at=then)
    PageLogEntry.objects.update(timestamp=then)
    return timezone.localdate() - timedelta(days=days)


def _act():
    return RegulationPageFactory()


def _event():
    from schedules.factories import EventIndexPageFactory, EventPageFactory

    return EventPageFactory(parent=EventIndexPageFactory())


def _report():
    from reports.factories import ReportPageFactory

    return ReportPageFactory()


#: Every set whose version is the day its pages last changed (``sources._publication_day``).
PUBLICATION_SETS = {
    "regulations": (_act, sources.regulations_version),
    "thematic-events": (_event, sources.events_version),
    "reports": (_report, sources.reports_version),
}


@pytest.mark.parametrize("name", PUBLICATION_SETS)
@pytest.mark.parametrize("hides", ["unpublish", "restrict"])
def test_a_section_above_the_pages_moves_the_version_when_it_hides_them_and_when_it_shows_them_again(name, hides):
    """Found from outside: a section above the acts unpublished took them out of the data file (on_site), and
    the version stayed; published again, they came back under the same date. Either way the file changed."""
    from wagtail.models import PageViewRestriction

    make, version = PUBLICATION_SETS[name]
    section = make().get_parent().specific
    section.save_revision().publish()  # published as the admin does (Wagtail's log has it)
    assert _age_everything(30) == version()
    if hides == "unpublish":
        section.unpublish()
    else:
        PageViewRestriction(page=section, restriction_type=PageViewRestriction.LOGIN).save(user=None)
    assert version() == timezone.localdate()

    assert _age_everything(20) == version()
    if hides == "unpublish":
        section.refresh_from_db()
        section.save_revision().publish()
    else:
        PageViewRestriction.objects.get(page=section).delete(user=None)
    assert version() == timezone.localdate()

    # The section published again for its own text: its pages did not move, nor does the version.
    assert _age_everything(10) == version()
    section.refresh_from_db()
    section.save_revision().publish()
    assert version() == timezone.localdate() - timedelta(days=10)
