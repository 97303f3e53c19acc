"""Every page type of the foundation renders, with every block, in Russian."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from home.models import SectionIndexPage, StandardPage


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#0b4f8a").save(buffer, format="PNG")
    return ImageFile(buffer, name="priem.png")


@pytest.fixture
def image(db):
    return Image.objects.create(title="Здание администрации", file=_png())


@pytest.fixture
def document(db):
    return Document.objects.create(title="Регламент", file=ContentFile(b"%PDF-1.4 demo", name="reglament.pdf"))


def _body(image, document):
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Как подать обращение", "size": "h2"}},
            {"type": "paragraph", "value": "<p>Обращение можно направить <b>письменно</b>.</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Вход в здание администрации", "caption": "Приёмная"},
            },
            {"type": "document", "value": {"document": document.pk, "title": "", "description": "Постановление"}},
            {
                "type": "table",
                "value": {
                    "caption": "Каналы поступления обращений",
                    "source": "Отчёт за 1 полугодие 2018 года",
                    "table": {
                        "columns": [{"type": "text", "heading": "Канал"}, {"type": "integer", "heading": "Количество"}],
                        "rows": [{"values": ["Письменные", 1528]}, {"values": ["Официальный сайт", 1021]}],
                    },
                },
            },
            {
                "type": "callout",
                "value": {"kind": "important", "title": "Срок", "text": "<p>Ответ даётся в течение 30 дней.</p>"},
            },
        ]
    )


def test_home_page_renders_with_quick_links_and_blocks(client, site_home, image, document):
    target = site_home.add_child(instance=StandardPage(title="Порядок рассмотрения", slug="poryadok"))
    site_home.quick_links = json.dumps(
        [
            {
                "type": "link",
                "value": {"page": target.pk, "url": "", "title": "Порядок", "description": "Как мы работаем"},
            }
        ]
    )
    site_home.body = _body(image, document)
    site_home.save_revision().publish()

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert "<h1>Обращения граждан</h1>" in html
    assert 'href="/poryadok/"' in html and "Как мы работаем" in html
    assert "Перейти к основному содержанию" in html


def test_standard_page_renders_every_block(client, site_home, image, document):
    page = site_home.add_child(
        instance=StandardPage(title="О работе с обращениями", slug="o-rabote", intro="Вводный абзац")
    )
    page.body = _body(image, document)
    page.save_revision().publish()

    response = client.get("/o-rabote/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="block-heading">Как подать обращение</h2>' in html
    assert "<b>письменно</b>" in html
    assert 'alt="Вход в здание администрации"' in html
    assert f'href="{document.url}"' in html and "Регламент" in html
    assert "<caption>Каналы поступления обращений</caption>" in html
    assert '<th scope="row">Письменные</th>' in html and "1528" in html
    assert "Ответ даётся в течение 30 дней." in html.replace("\xa0", " ")  # «в\u00a0течение»: no-break spaces
    # Breadcrumbs lead home.
    assert 'aria-label="Навигационная цепочка"' in html


def test_section_index_lists_live_children_only(client, site_home):
    section = site_home.add_child(instance=SectionIndexPage(title="Документы", slug="dokumenty"))
    section.add_child(instance=StandardPage(title="Опубликованная", slug="live"))
    section.add_child(instance=StandardPage(title="Черновик", slug="draft", live=False))

    html = client.get("/dokumenty/").content.decode()
    assert "Опубликованная" in html
    assert "Черновик" not in html


def test_image_block_requires_alt_text(image):
    from django.core.exceptions import ValidationError

    from home.blocks import ImageBlock

    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": "", "attribution": ""}))


def test_heading_block_offers_only_h2_to_h4():
    from home.blocks import HeadingBlock

    choices = [value for value, _ in HeadingBlock().child_blocks["size"].field.choices if value]
    assert choices == ["h2", "h3", "h4"]


def test_404_is_russian(client, site_home):
    response = client.get("/net-takoy-stranicy/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_500_is_russian(rf):
    from home.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Сервис временно недоступен" in response.content.decode()


def test_robots_and_sitemap(client, site_home):
    site_home.add_child(instance=StandardPage(title="Контакты", slug="kontakty"))
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Disallow: /identity/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()

    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/kontakty/</loc>" in sitemap.content.decode()


def test_healthz(client, db):
    assert client.get("/healthz/").content == b"ok"
