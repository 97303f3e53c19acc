"""The demo acts at /dokumenty/: the laws and the municipal acts named in the seed reports; idempotent."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, Revision

from home.demo.content import SLUG_REGULATIONS
from regulations.models import RegulationAmendment, RegulationIndexPage, RegulationPage, RegulationRelatedAct, Status

pytestmark = pytest.mark.django_db


def test_demo_replaces_the_placeholder_with_the_list_of_acts(demo_site, client):
    index = demo_site.root_page.get_children().get(slug=SLUG_REGULATIONS).specific
    assert isinstance(index, RegulationIndexPage)
    assert index.live and not index.has_unpublished_changes
    names = {act.full_name for act in RegulationPage.objects.live().child_of(index)}
    assert names == {
        "Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»",
        "Федеральный закон от 09.02.2009 № 8-ФЗ «Об обеспечении доступа к информации о деятельности "
        "государственных органов и органов местного самоуправления»",
        "Закон Московской области от 05.10.2006 № 164/2006-ОЗ «О рассмотрении обращений граждан»",
        "Постановление администрации муниципального образования городской округ Люберцы Московской области "
        "от 16.02.2018 № 485-ПА «Об итогах работы с обращениями граждан в администрации муниципального "
        "образования городской округ Люберцы в 2017 году»",
        "Постановление администрации муниципального образования городской округ Люберцы Московской области "
        "от 19.06.2018 № 2307-ПА «Об утверждении Регламента рассмотрения обращений граждан в администрации "
        "муниципального образования городской округ Люберцы Московской области»",
        "Регламент «О рассмотрении обращений граждан в администрации Ленинского городского округа», "
        "утверждённый постановлением администрации Ленинского городского округа от 19.06.2020 № 638",
    }
    html = client.get(index.url).content.decode()
    assert "Всего документов: 6" in html
    # Menus follow the replaced page.
    assert f'href="{index.url}"' in client.get("/").content.decode()


def test_59_fz_carries_the_547_fz_amendment(demo_site, client):
    law = RegulationPage.objects.get(number="59-ФЗ")
    assert law.status == Status.AMENDED
    amendment = law.amendments.get()
    assert (amendment.number, amendment.date, amendment.in_force_from) == (
        "547-ФЗ",
        date(2024, 12, 28),
        date(2025, 3, 30),
    )
    html = re.sub(r"<[^>]+>", "", client.get(law.url).content.decode()).replace("\u00a0", " ")  # as read
    assert "Федеральный закон от 28.12.2024 № 547-ФЗ" in html
    assert "установить личность заявителя" in html
    assert "30.03.2025" in html


def test_acts_are_linked_and_municipal_examples_are_marked(demo_site, client):
    regulation = RegulationPage.objects.get(number="638")
    related = {link.act.number for link in regulation.related_links.all()}
    assert related == {"59-ФЗ", "164/2006-ОЗ"}
    assert RegulationRelatedAct.objects.filter(act__number="59-ФЗ").count() >= 3
    for number in ("485-ПА", "2307-ПА", "638"):
        html = client.get(RegulationPage.objects.get(number=number).url).content.decode()
        assert "Пример для демонстрационного сайта" in html, number
        assert "Энск" in html, number
    html = client.get(RegulationPage.objects.get(number="59-ФЗ").url).content.decode()
    assert html.count("<h1") == 1
    for number in ("8-ФЗ", "164/2006-ОЗ", "2307-ПА", "485-ПА", "№\u00a0638"):
        assert number in html.split('id="reg-related"')[1], number


def test_every_act_has_a_text_and_no_file(demo_site):
    for act in RegulationPage.objects.all():
        assert len(act.body) >= 1 and act.document_id is None, act.number
        act.full_clean()  # the demo obeys the editors' rules


def test_loading_again_changes_nothing(demo_site):
    def snapshot():
        return (
            Revision.objects.count(),
            PageLogEntry.objects.count(),
            list(RegulationPage.objects.order_by("pk").values_list("pk", "latest_revision_id", "live")),
            list(RegulationAmendment.objects.order_by("pk").values_list("pk", "page_id", "number")),
            list(RegulationRelatedAct.objects.order_by("pk").values_list("pk", "page_id", "act_id")),
        )

    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_an_edited_demo_act_is_restored(demo_site):
    law = RegulationPage.objects.get(number="59-ФЗ")
    law.amendments.all().delete()
    RegulationRelatedAct.objects.filter(page=law).delete()
    revisions = Revision.objects.count()
    call_command("load_demo_content", verbosity=0)
    law.refresh_from_db()
    assert law.amendments.count() == 1 and law.related_links.count() == 2
    assert Revision.objects.count() == revisions + 1
