"""The department's contacts and menus are edited in the admin and shown on every page."""

import pytest
from wagtail.models import Page, Site

from home.models import DepartmentSettings, FooterMenuItem, HomePage, MainMenuItem, NavigationSettings, StandardPage


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Обращения граждан", slug="home-test"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def test_contacts_and_responsible_official_in_footer(client, home):
    site = Site.objects.get(is_default_site=True)
    DepartmentSettings.objects.update_or_create(
        site=site,
        defaults={
            "department_name": "Отдел по работе с обращениями граждан",
            "address": "140000, г. Люберцы, Октябрьский пр-т, д. 190",
            "phone": "+7 (495) 555-01-02",
            "email": "obrashcheniya@example.ru",
            "working_hours": "Пн–Чт 9:00–18:00\nПт 9:00–16:45",
            "responsible_official": "Иванова Мария Петровна, начальник отдела",
            "reference_phone": "+7 (495) 555-01-03",
        },
    )
    page = home.add_child(instance=StandardPage(title="Контакты", slug="kontakty"))

    html = client.get(page.url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "140000, г. Люберцы, Октябрьский пр-т, д. 190" in footer
    assert 'href="tel:+74955550102"' in footer
    assert "Иванова Мария Петровна, начальник отдела" in footer
    assert "+7 (495) 555-01-03" in footer
    assert "Пн–Чт с\u00a09:00 до\u00a018:00<br>Пт с\u00a09:00 до\u00a016:45" in footer


def test_main_and_footer_menus(client, home):
    site = Site.objects.get(is_default_site=True)
    target = home.add_child(instance=StandardPage(title="Порядок рассмотрения обращений", slug="poryadok"))
    nav = NavigationSettings.for_site(site)
    nav.save()
    MainMenuItem.objects.create(setting=nav, page=target, sort_order=0)
    FooterMenuItem.objects.create(setting=nav, url="https://xn--c1aibrp3c.xn--p1ai/", title="ССТУ.РФ", sort_order=0)

    html = client.get(target.url).content.decode()
    nav_html = html[html.index('aria-label="Главное меню"') :]
    assert '<a href="/poryadok/" aria-current="page">Порядок рассмотрения обращений</a>' in nav_html
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="https://xn--c1aibrp3c.xn--p1ai/">ССТУ.РФ</a>' in footer


def test_menus_leave_out_unpublished_pages(client, home):
    """A menu item of a page taken off the site disappears instead of leading to a 404."""
    site = Site.objects.get(is_default_site=True)
    shown = home.add_child(instance=StandardPage(title="Контакты", slug="kontakty"))
    hidden = home.add_child(instance=StandardPage(title="Старый раздел", slug="staryy"))
    nav = NavigationSettings.for_site(site)
    nav.save()
    MainMenuItem.objects.create(setting=nav, page=shown, sort_order=0)
    MainMenuItem.objects.create(setting=nav, page=hidden, sort_order=1)
    hidden.unpublish()

    html = client.get(shown.url).content.decode()
    nav_html = html[html.index('aria-label="Главное меню"') :]
    assert "Контакты" in nav_html
    assert "Старый раздел" not in html


def test_menu_item_needs_a_target(db):
    from django.core.exceptions import ValidationError

    item = MainMenuItem(title="Пусто")
    with pytest.raises(ValidationError) as excinfo:
        item.clean()
    assert "Выберите страницу или укажите внешнюю ссылку." in str(excinfo.value)

    external = FooterMenuItem(url="https://example.ru/")
    with pytest.raises(ValidationError) as excinfo:
        external.clean()
    assert "Для внешней ссылки укажите название." in str(excinfo.value)
