"""The list of acts: filters by kind, status and year (plain GET), sorting, pagination, bad input."""

import re
from datetime import date

import pytest

from regulations.factories import RegulationIndexPageFactory, RegulationPageFactory
from regulations.models import Kind, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def acts(index):
    def act(title, kind, day, status=Status.IN_FORCE, **extra):
        return RegulationPageFactory(parent=index, title=title, kind=kind, date=day, status=status, **extra)

    return {
        "law": act("Закон об обращениях", Kind.FEDERAL_LAW, date(2006, 5, 2), Status.AMENDED, issuer_in_name=""),
        "regional": act("Областной закон", Kind.REGIONAL_LAW, date(2006, 10, 5), issuer_in_name="Московской области"),
        "old_resolution": act("Старое постановление", Kind.RESOLUTION, date(2018, 2, 16), Status.REPEALED),
        "resolution": act("Новое постановление", Kind.RESOLUTION, date(2018, 6, 19)),
        "regulation": act("Регламент отдела", Kind.REGULATION, date(2020, 6, 19)),
    }


def titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a></h2>', html)


def get(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_lists_every_act_newest_first_with_its_details(client, index, acts):
    html = get(client, index)
    assert titles(html) == [
        "Регламент отдела",
        "Новое постановление",
        "Старое постановление",
        "Областной закон",
        "Закон об обращениях",
    ]
    assert "Всего документов: 5" in html
    assert "Закон Московской области от\u00a005.10.2006 №" in re.sub(r"<[^>]+>", "", html)
    assert "Утратил силу" in html and "Действует в редакции изменений" in html
    assert html.count("<h1") == 1


def test_oldest_first_on_request(client, index, acts):
    html = get(client, index, sort="old")
    assert titles(html)[0] == "Закон об обращениях"
    assert titles(html)[-1] == "Регламент отдела"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "resolution"}, ["Новое постановление", "Старое постановление"]),
        ({"kind": "federal_law"}, ["Закон об обращениях"]),
        ({"status": "repealed"}, ["Старое постановление"]),
        ({"status": "amended"}, ["Закон об обращениях"]),
        (
            {"status": "current"},
            ["Регламент отдела", "Новое постановление", "Областной закон", "Закон об обращениях"],
        ),
        ({"year": "2006"}, ["Областной закон", "Закон об обращениях"]),
        ({"kind": "resolution", "status": "current"}, ["Новое постановление"]),
        ({"kind": "resolution", "year": "2018", "sort": "old"}, ["Старое постановление", "Новое постановление"]),
        ({"kind": "federal_law", "year": "2018"}, []),
    ],
)
def test_filters_and_their_combinations(client, index, acts, params, expected):
    html = get(client, index, **params)
    assert titles(html) == expected
    assert f"Найдено документов: {len(expected)}" in html
    # The form keeps the choices and offers to start over.
    assert f'href="{index.url}">Сбросить</a>' in html
    for name, value in params.items():
        assert re.search(rf'<select name="{name}"[^>]*>.*?<option value="{value}" selected>', html, re.S), name


def test_no_reset_link_and_a_total_without_filters(client, index, acts):
    html = get(client, index)
    assert "Сбросить" not in html
    assert "Всего документов: 5" in html


def test_years_come_from_the_acts(client, index, acts):
    html = get(client, index)
    select = re.search(r'<select name="year".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d*)"', select) == ["", "2020", "2018", "2006"]
    # An act of another list does not add its year.
    RegulationPageFactory(date=date(1999, 1, 1))
    assert "1999" not in get(client, index)


def test_every_control_has_a_label_and_the_form_needs_no_javascript(client, index, acts):
    html = get(client, index)
    form = re.search(r'<form class="reg-filter" method="get" action="([^"]+)".*?</form>', html, re.S)
    assert form.group(1) == index.url
    for name in ("kind", "status", "year", "sort"):
        assert f'<label for="id_{name}">' in form.group(0)
        assert f'id="id_{name}"' in form.group(0)
    assert '<button type="submit">Показать</button>' in form.group(0)


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "zakon"},
        {"status": "<script>"},
        {"year": "abc"},
        {"year": "1900"},
        {"year": "99999999999999999999"},
        {"sort": "random"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9999"},
        {"kind": ["resolution", "zakon"]},  # a repeated parameter: the last value counts
    ],
)
def test_invalid_values_never_break_the_page(client, index, acts, params):
    html = get(client, index, **params)
    assert len(titles(html)) == 5  # the unknown condition is left out, nothing else is lost
    assert "<script>" not in html.split("<main", 1)[1]


def test_an_unknown_value_is_ignored_with_a_message_next_to_its_field(client, index, acts):
    html = get(client, index, kind="zakon", status="repealed")
    assert titles(html) == ["Старое постановление"]  # the valid condition still applies
    assert "не распознаны и не учтены" in html
    assert 'aria-describedby="id_kind_error"' in html
    assert 'id="id_kind_error"' in html and "условие не учтено" in html


def test_empty_states(client, db):
    empty = RegulationIndexPageFactory()
    assert "Документы пока не опубликованы" in get(client, empty)
    RegulationPageFactory(parent=empty, kind=Kind.RESOLUTION)
    html = get(client, empty, kind="order")
    assert "По выбранным условиям документов нет" in html
    assert "Найдено документов: 0" in html


def test_drafts_are_not_listed(client, index, acts):
    RegulationPageFactory(parent=index, title="Черновик постановления", live=False)
    assert "Черновик постановления" not in get(client, index)


def test_pagination_after_25_keeps_the_filters(client, index):
    for n in range(30):
        RegulationPageFactory(parent=index, title=f"Постановление {n:02d}", date=date(2019, 1, 1 + n % 28))
    RegulationPageFactory(parent=index, title="Закон", kind=Kind.FEDERAL_LAW, issuer_in_name="")
    html = get(client, index, kind="resolution")
    assert len(titles(html)) == 25
    assert "Найдено документов: 30" in html
    assert "Страница 1 из 2" in html
    next_link = re.search(r'<a href="([^"]+)">Следующая страница</a>', html).group(1)
    assert "kind=resolution" in next_link and "page=2" in next_link
    second = client.get(index.url + next_link.replace("&amp;", "&")).content.decode()
    assert len(titles(second)) == 5
    assert "Предыдущая страница" in second and "Следующая страница" not in second
    assert set(titles(html)).isdisjoint(titles(second))
    # 25 or fewer: no pagination.
    assert "Страница 1" not in get(client, index, kind="federal_law")


def test_replaced_act_links_its_replacement_in_the_list(client, index, acts):
    old = acts["old_resolution"]
    old.replaced_by = acts["resolution"]
    old.save()
    html = get(client, index)
    assert f'Заменён документом: <a href="{acts["resolution"].url}">' in html


def test_password_protected_acts_are_not_listed(client, index, acts):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=acts["regulation"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    html = get(client, index)
    assert "Регламент отдела" not in html
    assert "Всего документов: 4" in html
