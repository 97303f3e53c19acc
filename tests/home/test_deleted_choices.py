"""A chosen image, document or page deleted later must not break the pages that chose it.

Found from outside: an editor deleted a document («На документ ссылались 1 раз» — she deleted it anyway), and
the page with its «Документ» block answered residents with «Сервис временно недоступен» (HTTP 500: the
template's ``default:value.document.title`` raised on the missing document). A deleted image left an empty
figure with its caption, a deleted page in «Быстрые ссылки» a link ``href=""`` to the page itself.
Every block of every page type's StreamFields that holds a chooser is rendered here with its choices deleted.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

DELETED = 987654  # the primary key of an object that no longer exists


def _chooser_structs():
    """(page type, field, block name, StructBlock) for every StructBlock with a chooser, at any depth."""
    found = {}

    def walk(owner, path, block):
        if isinstance(block, blocks.StructBlock) and any(
            isinstance(child, blocks.ChooserBlock) for child in block.child_blocks.values()
        ):
            found.setdefault(type(block), (owner, path, block))
        children = getattr(block, "child_blocks", None)
        if isinstance(block, blocks.ListBlock):
            children = {"item": block.child_block}
        for name, child in (children or {}).items():
            walk(owner, f"{path}.{name}", child)

    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                walk(model.__name__, field.name, field.stream_block)
    return [pytest.param(block, id=f"{owner}.{path}") for owner, path, block in found.values()]


def _raw_with_deleted_choices(block):
    raw = {}
    for name, child in block.child_blocks.items():
        if isinstance(child, blocks.ChooserBlock):
            raw[name] = DELETED
        elif isinstance(child, blocks.CharBlock):
            raw[name] = "" if name in ("title", "url") else "Текст"
        else:
            raw[name] = child.get_prep_value(child.get_default())
    return raw


@pytest.mark.parametrize("block", _chooser_structs())
def test_a_block_whose_choice_was_deleted_renders_without_an_error_or_an_empty_link(block):
    value = block.to_python(_raw_with_deleted_choices(block))
    html = block.render(value, context={})
    assert 'href=""' not in html
    assert "None" not in html
    assert "<figure" not in html and "<a " not in html  # nothing left to show or to follow


def test_the_page_with_a_deleted_document_still_opens_for_residents(client):
    document = Document.objects.create(title="Регламент", file=ContentFile(b"%PDF-1.4", name="reglament.pdf"))
    page = StandardPageFactory(
        body=[
            ("paragraph", "<p>Текст до документа</p>"),
            ("document", {"document": document, "title": "", "description": "Пояснение"}),
        ]
    )
    page.save_revision().publish()
    assert "reglament" in client.get(page.url).content.decode()

    document.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Текст до документа" in response.content.decode()
