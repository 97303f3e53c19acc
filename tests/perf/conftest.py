"""Fixtures of the performance tests: a small site with every public page type.

The per-process fragments (site settings and menus, home.pagecache.fragments)
are on, as in production; the full-page cache is off: these tests measure
what an uncached render costs.
"""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Site

from home.factories import HomePageFactory
from home.models import DepartmentSettings, FooterMenuItem, MainMenuItem, NavigationSettings


def png(name: str = "photo.png") -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#0b4f8a").save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


def make_image(n: int = 0) -> Image:
    return Image.objects.create(title=f"Здание администрации {n}", file=png(f"photo-{n}.png"))


def make_document(n: int = 0) -> Document:
    return Document.objects.create(title=f"Регламент {n}", file=ContentFile(b"%PDF-1.4 demo", name=f"doc-{n}.pdf"))


@pytest.fixture
def site_home(db):
    """The home page as the default site's root, with contacts and both menus."""
    home = HomePageFactory(site_root=True, title="Обращения граждан", slug="home-perf")
    site = Site.objects.get(is_default_site=True)
    DepartmentSettings.objects.update_or_create(
        site=site,
        defaults={
            "address": "г. Энск, ул. Советская, д. 1",
            "phone": "+7 (495) 000-01-01",
            "email": "obrashcheniya@ensk.example",
            "working_hours": "Пн–Чт 9:00–18:00",
            "responsible_official": "Петрова Анна Викторовна",
            "reference_phone": "+7 (495) 000-01-02",
        },
    )
    nav, _ = NavigationSettings.objects.get_or_create(site=site)
    MainMenuItem.objects.create(setting=nav, page=home, title="Главная", sort_order=0)
    FooterMenuItem.objects.create(setting=nav, url="https://www.gosuslugi.ru/", title="Госуслуги", sort_order=0)
    return home


def stream(*blocks) -> str:
    return json.dumps(list(blocks))
