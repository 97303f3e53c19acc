"""Every public page type renders with at most 12 queries, as many with 1 row as with 15.

"Rows" are what the page lists or is built from: officials, events, child
pages, search hits, addressees, images and documents. Each case builds its
page with one row, renders it twice (the first render warms what a running
process keeps: Wagtail's site root paths, the site's settings and menus) and
counts the queries of the second; then it adds 14 rows, warms again (the
additions replaced the generation) and counts again: the two counts must be
equal and within the budget. The page must also show the 15 rows, so that a
page that silently stopped listing them cannot pass.

The regulations and reports page types join the parametrisation when their
apps provide them (imports guarded).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from appeals_form.factories import AddresseeFactory, AppealFormPageFactory, TopicFactory
from home.factories import SectionIndexPageFactory, StandardPageFactory
from schedules.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventTopicFactory,
    OfficialFactory,
    PlaceFactory,
    ReceptionExceptionFactory,
    ReceptionRuleFactory,
    ReceptionSchedulePageFactory,
)
from tests.perf.conftest import make_document, make_image, stream

pytestmark = pytest.mark.django_db

BUDGET = 12
FEW, MANY = 1, 15  # a query per row would add 14 (50 rows proved no more, at three times the pages to build)


@dataclass
class Case:
    """A page type: ``setup(home)`` builds it with one row and returns its URL; ``grow`` adds rows."""

    name: str
    setup: object
    grow: object
    shown: object = None  # (html) -> how many rows the page shows, or None
    status: int = 200


# -- Builders ---------------------------------------------------------------------------------------------------


class Home:
    def setup(self, home):
        self.home = home
        self.targets = []
        self.grow(home, FEW)
        return home.url

    def grow(self, home, count):
        """Quick links to content pages (each a page chooser in the StreamField)."""
        for _ in range(count):
            self.targets.append(StandardPageFactory(parent=home))
        links = [
            {"type": "link", "value": {"page": t.pk, "url": "", "title": t.title, "description": "Раздел"}}
            for t in self.targets
        ]
        home.quick_links = json.dumps(links)
        home.save()

    @staticmethod
    def shown(html):
        return html.count('class="quick-link"')


class Standard:
    """A content page with images and documents in its body (one rendition and document each)."""

    def setup(self, home):
        self.images, self.documents = [], []
        self.page = StandardPageFactory(parent=home, title="Порядок рассмотрения", slug="poryadok")
        self.grow(home, FEW)
        return self.page.url

    def grow(self, home, count):
        for _ in range(count):
            self.images.append(make_image(len(self.images)))
            self.documents.append(make_document(len(self.documents)))
        blocks = [
            {"type": "heading", "value": {"text": "Как подать обращение", "size": "h2"}},
            {"type": "paragraph", "value": "<p>Обращение можно направить <b>письменно</b>.</p>"},
        ]
        for image, document in zip(self.images, self.documents, strict=True):
            blocks.append({"type": "image", "value": {"image": image.pk, "alt_text": image.title, "caption": ""}})
            blocks.append({"type": "document", "value": {"document": document.pk, "title": "", "description": ""}})
        self.page.body = stream(*blocks)
        self.page.save()

    @staticmethod
    def shown(html):
        return html.count('class="block-image"')


class Section:
    def setup(self, home):
        self.section = SectionIndexPageFactory(parent=home, title="О работе", slug="o-rabote")
        self.grow(home, FEW)
        return self.section.url

    def grow(self, home, count):
        for _ in range(count):
            StandardPageFactory(parent=self.section)

    @staticmethod
    def shown(html):
        return html.count('class="card"')


class Search:
    def setup(self, home):
        self.grow(home, FEW)
        return "/search/?q=" + "рассмотрение"

    def grow(self, home, count):
        for _ in range(count):
            StandardPageFactory(parent=home, intro="Рассмотрение обращений граждан.")

    @staticmethod
    def shown(html):
        # Ten results per page: the count line tells how many were found.
        return int(re.search(r"Найден[оа] (\d+) страниц", html).group(1))


class NotFound:
    def setup(self, home):
        self.grow(home, FEW)
        return "/net-takoy-stranicy/"

    def grow(self, home, count):
        for _ in range(count):
            StandardPageFactory(parent=home)


class Schedule:
    def setup(self, home):
        self.page = ReceptionSchedulePageFactory(parent=home)
        self.place = PlaceFactory()
        self.officials = []
        self.grow(home, FEW)
        return self.page.url

    def grow(self, home, count):
        soon = timezone.localdate() + timedelta(days=3)
        for _ in range(count):
            official = OfficialFactory()
            ReceptionRuleFactory(official=official, weekdays=[0, 3], place=self.place, online_signup=True)
            ReceptionExceptionFactory(official=official, date=soon)
            self.officials.append(official)

    @staticmethod
    def shown(html):
        return html.count('class="card sched-card"')


class OfficialPage(Schedule):
    def setup(self, home):
        super().setup(home)
        return self.page.url + self.officials[0].slug + "/"

    shown = None


class Events:
    """Events with topics and places, all in one month: the month's archive page lists them all."""

    def setup(self, home):
        self.index = EventIndexPageFactory(parent=home)
        self.places = [PlaceFactory(), PlaceFactory()]
        self.events = []
        self.grow(home, FEW)
        return self.index.url + "arhiv/2018/01/"

    def grow(self, home, count):
        for _ in range(count):
            n = len(self.events)
            day = date(2018, 1, 1 + n % 31)
            event = EventPageFactory(parent=self.index, date=day, topic=EventTopicFactory(title=f"Тема {n % 7}"))
            event.places.set(self.places)
            event.save()
            self.events.append(event)

    @staticmethod
    def shown(html):
        return html.count('class="card sched-event"')


class EventsIndex(Events):
    """Upcoming and past events: the index lists a bounded number of upcoming ones and the archive's years."""

    def setup(self, home):
        super().setup(home)
        return self.index.url

    def grow(self, home, count):
        today = timezone.localdate()
        for _ in range(count):
            n = len(self.events)
            day = today + timedelta(days=10 + n) if n % 2 == 0 else date(2018 + n % 5, 1, 1) + timedelta(days=n)
            event = EventPageFactory(parent=self.index, date=day, topic=EventTopicFactory(title=f"Тема {n % 7}"))
            event.places.set(self.places)
            event.save()
            self.events.append(event)


class Event(Events):
    """One event with as many places as rows, among as many events."""

    def setup(self, home):
        super().setup(home)
        self.event = EventPageFactory(
            parent=self.index, title="Тематический приём по ЖКХ", slug="priem-zhkh", date=date(2018, 2, 8),
            time_from=time(10), time_to=time(13), topic=EventTopicFactory(title="ЖКХ"),
        )  # fmt: skip
        self.event.places.set(self.places[:1])
        self.event.save()
        return self.event.url

    def grow(self, home, count):
        if not hasattr(self, "event"):
            return super().grow(home, count)
        super().grow(home, count)
        self.event.places.set([*self.event.places.all(), *(PlaceFactory() for _ in range(count))])
        self.event.save()

    @staticmethod
    def shown(html):
        return html.count("Администрация городского округа, ул.")


class AppealForm:
    """The online appeal page as an anonymous visitor first sees it (identification first)."""

    def setup(self, home):
        self.page = AppealFormPageFactory(parent=home)
        self.grow(home, FEW)
        return self.page.url

    def grow(self, home, count):
        for _ in range(count):
            AddresseeFactory()
            TopicFactory()


class SearchOfficials:
    """The officials a search offers above its results (home/searchshortcuts.py): none of their queries repeat."""

    def setup(self, home):
        ReceptionSchedulePageFactory(parent=home)
        self.grow(home, FEW)
        return "/search/?q=" + "заместитель"

    def grow(self, home, count):
        for _ in range(count):
            ReceptionRuleFactory(official=OfficialFactory(position="Заместитель главы администрации"))

    shown = None


def _case(name, builder, shown=True, status=200):
    return Case(name=name, setup=builder.setup, grow=builder.grow, shown=builder.shown if shown else None,
                status=status)  # fmt: skip


def cases() -> list[Case]:
    found = [
        _case("home", Home()),
        _case("standard", Standard()),
        _case("section", Section()),
        _case("search", Search()),
        _case("search-officials", SearchOfficials(), shown=False),
        _case("404", NotFound(), shown=False, status=404),
        _case("schedule", Schedule()),
        _case("official", OfficialPage(), shown=False),
        _case("events", EventsIndex(), shown=False),
        _case("events-month", Events()),
        _case("event", Event()),
        _case("appeal-form", AppealForm(), shown=False),
    ]
    found.extend(optional_cases())
    return found


def optional_cases() -> list[Case]:
    """Regulations and reports, when those apps provide their page types and factories."""
    from tests.perf import optional_pages

    return [_case(name, builder, shown=builder.shown is not None) for name, builder in optional_pages.builders()]


# -- The test -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_page_renders_within_budget_with_one_and_with_fifteen_rows(
    client, site_home, fragments_on, case, django_assert_max_num_queries
):
    url = case.setup(site_home)
    client.get(url)  # a running process: routes, site root paths and the site's settings are warm
    with django_assert_max_num_queries(BUDGET) as few:
        response = client.get(url)
    assert response.status_code == case.status
    if case.shown:
        assert case.shown(response.content.decode()) == FEW

    case.grow(site_home, MANY - FEW)
    client.get(url)
    with django_assert_max_num_queries(BUDGET) as many:
        response = client.get(url)
    assert response.status_code == case.status
    if case.shown:
        assert case.shown(response.content.decode()) == MANY
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    print(f"{case.name}: {len(few)} queries")  # shown with `pytest -s`
