"""One list of the appeal's personal data (appeals_form.types.PERSONAL_FIELDS) drives every place that handles it.

A field added to Appeal without a place in the list fails here, before it can
be forgotten by retention, shown without the personal-data permission, or
left out of the forwarded document.
"""

import json
from dataclasses import fields
from pathlib import Path

import pytest
from django.utils import timezone

from appeals_form import exports
from appeals_form.forms import AppealForm
from appeals_form.models import Appeal
from appeals_form.types import (
    APPLICANT_FIELDS,
    NOT_PERSONAL_FIELDS,
    PERSONAL_FIELDS,
    SUBMITTED_FIELDS,
    AppealSubmission,
    CoAuthorData,
)
from forwarding.destinations import SCHEMA_VERSIONS
from forwarding.documents import appeal_document

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "forwarding" / "schema"
PERSONAL_NAMES = {f.name for f in PERSONAL_FIELDS}


def test_every_field_of_the_appeal_is_either_personal_or_not():
    model_fields = {f.name for f in Appeal._meta.get_fields()}
    unclassified = model_fields - PERSONAL_NAMES - NOT_PERSONAL_FIELDS
    assert not unclassified, (
        f"add these to PERSONAL_FIELDS or NOT_PERSONAL_FIELDS (docs/appeal-fields.md): {unclassified}"
    )
    assert not PERSONAL_NAMES & NOT_PERSONAL_FIELDS
    assert model_fields >= PERSONAL_NAMES and model_fields >= NOT_PERSONAL_FIELDS


def test_submitted_fields_come_from_the_form_and_travel_in_the_submission():
    submission_fields = {f.name for f in fields(AppealSubmission)}
    assert set(SUBMITTED_FIELDS) <= submission_fields
    assert set(SUBMITTED_FIELDS) <= set(AppealForm.base_fields)


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_the_forwarding_schema_lists_the_applicant_fields(version):
    schema = json.loads((SCHEMA_DIR / f"appeal-forwarded.v{version}.schema.json").read_text())
    appeal_schema = schema["$defs"][schema["properties"]["appeal"]["$ref"].rsplit("/", 1)[-1]]
    applicant = appeal_schema["properties"]["applicant"]
    assert set(applicant["properties"]) == set(APPLICANT_FIELDS) == set(applicant["required"])


@pytest.mark.django_db
def test_the_forwarded_document_and_the_export_read_the_list():
    from tests.appeals.queue_helpers import appeal_in

    appeal = appeal_in(Appeal.Status.REGISTERED, phone="+7 900 000-00-01", postal_address="г. Энск, ул. Новая, 1")
    applicant = appeal_document(appeal)["applicant"]
    assert applicant == {name: getattr(appeal, name) for name in APPLICANT_FIELDS}
    personal_columns = {c.key for c in exports.COLUMNS if c.personal}
    exported = {f.name for f in PERSONAL_FIELDS if f.export_heading}
    # The applicant's name is one column of three fields; the co-authors give two (e-mails, postal addresses).
    assert personal_columns == exported | {"applicant", "co_author_addresses"}
    assert not personal_columns & {c.key for c in exports.columns_for(personal=False)}


@pytest.mark.django_db
def test_retention_erases_every_personal_field():
    from datetime import timedelta

    from appeals_form.workflow import retention
    from tests.appeals.queue_helpers import appeal_in

    registered_at = timezone.now() - timedelta(days=365 * 7)
    appeal = appeal_in(
        Appeal.Status.ANSWERED,
        registered_at=registered_at,
        due_date=timezone.localdate(registered_at) + timedelta(days=30),
    )
    for personal in PERSONAL_FIELDS:
        if not personal.relation and personal.name != "ip_address":
            setattr(
                appeal, personal.name, f"личное {personal.name}"[: Appeal._meta.get_field(personal.name).max_length]
            )
    appeal.ip_address = "203.0.113.7"
    appeal.save()
    retention.anonymise_old_appeals()
    appeal.refresh_from_db()
    for personal in PERSONAL_FIELDS:
        if personal.relation:
            assert not getattr(appeal, personal.name).exists(), personal.name
        else:
            value = getattr(appeal, personal.name)
            assert (value.name if hasattr(value, "name") else value) == personal.erased, personal.name


def test_from_cleaned_data_takes_every_field_of_the_form_by_name():
    class Row:
        def __init__(self, pk):
            self.pk = pk

    data = {name: f" {name} " for name in SUBMITTED_FIELDS}
    data.update(addressee=Row(3), topic=Row(5), kind="complaint", consent="on")
    now = timezone.now()
    co_authors = [CoAuthorData(name="Иванова Анна", email="")]
    submission = AppealSubmission.from_cleaned_data(
        data, consent_version="v2", consent_given_at=now, co_authors=co_authors, attachments=()
    )
    assert {name: getattr(submission, name) for name in SUBMITTED_FIELDS} == {n: f" {n} " for n in SUBMITTED_FIELDS}
    assert (submission.addressee_id, submission.topic_id, submission.kind) == (3, 5, "complaint")
    assert (submission.consent_version, submission.consent_given_at, submission.co_authors) == (
        "v2",
        now,
        tuple(co_authors),
    )
    without_phone = {name: value for name, value in data.items() if name != "phone"}
    with pytest.raises(KeyError):  # a field of the submission the form does not have: loud, not empty
        AppealSubmission.from_cleaned_data(without_phone, consent_version="v2", consent_given_at=now)
