"""Open data by the methodology (version 3.0): list.csv, each set's passport, structure and versioned data.

The demo content is the source: every registered data set must validate against its own structure file, as a
consumer would check it (fields by the structure's names, values parsed by the structure's formats).
"""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from opendata import files, registry
from opendata.demo import DEMO_INN
from opendata.models import DatasetVersion

pytestmark = pytest.mark.django_db

REQUIRED_META = (
    "standardversion",
    "identifier",
    "title",
    "description",
    "creator",
    "created",
    "modified",
    "subject",
    "format",
    "provenance",
    "valid",
    "publishername",
    "publisherphone",
    "publishermbox",
)


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert not response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    return files.read_csv(response.content)


def meta(client, identifier) -> dict[str, str]:
    response = client.get(f"/opendata/{identifier}/meta.csv")
    return {row["property"]: row["value"] for row in rows(response)}


def local(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_list_csv_names_every_registered_set_with_its_passport(client, demo_site):
    response = client.get("/opendata/list.csv")
    listed = rows(response)
    assert response.content.startswith(b"property,title,value,format\r\n")
    assert listed[0]["property"] == "standardversion"
    assert listed[0]["value"] == "http://opendata.gosmonitor.ru/standard/3.0"
    entries = {row["property"]: row for row in listed[1:]}
    assert set(entries) == {f"{DEMO_INN}-{dataset.identifier}" for dataset in registry.DATASETS}
    for identifier, row in entries.items():
        assert row["value"] == f"http://testserver/opendata/{identifier}/meta.csv"
        assert row["format"] == "csv"
        assert row["title"] == registry.get(identifier.removeprefix(f"{DEMO_INN}-")).title
    assert "attachment" in response["Content-Disposition"]
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]


@pytest.mark.parametrize("dataset", registry.DATASETS, ids=lambda dataset: dataset.identifier)
def test_each_set_has_a_passport_and_validates_against_its_own_structure(client, demo_site, dataset):
    identifier = f"{DEMO_INN}-{dataset.identifier}"
    passport = meta(client, identifier)
    for name in REQUIRED_META:
        assert passport.get(name), name
    assert passport["identifier"] == identifier
    assert passport["format"] == "csv"
    today = timezone.localdate()
    for name in ("created", "modified", "valid"):
        assert datetime.strptime(passport[name], "%Y%m%d").date() <= today
    data_names = [name for name in passport if name.startswith("data-")]
    structure_names = [name for name in passport if name.startswith("structure-")]
    assert data_names and structure_names
    current = f"data-{passport['modified']}-structure-{dataset.structure_version:%Y%m%d}"
    assert current in data_names

    structure = rows(client.get(local(passport[structure_names[0]])))
    assert list(structure[0]) == ["field name", "english description", "russian description", "format"]
    formats = {row["field name"]: row["format"] for row in structure}
    assert all(row["russian description"] and row["english description"] for row in structure)

    response = client.get(local(passport[current]))
    assert response.status_code == 200
    reader = csv.reader(io.StringIO(response.content.decode("utf-8"), newline=""))
    header = next(reader)
    assert header == [row["field name"] for row in structure]
    data = list(reader)
    for line in data:
        assert len(line) == len(header), line
        for name, value in zip(header, line, strict=True):
            if value:
                files.parse_value(value, formats[name])  # raises when the value does not match its format
    if dataset.identifier != "appeals-register-statistics-monthly":  # the demo register may be recent
        assert data, "the demo content gives every set rows"
    assert files.validate(dataset, response.content) == []


def test_suppressed_register_cells_are_published_as_text_never_as_the_number(client, demo_site, monkeypatch):
    from reports.statistics_types import PublishedCell, PublishedRow, PublishedStatistics, PublishedTable

    def fake(*, start, end):
        small = PublishedCell(value=None, text="менее 5", mark="small")
        row = PublishedRow("0002", "Социальная сфера", small, PublishedCell(7, "7"))
        total = PublishedRow("total", "Всего", PublishedCell(32, "32"), PublishedCell(40, "40"))
        table = PublishedTable("section", "Разделы", (row,), total)
        return PublishedStatistics(start, end, start, end, (table,), (), None)

    monkeypatch.setattr("reports.public_statistics.published_statistics", fake)
    dataset = registry.get("appeals-register-statistics-monthly")
    data = files.read_csv(files.data_csv(dataset, dataset.rows()))
    small = [row for row in data if row["row_key"] == "0002"]
    assert small and all(row["value"] == "" and row["value_text"] == "менее 5" for row in small)
    assert files.validate(dataset, files.data_csv(dataset, dataset.rows())) == []


def test_old_versions_stay_reachable_and_listed(client, demo_site):
    dataset = registry.get("regulations")
    identifier = f"{DEMO_INN}-{dataset.identifier}"
    current = meta(client, identifier)["modified"]
    name = f"data-{current}-structure-{dataset.structure_version:%Y%m%d}"
    first = client.get(f"/opendata/{identifier}/{name}.csv").content
    stored = DatasetVersion.objects.get(identifier=dataset.identifier)
    old = date(2026, 1, 15)
    assert stored.version != old
    stored.version = old  # as if it had been served on that day, before the acts changed
    stored.save()

    passport = meta(client, identifier)
    old_name = f"data-20260115-structure-{dataset.structure_version:%Y%m%d}"
    assert old_name in passport and name in passport
    assert passport["created"] == "20260115"
    response = client.get(local(passport[old_name]))
    assert response.status_code == 200 and response.content == first
    page = client.get("/opendata/").content.decode()
    assert "Версия от 15.01.2026" in page
    # A version never published is not invented.
    missing = f"/opendata/{identifier}/data-20250101-structure-{dataset.structure_version:%Y%m%d}.csv"
    assert client.get(missing).status_code == 404


def test_unknown_sets_and_other_publishers_are_not_found(client, demo_site):
    assert client.get("/opendata/1234567890-regulations/meta.csv").status_code == 404
    assert client.get(f"/opendata/{DEMO_INN}-nothing/meta.csv").status_code == 404
    assert client.get(f"/opendata/{DEMO_INN}-regulations/structure-19990101.csv").status_code == 404
    assert client.get(f"/opendata/{DEMO_INN}-regulations/data-20261399-structure-20261204.csv").status_code == 404


def test_no_catalogue_page_no_open_data(client, demo_site):
    from opendata.models import OpenDataCatalogPage

    OpenDataCatalogPage.objects.get().unpublish()
    assert client.get("/opendata/list.csv").status_code == 404


def test_a_client_revalidates_with_the_etag(client, demo_site):
    response = client.get(f"/opendata/{DEMO_INN}-regulations/meta.csv")
    assert response["Last-Modified"]
    again = client.get(f"/opendata/{DEMO_INN}-regulations/meta.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_catalogue_page_lists_every_set_with_its_files(client, demo_site):
    response = client.get("/opendata/")
    assert response.status_code == 200
    body = response.content.decode()
    for dataset in registry.DATASETS:
        assert dataset.title in body
        assert f"/opendata/{DEMO_INN}-{dataset.identifier}/meta.csv" in body
    assert 'href="/opendata/list.csv"' in body


def test_catalogue_in_sitemap_and_open_data_allowed_in_robots(client, demo_site):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/opendata/</loc>" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Allow: /opendata/" in robots
    assert not any(line.strip() in ("Disallow: /opendata/", "Disallow: /") for line in robots.splitlines())


def test_schedule_set_follows_the_look_ahead(demo_site):
    dataset = registry.get("reception-schedule")
    data = list(dataset.rows())
    today = timezone.localdate()
    assert data and all(today <= row["date"] <= today + timedelta(days=400) for row in data)


def test_a_register_cell_of_three_is_not_in_the_monthly_data(db):
    from datetime import time as clock

    from appeals_form.models import Appeal
    from opendata.sources import statistics_months
    from tests.reports.test_public_statistics import HOUSING, ROADS, SCHOOLS, STATE, appeals

    month = statistics_months()[-1]
    day = timezone.make_aware(datetime.combine(month.start.replace(day=3), clock(12)))
    appeals(12, day=day, code=HOUSING, kind=Appeal.Kind.COMPLAINT)
    appeals(9, day=day, code=ROADS, kind=Appeal.Kind.APPLICATION)
    appeals(8, day=day, code=STATE, kind=Appeal.Kind.COMPLAINT)
    appeals(3, day=day, code=SCHOOLS, kind=Appeal.Kind.PROPOSAL)

    dataset = registry.get("appeals-register-statistics-monthly")
    content = files.data_csv(dataset, dataset.rows())
    assert files.validate(dataset, content) == []
    data = [row for row in files.read_csv(content) if row["month"] == f"{month.start:%Y-%m}"]
    section = {row["row_key"]: row for row in data if row["table"] == "section"}
    assert section["0002"]["value"] == "" and section["0002"]["value_text"] == "менее 5"
    assert section["0001"]["value"] == ""  # 8, hidden with it: else the total minus the rest gives 3
    assert section["total"]["value"] == "32"
    assert not any(row["value"] == "3" for row in data)


def test_an_older_structure_stays_reachable_with_the_data_that_used_it(client, demo_site):
    dataset = registry.get("thematic-events")
    identifier = f"{DEMO_INN}-{dataset.identifier}"
    current = meta(client, identifier)["modified"]
    client.get(f"/opendata/{identifier}/data-{current}-structure-{dataset.structure_version:%Y%m%d}.csv")
    DatasetVersion.objects.filter(identifier=dataset.identifier).update(
        version=date(2025, 6, 1), structure=date(2025, 1, 1), structure_content="field name,format\r\nold,string\r\n"
    )
    passport = meta(client, identifier)
    assert "structure-20250101" in passport and "data-20250601-structure-20250101" in passport
    old = client.get(local(passport["structure-20250101"]))
    assert old.status_code == 200 and old.content == b"field name,format\r\nold,string\r\n"
    assert client.get(local(passport["data-20250601-structure-20250101"])).status_code == 200


def test_a_set_folder_leads_to_its_description_on_the_catalogue(client, demo_site):
    response = client.get(f"/opendata/{DEMO_INN}-regulations/")
    assert response.status_code == 302 and response["Location"] == f"/opendata/#{DEMO_INN}-regulations"
    assert f'id="{DEMO_INN}-regulations"' in client.get("/opendata/").content.decode()
    assert client.get(f"/opendata/{DEMO_INN}-nothing/").status_code == 404


@pytest.mark.parametrize(
    ("inn", "error"),
    [("1234567894", None), ("1234567895", "контрольная цифра"), ("12345", "10 цифр")],
)
def test_the_publishers_inn_is_checked_as_the_tax_service_does(inn, error):
    """Every set's identifier starts with the ИНН: a typo would publish identifiers of nobody."""
    from django.core.exceptions import ValidationError

    from opendata.models import OpenDataCatalogPage

    field = OpenDataCatalogPage._meta.get_field("publisher_inn")
    if error is None:
        field.run_validators(inn)
        return
    with pytest.raises(ValidationError) as raised:
        field.run_validators(inn)
    assert error in " ".join(raised.value.messages)
