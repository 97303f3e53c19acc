"""Editors cannot build nonsense trees: page type rules."""

import pytest
from wagtail.models import Page

from home.models import HomePage, SectionIndexPage, StandardPage


@pytest.fixture
def root(db):
    return Page.get_first_root_node()


@pytest.fixture
def home(root):
    return root.add_child(instance=HomePage(title="Обращения граждан", slug="obrashcheniya"))


def test_home_page_only_under_root_and_only_once(root, home):
    assert not HomePage.can_create_at(root), "a second home page must be refused"
    assert not HomePage.can_create_at(home)
    assert HomePage.parent_page_types == ["wagtailcore.Page"]


def test_home_page_can_be_created_on_empty_root(root):
    # Wagtail's own welcome page is a plain Page, so the first HomePage is allowed.
    assert HomePage.can_create_at(root)


def test_standard_and_section_pages_live_under_home(root, home):
    assert StandardPage.can_create_at(home)
    assert SectionIndexPage.can_create_at(home)
    assert not StandardPage.can_create_at(root)
    assert not SectionIndexPage.can_create_at(root)


def test_section_index_nests_and_holds_standard_pages(home):
    section = home.add_child(instance=SectionIndexPage(title="Раздел", slug="razdel"))
    assert SectionIndexPage.can_create_at(section)
    assert StandardPage.can_create_at(section)


def test_standard_page_cannot_hold_sections_or_home(home):
    page = home.add_child(instance=StandardPage(title="Текст", slug="tekst"))
    assert StandardPage.can_create_at(page)
    assert not SectionIndexPage.can_create_at(page)
    assert not HomePage.can_create_at(page)
