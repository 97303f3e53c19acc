"""Wagtail's action log names a personal-data record by its number, never by the person.

Found from outside: editing a reception sign-up in the admin wrote «Записанова Ольга Сергеевна, …»
into Wagtail's log for good: the site history showed it and exported it as CSV (outside the export
log), and it stayed after the sign-up itself was deleted at the end of its retention.
"""

import importlib

import pytest
from django.apps import apps
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from privacy.policy import personal_data_models
from schedules.factories import SignUpFactory

pytestmark = pytest.mark.django_db


def test_a_change_of_a_sign_up_is_logged_by_its_number(admin_client):
    signup = SignUpFactory()
    log(signup, "wagtail.edit")
    entry = ModelLogEntry.objects.get(object_id=str(signup.pk), content_type__model="signup")
    assert entry.label == f"Запись на приём № {signup.pk}"
    history = admin_client.get("/admin/reports/site-history/").content.decode()
    assert f"Запись на приём № {signup.pk}" in history and "Записанова" not in history
    export = admin_client.get("/admin/reports/site-history/", {"export": "csv"})
    assert "Записанова" not in b"".join(export.streaming_content).decode()


def test_every_personal_data_model_is_named_by_number():
    from django.contrib.contenttypes.models import ContentType

    from privacy.logentries import neutral_label

    for model in personal_data_models():
        label = neutral_label(ContentType.objects.get_for_model(model), "7")
        assert label == f"{model._meta.verbose_name} № 7"


def test_entries_written_before_lose_the_name_on_migrate():
    signup = SignUpFactory()
    log(signup, "wagtail.edit")
    ModelLogEntry.objects.filter(object_id=str(signup.pk), content_type__model="signup").update(label=str(signup))
    official = signup.session.official
    log(official, "wagtail.edit")
    other = ModelLogEntry.objects.get(object_id=str(official.pk), content_type__model="official")
    migration = importlib.import_module("privacy.migrations.0004_log_entries_without_names")
    migration.forward(apps, None)
    entry = ModelLogEntry.objects.get(object_id=str(signup.pk), content_type__model="signup")
    assert entry.label == f"Запись на приём № {signup.pk}"
    other.refresh_from_db()
    assert other.label == str(official)  # not personal data: named as before
