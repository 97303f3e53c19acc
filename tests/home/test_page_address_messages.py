"""The page's «Продвижение» tab speaks the editors' Russian: no «слаг», no «domain.com/blog/[my-slug]», a taken
address says what to do (locale/ru), and no «Показывать в меню» that changes nothing.

Found from outside: an editor created «Часы работы приёмной» twice; the second save said only «Страница не может
быть создана из-за ошибок при проверке», and the «Продвижение» tab «Слаг «chasy-raboty-priemnoy» уже используется
на родительской странице.»
"""

import pytest
from django.urls import reverse

from home.factories import HomePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

JARGON = ("слаг", "Слаг", "domain.com", "[my-slug]")


def test_every_page_types_create_form_names_the_address_plainly(admin_client):
    home = HomePageFactory(site_root=True)
    models = [model for model in home.specific_class.allowed_subpage_models() if model.is_creatable]
    assert len(models) > 3
    for model in models:
        url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, home.pk])
        html = admin_client.get(url).content.decode()
        assert "Адрес страницы" in html, model
        assert [word for word in JARGON if word in html] == [], model


def test_no_page_type_offers_a_menu_box_that_changes_nothing(admin_client):
    # «Показывать в меню» fed Wagtail's tree menus; the portal's menus are «Настройки → Навигация».
    from wagtail.models import get_page_models

    models = [model for model in get_page_models() if model.is_creatable]
    assert len(models) > 5
    for model in models:
        form_class = model.get_edit_handler().get_form_class()
        assert "show_in_menus" not in form_class.base_fields, model


def test_a_taken_address_says_where_and_what_to_do(admin_client):
    home = HomePageFactory(site_root=True)
    StandardPageFactory(parent=home, title="Часы работы приёмной", slug="chasy-raboty-priemnoy")
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])
    data = {"title": "Часы работы приёмной", "slug": "chasy-raboty-priemnoy", "body-count": "0"}
    html = admin_client.post(url, data).content.decode()
    assert "Адрес «chasy-raboty-priemnoy» уже занят другой страницей этого раздела" in html
    assert "на вкладке «Продвижение»" in html
    assert 'value="Часы работы приёмной"' in html  # the title typed is kept
