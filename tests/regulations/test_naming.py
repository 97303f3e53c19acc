"""The official name of an act is composed from its details: nobody types it twice."""

from datetime import date

import pytest

from regulations import naming


def test_federal_law_name_has_no_issuer():
    kwargs = {"kind": naming.FEDERAL_LAW, "issuer": "ignored", "day": date(2006, 5, 2), "number": "59-ФЗ"}
    assert naming.designation(**kwargs) == "Федеральный закон от 02.05.2006 № 59-ФЗ"
    assert (
        naming.full_name(**kwargs, title="О порядке рассмотрения обращений граждан Российской Федерации")
        == "Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»"
    )


@pytest.mark.parametrize(
    ("kind", "issuer", "expected"),
    [
        (
            naming.REGIONAL_LAW,
            "Московской области",
            "Закон Московской области от 05.10.2006 № 164/2006-ОЗ «О рассмотрении обращений граждан»",
        ),
        (
            naming.RESOLUTION,
            "администрации городского округа Энск",
            "Постановление администрации городского округа Энск от 05.10.2006 № 164/2006-ОЗ "
            "«О рассмотрении обращений граждан»",
        ),
        (naming.ORDER, "", "Распоряжение от 05.10.2006 № 164/2006-ОЗ «О рассмотрении обращений граждан»"),
    ],
)
def test_kind_and_issuer_start_the_name(kind, issuer, expected):
    name = naming.full_name(
        kind=kind, issuer=issuer, day=date(2006, 10, 5), number="164/2006-ОЗ", title="О рассмотрении обращений граждан"
    )
    assert name == expected


def test_regulation_is_named_by_the_resolution_that_approved_it():
    kwargs = {
        "kind": naming.REGULATION,
        "issuer": "администрации Ленинского городского округа",
        "day": date(2020, 6, 19),
        "number": "638",
    }
    assert naming.full_name(
        **kwargs, title="О рассмотрении обращений граждан в администрации Ленинского городского округа"
    ) == (
        "Регламент «О рассмотрении обращений граждан в администрации Ленинского городского округа», "
        "утверждённый постановлением администрации Ленинского городского округа от 19.06.2020 № 638"
    )
    assert naming.designation(**kwargs) == (
        "Регламент, утверждённый постановлением администрации Ленинского городского округа от 19.06.2020 № 638"
    )


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("«О рассмотрении обращений граждан»", "О рассмотрении обращений граждан"),
        ('"О рассмотрении обращений граждан"', "О рассмотрении обращений граждан"),
        ("  О   рассмотрении обращений  ", "О рассмотрении обращений"),
        # The quotes of an inner name stay.
        (
            "О внесении изменений в Федеральный закон «О порядке»",
            "О внесении изменений в Федеральный закон «О порядке»",
        ),
        (
            "«О внесении изменений в Федеральный закон «О порядке»»",
            "О внесении изменений в Федеральный закон «О порядке»",
        ),
        ("«О порядке» и «О сроках»", "«О порядке» и «О сроках»"),
    ],
)
def test_title_loses_only_its_outer_quotes(typed, clean):
    assert naming.clean_title(typed) == clean


@pytest.mark.parametrize(("typed", "clean"), [("№ 59-ФЗ", "59-ФЗ"), ("№59-ФЗ", "59-ФЗ"), (" 2307-ПА ", "2307-ПА")])
def test_number_loses_the_number_sign(typed, clean):
    assert naming.clean_number(typed) == clean
