"""Demo content of the regulations: the list page at /dokumenty/ and six acts.

The federal and regional laws are summarised in our own words; the municipal acts
of the Lyubertsy and Leninsky urban districts are the ones named in their appeals
departments' published half-year reports (../shared/seeds), shown on the demo
site of the invented district "Энск" as examples and marked so. Where a report
gives no exact title, the page says that the name follows the report. No files:
the text of each page is a short summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from home.demo.content import SLUG_REGULATIONS
from home.demo.pages import UNCHANGED, UPDATED, ensure_page, get_home_page, report
from home.demo.stream import callout, paragraph
from regulations.models import (
    Kind,
    RegulationAmendment,
    RegulationIndexPage,
    RegulationPage,
    RegulationRelatedAct,
    Status,
)

ORDER = 40

FEDERAL_ASSEMBLY = "Федеральное Собрание Российской Федерации"
LYUBERTSY = "администрации муниципального образования городской округ Люберцы Московской области"
LYUBERTSY_BODY = "Администрация муниципального образования городской округ Люберцы Московской области"
LENINSKY = "администрации Ленинского городского округа"
LENINSKY_BODY = "Администрация Ленинского городского округа Московской области"

INDEX = {
    "title": "Нормативные акты",
    "search_description": "Законы и муниципальные правовые акты о порядке рассмотрения обращений граждан: "
    "реквизиты, статус, изменения и краткое содержание.",
    "intro": (
        "<p>Законы и муниципальные правовые акты, которые определяют порядок рассмотрения обращений граждан "
        "и проведения личного приёма. На странице каждого документа — его реквизиты, статус, изменения "
        "и краткое изложение; официальные тексты законов опубликованы на официальном интернет-портале "
        "правовой информации.</p>"
        "<p>Муниципальные акты городских округов Люберцы и Ленинский приведены как примеры: городской округ "
        "Энск — демонстрационный.</p>"
    ),
}


def _summary_note(source: str) -> dict:
    text = f"<p>Это краткое изложение, а не официальный текст. {source}</p>"
    return callout(kind="info", title="Краткое изложение", html=text)


LAW_NOTE = _summary_note(
    "Официальный текст в действующей редакции опубликован на официальном интернет-портале правовой информации."
)


def _example_note(district: str, report_period: str) -> dict:
    return callout(
        kind="info",
        title="Пример для демонстрационного сайта",
        html=(
            f"<p>Это акт городского округа {district} Московской области, названный в опубликованном отчёте "
            f"его отдела по работе с обращениями граждан за {report_period}. На сайте вымышленного городского "
            "округа Энск он показывает, как публикуются муниципальные акты о работе с обращениями; "
            "в Энске действовал бы регламент его собственной администрации.</p>"
        ),
    )


@dataclass(frozen=True)
class Act:
    slug: str
    fields: dict
    amendments: list[dict] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # slugs, in order


ACTS = [
    Act(
        slug="federalnyy-zakon-59-fz",
        fields={
            "title": "О порядке рассмотрения обращений граждан Российской Федерации",
            "kind": Kind.FEDERAL_LAW,
            "issuer_in_name": "",
            "number": "59-ФЗ",
            "date": date(2006, 5, 2),
            "issuing_body": FEDERAL_ASSEMBLY,
            "status": Status.AMENDED,
            "in_force_from": date(2006, 11, 2),
            "search_description": "Право граждан на обращение, сроки регистрации и рассмотрения обращений, "
            "личный приём.",
            "body": [
                paragraph(
                    "<p>Закон закрепляет право граждан обращаться лично, а также направлять индивидуальные "
                    "и коллективные обращения в государственные органы, органы местного самоуправления "
                    "и должностным лицам, и устанавливает общий порядок рассмотрения обращений. Обращение — "
                    "это предложение, заявление или жалоба в письменной форме или в форме электронного "
                    "документа, а также устное обращение гражданина.</p>"
                    "<p>Письменное обращение регистрируется в течение трёх дней с момента поступления. "
                    "Если вопрос не относится к компетенции органа, обращение в течение семи дней со дня "
                    "регистрации направляется туда, где его решат, и гражданина об этом уведомляют. Ответ "
                    "даётся в течение 30 дней со дня регистрации; в исключительных случаях срок продлевают "
                    "не более чем на 30 дней, уведомив гражданина.</p>"
                    "<p>В обращении указывают фамилию, имя, отчество (последнее — при наличии), почтовый адрес "
                    "или адрес электронной почты для ответа и суть вопроса. Если не указаны фамилия или адрес "
                    "для ответа, ответ не даётся. Закон также регулирует личный приём граждан, запрещает "
                    "преследовать гражданина за обращение и разглашать сведения о его частной жизни без его "
                    "согласия.</p>"
                ),
                LAW_NOTE,
            ],
        },
        amendments=[
            {
                "kind": Kind.FEDERAL_LAW,
                "number": "547-ФЗ",
                "date": date(2024, 12, 28),
                "title": "О внесении изменений в Федеральный закон "
                "«О порядке рассмотрения обращений граждан Российской Федерации»",
                "summary": "С 30 марта 2025 года обращение в форме электронного документа рассматривается, если "
                "оно поступило способом, который позволяет установить личность заявителя: через официальный "
                "сайт или информационную систему, где заявитель проходит идентификацию и аутентификацию, "
                "например через единую систему идентификации и аутентификации (Госуслуги). Обращения, "
                "присланные на обычный адрес электронной почты без подтверждения личности, могут не "
                "рассматриваться.",
                "in_force_from": date(2025, 3, 30),
            }
        ],
        related=["federalnyy-zakon-8-fz", "zakon-moskovskoy-oblasti-164-2006-oz"],
    ),
    Act(
        slug="federalnyy-zakon-8-fz",
        fields={
            "title": "Об обеспечении доступа к информации о деятельности государственных органов "
            "и органов местного самоуправления",
            "kind": Kind.FEDERAL_LAW,
            "issuer_in_name": "",
            "number": "8-ФЗ",
            "date": date(2009, 2, 9),
            "issuing_body": FEDERAL_ASSEMBLY,
            "status": Status.AMENDED,
            "in_force_from": date(2010, 1, 1),
            "search_description": "Что органы власти публикуют о своей работе, в том числе о работе с обращениями.",
            "body": [
                paragraph(
                    "<p>Закон устанавливает, как граждане и организации получают информацию о деятельности "
                    "государственных органов и органов местного самоуправления: из средств массовой информации, "
                    "на официальных сайтах, в помещениях органов, на заседаниях коллегиальных органов "
                    "и по запросу.</p>"
                    "<p>Статья 13 перечисляет, что орган местного самоуправления размещает на официальном "
                    "сайте. О работе с обращениями граждан это порядок и время приёма граждан и порядок "
                    "рассмотрения их обращений с указанием актов, которые регулируют эту деятельность; фамилия, "
                    "имя и отчество должностного лица, отвечающего за организацию приёма и рассмотрение "
                    "обращений, и телефон для справок; обзоры обращений и обобщённая информация о результатах "
                    "их рассмотрения и принятых мерах. Этот раздел сайта, графики приёма и отчёты о работе "
                    "с обращениями публикуются во исполнение этих требований.</p>"
                ),
                LAW_NOTE,
            ],
        },
    ),
    Act(
        slug="zakon-moskovskoy-oblasti-164-2006-oz",
        fields={
            "title": "О рассмотрении обращений граждан",
            "kind": Kind.REGIONAL_LAW,
            "issuer_in_name": "Московской области",
            "number": "164/2006-ОЗ",
            "date": date(2006, 10, 5),
            "issuing_body": "Московская областная Дума",
            "status": Status.IN_FORCE,
            "in_force_from": None,
            "search_description": "Рассмотрение обращений граждан в органах власти и местного самоуправления "
            "Московской области.",
            "body": [
                paragraph(
                    "<p>Закон Московской области регулирует рассмотрение обращений граждан в органы "
                    "государственной власти Московской области и органы местного самоуправления в Московской "
                    "области. Он применяется вместе с Федеральным законом № 59-ФЗ, который разрешает законам "
                    "субъектов Российской Федерации защищать право граждан на обращение, в том числе "
                    "устанавливать гарантии, дополняющие федеральные (часть 2 статьи 3 Федерального закона "
                    "№ 59-ФЗ).</p>"
                ),
                LAW_NOTE,
            ],
        },
        related=["federalnyy-zakon-59-fz"],
    ),
    Act(
        slug="postanovlenie-485-pa-2018",
        fields={
            "title": "Об итогах работы с обращениями граждан в администрации муниципального образования "
            "городской округ Люберцы в 2017 году",
            "kind": Kind.RESOLUTION,
            "issuer_in_name": LYUBERTSY,
            "number": "485-ПА",
            "date": date(2018, 2, 16),
            "issuing_body": LYUBERTSY_BODY,
            "status": Status.IN_FORCE,
            "in_force_from": None,
            "search_description": "Итоги работы с обращениями граждан за 2017 год (пример муниципального акта).",
            "body": [
                paragraph(
                    "<p>14 февраля 2018 года прошло заседание администрации городского округа Люберцы "
                    "«Об итогах работы с обращениями граждан в администрации муниципального образования "
                    "городской округ Люберцы в 2017 году». По его итогам принято это постановление.</p>"
                    "<p>Наименование приведено по отчёту отдела по работе с обращениями граждан за 1-е "
                    "полугодие 2018 года.</p>"
                ),
                _example_note("Люберцы", "1-е полугодие 2018 года"),
            ],
        },
        related=["postanovlenie-2307-pa-2018", "federalnyy-zakon-59-fz"],
    ),
    Act(
        slug="postanovlenie-2307-pa-2018",
        fields={
            "title": "Об утверждении Регламента рассмотрения обращений граждан в администрации муниципального "
            "образования городской округ Люберцы Московской области",
            "kind": Kind.RESOLUTION,
            "issuer_in_name": LYUBERTSY,
            "number": "2307-ПА",
            "date": date(2018, 6, 19),
            "issuing_body": LYUBERTSY_BODY,
            "status": Status.IN_FORCE,
            "in_force_from": None,
            "search_description": "Регламент рассмотрения обращений граждан в администрации городского округа "
            "Люберцы (пример муниципального акта).",
            "body": [
                paragraph(
                    "<p>Постановлением утверждён Регламент рассмотрения обращений граждан в администрации "
                    "муниципального образования городской округ Люберцы Московской области. Регламентом, "
                    "а также положениями об управлении делами и об отделе и должностными инструкциями "
                    "руководствуется в своей работе отдел по работе с обращениями граждан.</p>"
                    "<p>Наименование постановления приведено по отчёту отдела за 1-е полугодие 2018 года.</p>"
                ),
                _example_note("Люберцы", "1-е полугодие 2018 года"),
            ],
        },
        related=["federalnyy-zakon-59-fz", "zakon-moskovskoy-oblasti-164-2006-oz", "postanovlenie-485-pa-2018"],
    ),
    Act(
        slug="reglament-638-2020",
        fields={
            "title": "О рассмотрении обращений граждан в администрации Ленинского городского округа",
            "kind": Kind.REGULATION,
            "issuer_in_name": LENINSKY,
            "number": "638",
            "date": date(2020, 6, 19),
            "issuing_body": LENINSKY_BODY,
            "status": Status.IN_FORCE,
            "in_force_from": None,
            "search_description": "Регламент рассмотрения обращений граждан в администрации Ленинского "
            "городского округа (пример муниципального акта).",
            "body": [
                paragraph(
                    "<p>Регламент устанавливает порядок рассмотрения обращений граждан в администрации "
                    "Ленинского городского округа Московской области. Администрация применяет его вместе "
                    "с Федеральным законом № 59-ФЗ и Законом Московской области № 164/2006-ОЗ.</p>"
                    "<p>По отчёту администрации за 1-е полугодие 2020 года обращения поступали по почте, "
                    "по электронной почте, через межведомственную систему электронного документооборота (МСЭД) "
                    "и систему электронного документооборота «Дело», а также лично; сообщения жителей "
                    "принимались и на портале «Добродел».</p>"
                ),
                _example_note("Ленинский", "1-е полугодие 2020 года"),
            ],
        },
        related=["federalnyy-zakon-59-fz", "zakon-moskovskoy-oblasti-164-2006-oz"],
    ),
]

AMENDMENT_FIELDS = ["kind", "number", "date", "title", "summary", "in_force_from"]


def _amendment_rows(page: RegulationPage) -> list[tuple]:
    return [
        tuple(getattr(amendment, name) for name in AMENDMENT_FIELDS)
        for amendment in page.amendments.order_by("sort_order", "pk")
    ]


def _sync_children(page: RegulationPage, act: Act, pages: dict[str, RegulationPage]) -> bool:
    """Make the amendments and related acts exactly as listed; publish one revision only when they differ."""
    wanted_amendments = [
        (spec["kind"], spec["number"], spec["date"], spec["title"], spec.get("summary", ""), spec.get("in_force_from"))
        for spec in act.amendments
    ]
    wanted_related = [pages[slug].pk for slug in act.related]
    current_related = list(page.related_links.order_by("sort_order", "pk").values_list("act_id", flat=True))
    if _amendment_rows(page) == wanted_amendments and current_related == wanted_related:
        return False
    page.amendments = [
        RegulationAmendment(sort_order=index, **dict(zip(AMENDMENT_FIELDS, row, strict=True)))
        for index, row in enumerate(wanted_amendments)
    ]
    page.related_links = [
        RegulationRelatedAct(sort_order=index, act_id=act_id) for index, act_id in enumerate(wanted_related)
    ]
    page.save_revision(log_action=True).publish()
    return True


@transaction.atomic
def load(*, stdout, style) -> None:
    stdout.write(style.MIGRATE_HEADING("regulations: acts"))
    index, status = ensure_page(parent=get_home_page(), page_class=RegulationIndexPage, slug=SLUG_REGULATIONS, **INDEX)
    report(stdout, style, index, status)

    pages: dict[str, RegulationPage] = {}
    statuses: dict[str, str] = {}
    for act in ACTS:
        pages[act.slug], statuses[act.slug] = ensure_page(
            parent=index, page_class=RegulationPage, slug=act.slug, **act.fields
        )
    # Links need every act to exist first.
    for act in ACTS:
        page = pages[act.slug]
        if _sync_children(page, act, pages) and statuses[act.slug] == UNCHANGED:
            statuses[act.slug] = UPDATED
        report(stdout, style, page, statuses[act.slug])
