"""The shortcuts of the lean rendering give exactly what the long way gives."""

from datetime import date, datetime, time

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from home.factories import SectionIndexPageFactory, StandardPageFactory
from home.models import MainMenuItem, NavigationSettings
from home.pagecache import fragments
from home.templatetags import site_tags

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load site_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "fmt"),
    [
        (date(2026, 12, 1), "j E, l"),
        (date(2026, 5, 9), "j E Y, l"),
        (date(2026, 1, 31), "Y-m-d"),
        (date(2026, 3, 8), "d.m"),
        (datetime(2026, 3, 8, 21, 30, tzinfo=timezone.get_fixed_timezone(0)), "j E Y, H:i"),
        (None, "j E"),
        ("", "j E"),
    ],
)
def test_date_cached_is_the_date_filter(value, fmt):
    expected = render("{{ value|date:fmt }}|{{ value|date:fmt|lower }}", value=value, fmt=fmt)
    assert render("{{ value|date_cached:fmt }}|{{ value|date_cached:fmt|lower }}", value=value, fmt=fmt) == expected
    # Twice: the remembered value is the same.
    assert render("{{ value|date_cached:fmt }}", value=value, fmt=fmt) == expected.split("|")[0]


def test_date_cached_speaks_russian():
    assert render('{{ value|date_cached:"j E, l"|lower }}', value=date(2026, 12, 1)) == "1 декабря, вторник"


@pytest.mark.parametrize(("value", "fmt"), [(time(9, 5), "G:i"), (time(15, 0), "H:i"), (None, "G:i")])
def test_time_cached_is_the_time_filter(value, fmt):
    assert render("{{ v|time_cached:f }}", v=value, f=fmt) == render("{{ v|time:f }}", v=value, f=fmt)


def test_breadcrumbs_from_routing_equal_breadcrumbs_from_the_database(client, settings, tmp_path):
    from home.factories import HomePageFactory

    home = HomePageFactory(site_root=True, slug="home-crumbs")
    section = SectionIndexPageFactory(parent=home, title="О работе", slug="o-rabote")
    subsection = SectionIndexPageFactory(parent=section, title="Итоги", slug="itogi")
    page = StandardPageFactory(parent=subsection, title="Отчёт", slug="otchet")
    from_route = client.get(page.url).content.decode()
    crumbs = from_route.split('aria-label="Навигационная цепочка"')[1].split("</nav>")[0]
    assert "О работе" in crumbs and "Итоги" in crumbs and "Главная" in crumbs
    # The same tag for a page that did not come through routing (the editor's preview) reads the ancestors
    # from the database; an unpublished section (whose pages the site does not serve) is not linked.
    request = RequestFactory().get(page.url)
    request._wagtail_site = Site.objects.get(is_default_site=True)
    assert site_tags._ancestors_from_route(page.specific) is None
    context = site_tags.breadcrumbs({"page": page.specific, "request": request})
    assert [a.title for a in context["ancestors"]] == [home.title, "О работе", "Итоги"]
    subsection.live = False
    subsection.save()
    context = site_tags.breadcrumbs({"page": page.specific, "request": request})
    assert [a.title for a in context["ancestors"]] == [home.title, "О работе"]


def test_menu_marks_the_current_page_and_only_it(client, settings, tmp_path):
    settings.PAGE_CACHE_FRAGMENTS = True
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    fragments.clear()
    from home.factories import HomePageFactory

    home = HomePageFactory(site_root=True, slug="home-menu")
    first = StandardPageFactory(parent=home, title="Первая", slug="pervaya")
    second = StandardPageFactory(parent=home, title="Вторая", slug="vtoraya")
    nav, _ = NavigationSettings.objects.get_or_create(site=Site.objects.get(is_default_site=True))
    MainMenuItem.objects.create(setting=nav, page=first, sort_order=0)
    MainMenuItem.objects.create(setting=nav, page=second, sort_order=1)
    MainMenuItem.objects.create(setting=nav, url="https://www.gosuslugi.ru/", title="Госуслуги", sort_order=2)
    for _ in range(2):  # rendered, then kept: the mark still follows the page
        for current, other in ((second, first), (first, second)):
            html = client.get(current.url).content.decode()
            menu = html.split('aria-label="Главное меню"')[1].split("</nav>")[0]
            assert f'<a href="{current.url}" aria-current="page">{current.title}</a>' in menu
            assert f'<a href="{other.url}">{other.title}</a>' in menu
            assert '<a href="https://www.gosuslugi.ru/">Госуслуги</a>' in menu
    search = client.get("/search/", {"q": "Вторая"}).content.decode()
    assert 'aria-current="page"' not in search.split('aria-label="Главное меню"')[1].split("</nav>")[0]
    assert 'name="q" value="Вторая"' in search  # the search box is outside what is kept
    fragments.clear()


class Counter:
    def __init__(self):
        self.calls = 0

    def __str__(self):
        self.calls += 1
        return str(self.calls)


def test_keep_renders_a_block_once_per_site_values_and_generation(rf, fragments_on):
    from home.factories import HomePageFactory
    from home.pagecache import generation

    HomePageFactory(site_root=True, slug="home-keep")
    template = Template('{% load site_tags %}{% keep "block" value %}{{ counter }}{% endkeep %}')

    def shown(value, counter):
        request = rf.get("/")
        fragments.prime_routing(request)
        return template.render(Context({"request": request, "value": value, "counter": counter}))

    counter = Counter()
    assert [shown("a", counter), shown("a", counter), shown("b", counter), shown("a", counter)] == ["1", "1", "2", "1"]
    generation.bump()
    assert shown("a", counter) == "3"
    # Without a request (no site) the block is rendered each time.
    no_site = Template('{% load site_tags %}{% keep "block" %}{{ counter }}{% endkeep %}')
    assert [no_site.render(Context({"counter": counter})) for _ in range(2)] == ["4", "5"]


def test_keep_renders_each_time_without_fragments(rf, settings):
    from home.factories import HomePageFactory

    settings.PAGE_CACHE_FRAGMENTS = False
    HomePageFactory(site_root=True, slug="home-keep-off")
    template = Template('{% load site_tags %}{% keep "block" %}{{ counter }}{% endkeep %}')
    counter = Counter()
    request = rf.get("/")
    assert [template.render(Context({"request": request, "counter": counter})) for _ in range(2)] == ["1", "2"]


def test_a_settings_save_shows_in_the_kept_header_and_footer(client, fragments_on):
    from home.factories import HomePageFactory
    from home.models import DepartmentSettings

    HomePageFactory(site_root=True, slug="home-keep-settings")
    site = Site.objects.get(is_default_site=True)
    department, _ = DepartmentSettings.objects.get_or_create(site=site)
    department.reference_phone = "+7 (495) 000-01-02"
    department.save()
    assert client.get("/").content.decode().count("+7 (495) 000-01-02") >= 2  # header and footer
    department.reference_phone = "+7 (495) 999-88-77"
    department.save()
    html = client.get("/").content.decode()
    assert "000-01-02" not in html and html.count("+7 (495) 999-88-77") >= 2


def test_primed_site_is_the_site_wagtail_finds(rf, settings, tmp_path):
    from home.factories import HomePageFactory

    settings.PAGE_CACHE_FRAGMENTS = True
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    fragments.clear()
    HomePageFactory(site_root=True, slug="home-site")
    for host in ("testserver", "other.example"):
        found = Site.find_for_request(rf.get("/", HTTP_HOST=host))
        for _ in range(2):  # built, then kept
            request = rf.get("/", HTTP_HOST=host)
            fragments.prime_routing(request)
            primed = request._wagtail_site
            assert (primed.pk, primed.hostname, primed.root_page_id) == (found.pk, found.hostname, found.root_page_id)
            assert primed.root_page.url_path == found.root_page.url_path
            assert request._wagtail_cached_site_root_paths == Site.get_site_root_paths()
    # A host outside ALLOWED_HOSTS gets nothing kept for it.
    request = rf.get("/", HTTP_HOST="evil.example")
    fragments.prime_routing(request)
    assert not hasattr(request, "_wagtail_site")
    fragments.clear()


# ---- home.lean: the select rendered in Python, URLs of many pages from one ---------------------------------------


def test_filter_forms_render_as_with_djangos_templates():
    from django.forms.renderers import DjangoTemplates

    from home.formrender import FastRenderer
    from regulations.forms import RegulationFilterForm
    from schedules.forms import EventFilterForm, ScheduleFilterForm

    made = [
        ScheduleFilterForm({"weekday": "2", "department": "ЖКХ"}, departments=["ЖКХ", "Образование"]),
        EventFilterForm({"kind": "bad"}, topics=[], months=[date(2026, 12, 1)]),
        RegulationFilterForm({"year": "2006", "status": "zz"}, years=[2018, 2006]),
    ]
    for form in made:
        form.is_valid()
        assert isinstance(form.renderer, FastRenderer)
        fast = {bound.name: str(bound) for bound in form}
        form.renderer = DjangoTemplates()
        assert fast == {bound.name: str(bound) for bound in form}


def test_child_urls_are_pageurl(rf, settings):
    from home.factories import HomePageFactory
    from home.lean import ChildUrls, subpage_url_maker
    from schedules.factories import EventIndexPageFactory, EventPageFactory, ReceptionSchedulePageFactory

    settings.ALLOWED_HOSTS = ["testserver"]
    home = HomePageFactory(site_root=True, slug="home-urls")
    index = EventIndexPageFactory(parent=home, slug="meropriyatiya")
    events = [EventPageFactory(parent=index, slug=slug) for slug in ("priem-1", "vstrecha_2", "прием-3")]
    request = rf.get("/")
    urls = ChildUrls(index, index.get_url(request), request)
    for event in events:
        assert urls(event) == event.get_url(request)
    assert urls(home) == home.get_url(request)  # not under the parent: the long way

    schedule = ReceptionSchedulePageFactory(parent=home, slug="grafik")
    make = subpage_url_maker(schedule, schedule.get_url(request), "signup", "official_slug")
    for slug in ("ivanov", "petrov-2", "a_b"):
        assert make(slug) == schedule.get_url(request) + schedule.reverse_subpage(
            "signup", kwargs={"official_slug": slug}
        )
