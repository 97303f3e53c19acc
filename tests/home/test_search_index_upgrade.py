"""An upgrade that changes what the site search searches rebuilds the index at ``migrate``, with no other step.

From outside, after the release that started searching the pages' search description: on an
existing installation «записаться на приём» still did not find «График личного приёма» (its
description says «запись на приём»), because the index held what the old release indexed until
someone ran ``manage.py update_index``, which only the README said. Now the index's fingerprint
(searched fields and boosts, the backend's configuration, the text rules) is kept
(home/searchindex.py) and every ``migrate`` rebuilds an index of another fingerprint.
"""

import re

import pytest
from django.apps import apps
from django.apps.registry import apps as global_apps
from django.core.management import call_command
from django.db.models.signals import post_migrate

from home import searchindex
from home.models import SearchIndexState, StandardPage
from home.models.mixins import PortalPageMixin

pytestmark = pytest.mark.django_db

WORD = "водоотведение"


def titles(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


def migrate_finished() -> None:
    """What ``manage.py migrate`` sends to the home app when it is done (nothing to apply)."""
    config = apps.get_app_config("home")
    post_migrate.send(
        sender=config, app_config=config, verbosity=0, interactive=False, using="default", apps=global_apps, plan=[]
    )


@pytest.fixture
def older_release(monkeypatch):
    """Search fields as an older release had them: without the pages' search description."""
    current = PortalPageMixin.get_search_fields.__func__

    def without_description(cls):
        return [field for field in current(cls) if field.field_name != "search_description"]

    monkeypatch.setattr(PortalPageMixin, "get_search_fields", classmethod(without_description))
    return monkeypatch


def test_an_index_of_an_older_release_is_rebuilt_by_migrate(client, site_home, older_release):
    site_home.add_child(
        instance=StandardPage(title="Благоустройство", slug="blago", search_description=f"Ливневое {WORD} дворов.")
    )
    call_command("update_index", verbosity=0)  # the older release's index, and its fingerprint
    older_release.undo()  # the upgrade
    assert titles(client, WORD) == []

    migrate_finished()

    assert titles(client, WORD) == ["Благоустройство"]
    assert searchindex.recorded() == searchindex.fingerprint()


def test_an_index_without_a_fingerprint_is_rebuilt_once(client, site_home, older_release):
    """Installations indexed before fingerprints were kept: their index may be of any release."""
    site_home.add_child(instance=StandardPage(title="Ливнёвка", slug="liv", search_description=f"{WORD} улиц"))
    older_release.undo()
    SearchIndexState.objects.all().delete()
    assert titles(client, WORD) == []

    migrate_finished()

    assert titles(client, WORD) == ["Ливнёвка"]
    assert searchindex.recorded() == searchindex.fingerprint()


def test_an_index_in_step_is_not_rebuilt_at_each_deployment(client, site_home):
    from wagtail.search.models import IndexEntry

    page = site_home.add_child(instance=StandardPage(title="Ливнёвка", slug="liv", search_description=WORD))
    call_command("update_index", verbosity=0)
    IndexEntry.objects.filter(object_id=str(page.pk)).delete()  # a rebuild would bring it back

    migrate_finished()

    assert titles(client, WORD) == []


def test_a_new_database_records_the_fingerprint_of_its_empty_index():
    # The test database was made by migrate: its index was empty, nothing was rebuilt.
    assert searchindex.recorded() == searchindex.fingerprint()


def test_the_fingerprint_follows_the_text_rules(monkeypatch):
    before = searchindex.fingerprint()
    monkeypatch.setattr(searchindex, "index_text", str.lower)  # rules that no longer stem
    assert searchindex.fingerprint() != before
