"""What an editor may save, where acts may live, and the names the pages compute."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from home.factories import SectionIndexPageFactory, StandardPageFactory, site_home_page
from regulations.factories import RegulationAmendmentFactory, RegulationPageFactory
from regulations.models import Kind, RegulationIndexPage, RegulationPage, Status

pytestmark = pytest.mark.django_db


def errors_of(page) -> dict:
    with pytest.raises(ValidationError) as info:
        page.full_clean()
    return info.value.message_dict


def test_an_act_needs_a_file_or_a_text(index):
    act = RegulationPageFactory(parent=index)
    act.body = []
    assert "файл" in errors_of(act)["document"][0]

    document = Document.objects.create(title="59-ФЗ", file=ContentFile(b"%PDF-1.4", name="59-fz.pdf"))
    act.document = document
    act.full_clean()  # the file alone is enough

    act.document = None
    act.body = [{"type": "paragraph", "value": "<p>Текст закона.</p>"}]
    act.full_clean()  # the text alone is enough


def test_an_act_cannot_be_replaced_by_itself(law_59):
    law_59.replaced_by = law_59
    law_59.status = Status.REPEALED
    assert "replaced_by" in errors_of(law_59)


def test_a_replaced_act_must_be_no_longer_in_force(index, law_59):
    old = RegulationPageFactory(parent=index, date=date(2001, 1, 1), status=Status.IN_FORCE)
    old.replaced_by = law_59
    assert "Утратил силу" in " ".join(errors_of(old)["status"])
    old.status = Status.AMENDED
    assert "status" in errors_of(old)
    old.status = Status.REPEALED
    old.full_clean()
    old.save()
    assert list(law_59.replaces.all()) == [old]


def test_no_longer_in_force_without_a_replacement_is_fine(law_59):
    law_59.status = Status.REPEALED
    law_59.full_clean()


def test_two_acts_cannot_replace_each_other(index, law_59):
    newer = RegulationPageFactory(parent=index, date=date(2010, 1, 1))
    law_59.status = Status.REPEALED
    law_59.replaced_by = newer
    law_59.save()
    newer.status = Status.REPEALED
    newer.replaced_by = law_59
    assert "replaced_by" in errors_of(newer)


def test_a_replacement_cannot_be_older_than_the_act(index, law_59):
    older = RegulationPageFactory(parent=index, date=date(2000, 1, 1))
    law_59.status = Status.REPEALED
    law_59.replaced_by = older
    assert "01.01.2000" in errors_of(law_59)["replaced_by"][0]


def test_in_force_not_before_adoption(law_59):
    law_59.in_force_from = date(2006, 1, 1)
    assert "in_force_from" in errors_of(law_59)


def test_regional_law_needs_its_region_for_the_name(index):
    act = RegulationPageFactory(parent=index, kind=Kind.RESOLUTION)
    act.kind = Kind.REGIONAL_LAW
    act.issuer_in_name = ""
    assert "issuer_in_name" in errors_of(act)


def test_editors_typing_is_tidied(index):
    act = RegulationPageFactory(parent=index, title="«О рассмотрении обращений граждан»", number="№ 164/2006-ОЗ")
    act.refresh_from_db()
    assert act.title == "О рассмотрении обращений граждан"
    assert act.number == "164/2006-ОЗ"


def test_page_computes_designation_and_full_name(law_59):
    assert law_59.designation == "Федеральный закон от 02.05.2006 № 59-ФЗ"
    assert law_59.full_name == (
        "Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»"
    )
    assert law_59.is_in_force


def test_amendment_is_named_like_an_act_of_its_kind(index, law_59):
    amendment = RegulationAmendmentFactory(
        page=law_59,
        kind="",
        number="547-ФЗ",
        date=date(2024, 12, 28),
        title="О внесении изменений в Федеральный закон "
        "«О порядке рассмотрения обращений граждан Российской Федерации»",
    )
    assert amendment.full_name_for(law_59) == (
        "Федеральный закон от 28.12.2024 № 547-ФЗ «О внесении изменений в Федеральный закон "
        "«О порядке рассмотрения обращений граждан Российской Федерации»»"
    )
    resolution = RegulationPageFactory(parent=index, issuer_in_name="администрации городского округа Энск")
    same_kind = RegulationAmendmentFactory(page=resolution, kind="", number="12-ПА", date=date(2021, 3, 1), title="О …")
    assert same_kind.full_name_for(resolution).startswith(
        "Постановление администрации городского округа Энск от 01.03.2021"
    )


def test_amendment_cannot_come_into_force_before_its_date(law_59):
    amendment = RegulationAmendmentFactory.build(page=law_59, date=date(2024, 12, 28), in_force_from=date(2024, 1, 1))
    with pytest.raises(ValidationError) as info:
        amendment.full_clean()
    assert "in_force_from" in info.value.message_dict


def test_index_lives_under_home_or_a_section_and_holds_only_acts(db):
    home = site_home_page()
    assert RegulationIndexPage.can_create_at(home)
    assert RegulationIndexPage.can_create_at(SectionIndexPageFactory(parent=home))
    assert not RegulationIndexPage.can_create_at(StandardPageFactory(parent=home))
    assert not RegulationPage.can_create_at(home)


def test_acts_live_only_under_the_index_and_have_no_children(index, law_59):
    assert RegulationPage.can_create_at(index)
    assert not RegulationPage.can_create_at(law_59)
    assert not RegulationIndexPage.can_create_at(index)
    assert RegulationPage.allowed_subpage_models() == []
