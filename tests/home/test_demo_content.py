"""`manage.py load_demo_content`: the demo site a fresh install shows, loaded as often as needed."""

import io
import re
from html import escape

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from home import demo
from home.demo import content
from home.demo.pages import REPLACED, ensure_page, get_home_page
from home.factories import HomePageFactory, SectionIndexPageFactory, StandardPageFactory
from home.models import DepartmentSettings, HomePage, NavigationSettings, SectionIndexPage, StandardPage

HOME_SLUGS = [
    content.SLUG_PROCEDURE,
    content.SLUG_ABOUT,
    content.SLUG_CONTACTS,
    content.SLUG_SCHEDULES,
    content.SLUG_EVENTS,
    content.SLUG_REPORTS,
    content.SLUG_REGULATIONS,
]


def _snapshot():
    """Everything a second run must leave exactly as it was."""
    home = get_home_page()
    pages = Page.objects.descendant_of(home, inclusive=True).order_by("path")
    nav = NavigationSettings.for_site(home.get_site())
    dept = DepartmentSettings.for_site(home.get_site())
    return {
        "pages": [(p.pk, p.slug, p.content_type_id, p.live, p.latest_revision_id) for p in pages],
        "revisions": {p.pk: Revision.page_revisions.filter(object_id=str(p.pk)).count() for p in pages},
        "all_pages": Page.objects.count(),
        "all_revisions": Revision.objects.count(),
        "main": list(nav.main_items.order_by("sort_order").values_list("pk", "page_id", "url", "title")),
        "footer": list(nav.footer_items.order_by("sort_order").values_list("pk", "page_id", "url", "title")),
        "settings": (DepartmentSettings.objects.count(), NavigationSettings.objects.count()),
        "department": {name: getattr(dept, name) for name in content.DEPARTMENT},
        "sites": list(Site.objects.values_list("pk", "hostname", "port", "root_page_id", "is_default_site")),
        "images": Image.objects.count(),
        "quick_links": [(b.value["page"].pk if b.value["page"] else None, b.value["title"]) for b in home.quick_links],
    }


def test_empty_database_gets_the_department_site_instead_of_the_welcome_page(demo_site):
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    home = demo_site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Обращения граждан"
    assert HomePage.objects.count() == 1
    assert "отдел по работе с обращениями граждан" in home.intro.lower()
    for slug in HOME_SLUGS:
        page = home.get_children().get(slug=slug).specific
        assert page.live
        # Published through a revision, so editors see it in the admin like any other page.
        assert page.latest_revision_id is not None
        assert page.live_revision_id == page.latest_revision_id
        assert not page.has_unpublished_changes


def test_loading_twice_changes_nothing(demo_site):
    before = _snapshot()
    call_command("load_demo_content", verbosity=0)
    assert _snapshot() == before


def test_every_demo_page_renders_with_its_title(client, demo_site):
    pages = Page.objects.descendant_of(demo_site.root_page, inclusive=True).live().specific()
    assert len(pages) >= 1 + len(HOME_SLUGS)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert re.search(rf"<h1[^>]*>\s*{re.escape(escape(page.title))}\s*</h1>", html), page.url
        assert "lorem" not in html.lower()


def test_procedure_page_states_the_law_and_the_deadlines(client, demo_site, settings):
    page = demo_site.root_page.get_children().get(slug=content.SLUG_PROCEDURE)
    html = client.get(page.url).content.decode().replace("\xa0", " ")  # the words, whatever spaces keep them
    for fact in ("59-ФЗ", "547-ФЗ", "30 марта 2025", "164/2006-ОЗ", ".ru, .рф, .su", "Госуслуги"):
        assert fact in html, fact
    assert f"в течение {settings.APPEALS_REGISTRATION_DAYS} дней" in html
    assert f"{settings.APPEALS_ANSWER_DAYS} дней со дня регистрации" in html
    assert "предшествующий ему рабочий день" in html


def test_about_page_lists_the_channels_with_a_computed_total(client, demo_site):
    page = demo_site.root_page.get_children().get(slug=content.SLUG_ABOUT)
    html = client.get(page.url).content.decode()
    for channel in ("МСЭД", "СЭД «Дело»", "Добродел", "ССТУ.РФ", "Электронная почта Губернатора", "Прямые эфиры"):
        assert channel in html, channel
    assert "6179" in html  # the seed report's total, here computed from the rows
    assert "<caption>" in html


def test_footer_shows_the_phone_and_the_responsible_official(client, demo_site):
    dept = DepartmentSettings.for_site(demo_site)
    assert dept.phone and dept.responsible_official and dept.reference_phone
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert dept.phone in footer
    assert escape(dept.responsible_official) in footer
    assert dept.reference_phone in footer
    # Invented people and places are marked as such.
    assert "демонстрационные данные" in dept.responsible_official
    assert "демонстрационные данные" in dept.address


def test_quick_links_point_at_live_pages(client, demo_site):
    home = demo_site.root_page.specific
    linked = [block.value["page"] for block in home.quick_links]
    assert linked
    assert all(page is not None for page in linked)
    slugs = {page.slug for page in linked}
    for slug in (content.SLUG_PROCEDURE, content.SLUG_SCHEDULES, content.SLUG_EVENTS, content.SLUG_REPORTS):
        assert slug in slugs
    html = client.get("/").content.decode()
    for page in linked:
        assert page.specific.live
        assert page.get_parent().pk == home.pk
        assert f'href="{page.url}"' in html
        assert client.get(page.url).status_code == 200


def test_menus_link_live_pages_and_external_services(client, demo_site):
    nav = NavigationSettings.for_site(demo_site)
    main = list(nav.main_items.order_by("sort_order"))
    assert [item.title for item in main][:1] in (["Подать обращение"], ["Порядок рассмотрения"])
    assert {"Порядок рассмотрения", "Личный приём", "Документы", "Контакты"} <= {item.title for item in main}
    for item in main:
        assert item.page is not None and item.page.live
    footer_urls = {item.url for item in nav.footer_items.all() if item.url}
    assert "https://dobrodel.mosreg.ru/" in footer_urls
    html = client.get("/").content.decode()
    nav_html = html[html.index('<nav class="main-nav"') :]
    for item in main:
        assert f'href="{item.page.url}"' in nav_html


def test_a_later_app_replacing_a_placeholder_keeps_its_page_and_the_links_follow(db, monkeypatch):
    from home.management.commands import load_demo_content as command_module

    # The real regulations app replaces this placeholder itself: load the site without its step.
    others = [step for step in demo.discover_steps() if step.name != "regulations.demo"]
    monkeypatch.setattr(command_module, "discover_steps", lambda: others)
    call_command("load_demo_content", verbosity=0)
    demo_site = Site.objects.get(is_default_site=True)

    def regulations_demo(*, stdout, style):
        page, status = ensure_page(
            parent=get_home_page(),
            page_class=SectionIndexPage,
            slug=content.SLUG_REGULATIONS,
            title="Нормативные правовые акты",
            intro="<p>Законы, постановления и регламент.</p>",
        )
        stdout.write(status)

    steps = [*others, demo.DemoStep(order=500, name="regulations.demo", load=regulations_demo)]
    monkeypatch.setattr(command_module, "discover_steps", lambda: sorted(steps, key=lambda s: (s.order, s.name)))
    old = demo_site.root_page.get_children().get(slug=content.SLUG_REGULATIONS)
    pages_before = Page.objects.count()

    call_command("load_demo_content", verbosity=0)

    home = get_home_page()
    new = home.get_children().get(slug=content.SLUG_REGULATIONS).specific
    assert isinstance(new, SectionIndexPage) and new.pk != old.pk
    assert Page.objects.count() == pages_before
    nav = NavigationSettings.for_site(demo_site)
    assert nav.main_items.get(title="Документы").page_id == new.pk
    assert nav.footer_items.get(title="Нормативные акты").page_id == new.pk
    assert new.pk in [block.value["page"].pk for block in home.quick_links]

    # Next run: home does not put its placeholder back, and nothing changes.
    before = _snapshot()
    call_command("load_demo_content", verbosity=0)
    assert _snapshot() == before
    assert type(get_home_page().get_children().get(slug=content.SLUG_REGULATIONS).specific) is SectionIndexPage


def test_ensure_page_replaces_only_placeholders(demo_site):
    from django.core.exceptions import ImproperlyConfigured

    home = get_home_page()
    # A placeholder of its own, so the test does not depend on which sections
    # the apps have already replaced with their real pages.
    home.add_child(instance=StandardPage(title="Заглушка", slug="zaglushka"))
    page, status = ensure_page(parent=home, page_class=SectionIndexPage, slug="zaglushka", title="Раздел")
    assert status == REPLACED
    assert type(page) is SectionIndexPage

    with pytest.raises(ImproperlyConfigured):
        ensure_page(parent=home, page_class=StandardPage, slug="zaglushka", replace=(), title="Другое")


def test_an_edited_demo_page_is_restored_with_one_new_revision(demo_site):
    contacts = get_home_page().get_children().get(slug=content.SLUG_CONTACTS).specific
    contacts.title = "Старые контакты"
    contacts.save_revision().publish()
    revisions = contacts.revisions.count()

    call_command("load_demo_content", verbosity=0)

    contacts.refresh_from_db()
    assert contacts.title == "Контакты"
    assert contacts.revisions.count() == revisions + 1


def test_steps_run_by_order_with_home_first_and_menus_last(db):
    steps = demo.discover_steps()
    assert [step.order for step in steps] == sorted(step.order for step in steps)
    assert (steps[0].name, steps[0].order) == ("home.demo", 0)
    assert (steps[-1].name, steps[-1].order) == ("home.demo.finish", 1000)


def test_command_prints_a_summary(db):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    text = out.getvalue()
    assert "created" in text
    assert "Demo content loaded" in text
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "created" not in out.getvalue()


def test_factories_build_reachable_pages(client, db):
    home = HomePageFactory(site_root=True)
    page = StandardPageFactory(title="Личный приём", body=[{"type": "paragraph", "value": "<p>По графику.</p>"}])
    section = SectionIndexPageFactory()
    assert page.get_parent().pk == home.pk and section.get_parent().pk == home.pk
    response = client.get(page.url)
    assert response.status_code == 200
    assert "По графику." in response.content.decode()
    assert client.get(section.url).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_first_load_leaves_the_task_worker_nothing_that_fails(settings):
    """A fresh `make run`: the worker runs every task the loader queued, and none fails (no DoesNotExist)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("load_demo_content", verbosity=0)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    call_command("db_worker", batch=True, queue_name="*", reload=False, verbosity=0)
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert not failed.exists(), [(r.task_path, r.args_kwargs, r.exception_class_path) for r in failed]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
