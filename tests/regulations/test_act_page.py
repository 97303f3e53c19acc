"""The page of an act: details, status in words, file with format and size, amendments, links both ways."""

import json
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from regulations.factories import RegulationAmendmentFactory, RegulationPageFactory, RegulationRelatedActFactory
from regulations.models import Kind, Status

pytestmark = pytest.mark.django_db


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    """The words as read (tags dropped; the house's no-break spaces read as spaces: test_templatetags checks them)."""
    return re.sub(r"<[^>]+>", "", html).replace("\u00a0", " ")


def facts(html: str) -> dict[str, str]:
    dl = re.search(r'<dl class="reg-facts">(.*?)</dl>', html, re.S).group(1)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", dl, re.S)
    return {dt: text(dd).strip() for dt, dd in pairs}


def test_details_as_a_definition_list_and_one_h1(client, law_59):
    html = html_of(client, law_59)
    assert html.count("<h1") == 1
    assert "<h1>О порядке рассмотрения обращений граждан Российской Федерации</h1>" in html
    assert facts(html) == {
        "Полное наименование": "Федеральный закон от 02.05.2006 № 59-ФЗ "
        "«О порядке рассмотрения обращений граждан Российской Федерации»",
        "Вид документа": "Федеральный закон",
        "Номер": "59-ФЗ",
        "Дата принятия": "02.05.2006",
        "Принявший орган": "Федеральное Собрание Российской Федерации",
        "Статус": "Действует в редакции изменений",
        "Вступил в силу": "02.11.2006",
        "Официальный текст": "Файл не размещён; содержание документа — ниже.",
    }
    # The browser tab carries the full official name.
    assert "<title>Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке" in html


def test_status_is_written_in_a_badge(client, index, law_59):
    law_59.status = Status.REPEALED
    law_59.save()
    html = html_of(client, law_59)
    badge = re.search(r'<p class="reg-act__status">(.*?)</p>', html, re.S).group(1)
    assert "reg-status--repealed" in badge
    assert text(badge).strip() == "Статус: Утратил силу"


def test_official_file_with_its_format_and_size(client, index):
    document = Document.objects.create(title="Постановление", file=ContentFile(b"x" * 245_760, name="post.pdf"))
    act = RegulationPageFactory(parent=index, document=document, body=[])
    html = html_of(client, act)
    link = re.search(r'<a class="reg-file" href="([^"]+)">(.*?)</a>', html, re.S)
    assert link.group(1) == document.url
    assert "(PDF, 240 КБ)" in link.group(2)
    assert "Содержание" not in html  # no text, no empty section


def test_body_text_is_shown(client, law_59):
    html = html_of(client, law_59)
    assert '<h2 id="reg-text">Содержание</h2>' in html
    assert "Порядок рассмотрения обращений граждан в администрации." in html.replace("\xa0", " ")


def test_amendments_with_names_dates_and_what_changed(client, law_59):
    RegulationAmendmentFactory(
        page=law_59,
        number="547-ФЗ",
        date=date(2024, 12, 28),
        title="О внесении изменений в Федеральный закон "
        "«О порядке рассмотрения обращений граждан Российской Федерации»",
        summary="Электронные обращения — только с подтверждением личности.",
        in_force_from=date(2025, 3, 30),
    )
    RegulationAmendmentFactory(page=law_59, number="1-ФЗ", date=date(2010, 1, 1), title="Об изменениях", summary="")
    html = html_of(client, law_59)
    section = text(re.search(r'<ol class="reg-amendments">(.*?)</ol>', html, re.S).group(1))
    assert section.index("1-ФЗ") < section.index("547-ФЗ")  # oldest first
    assert "Федеральный закон от 28.12.2024 № 547-ФЗ «О внесении изменений в Федеральный закон «О порядке" in section
    assert "Вступили в силу 30.03.2025." in section
    assert "только с подтверждением личности" in section


def test_replacement_is_shown_on_both_acts(client, index):
    old = RegulationPageFactory(parent=index, title="Старый регламент", number="1-ПА", date=date(2010, 1, 1))
    new = RegulationPageFactory(parent=index, title="Новый регламент", number="638", date=date(2020, 6, 19))
    old.status = Status.REPEALED
    old.replaced_by = new
    old.save()
    link = re.search(rf'Заменён документом: <a href="{new.url}">(.*?)</a>', html_of(client, old)).group(1)
    assert text(link) == new.full_name
    link = re.search(rf'Заменяет: <a href="{old.url}">(.*?)</a>', html_of(client, new)).group(1)
    assert text(link) == old.full_name


def test_related_acts_are_shown_both_ways_once(client, index, law_59):
    regulation = RegulationPageFactory(parent=index, title="Регламент", kind=Kind.REGULATION)
    repealed = RegulationPageFactory(parent=index, title="Отменённое", status=Status.REPEALED)
    RegulationRelatedActFactory(page=regulation, act=law_59)
    RegulationRelatedActFactory(page=law_59, act=regulation)  # the same pair, both ways
    RegulationRelatedActFactory(page=regulation, act=repealed)
    draft = RegulationPageFactory(parent=index, title="Черновик", live=False)
    RegulationRelatedActFactory(page=regulation, act=draft)

    html = html_of(client, law_59)
    related = re.search(r'<ul class="reg-related">(.*?)</ul>', html, re.S).group(1)
    assert related.count(f'href="{regulation.url}"') == 1

    html = html_of(client, regulation)
    related = re.search(r'<ul class="reg-related">(.*?)</ul>', html, re.S).group(1)
    assert f'href="{law_59.url}"' in related
    assert f'href="{repealed.url}"' in related and "Утратил силу" in related
    assert "Черновик" not in related


def test_json_ld_describes_the_legislation(client, law_59):
    html = html_of(client, law_59)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(script)
    assert data["@type"] == "Legislation"
    assert data["name"] == law_59.full_name
    assert data["legislationIdentifier"] == "59-ФЗ"
    assert data["legislationDate"] == "2006-05-02"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["url"].endswith(law_59.url)


def test_json_ld_cannot_be_closed_by_the_title(client, index):
    act = RegulationPageFactory(parent=index, title="О </script><script>alert(1)</script>")
    html = html_of(client, act)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(script)["alternateName"] == "О </script><script>alert(1)</script>"


def test_unknown_and_draft_acts_are_not_found(client, index, law_59):
    RegulationPageFactory(parent=index, slug="chernovik", live=False)
    assert client.get(index.url + "net-takogo/").status_code == 404
    assert client.get(index.url + "chernovik/").status_code == 404
    assert client.get(law_59.url + "lishnee/").status_code == 404
