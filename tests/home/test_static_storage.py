"""Production's static files storage (home.staticstorage): the manifest's URLs, worked out once per name."""

import json

import pytest
from django.conf import settings

from home.staticstorage import PortalStaticStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0e17b90b9581.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return PortalStaticStorage(location=str(tmp_path), base_url="/static/")


def test_production_uses_it():
    from portal.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == "home.staticstorage.PortalStaticStorage"


def test_a_files_url_is_the_manifests_each_time_and_worked_out_once(storage, monkeypatch):
    calls = []
    parent = PortalStaticStorage.__mro__[1].url
    monkeypatch.setattr(
        PortalStaticStorage.__mro__[1], "url", lambda self, *a, **k: calls.append(a) or parent(self, *a, **k)
    )
    assert storage.url("css/site.css") == "/static/css/site.0e17b90b9581.css"
    assert storage.url("css/site.css") == "/static/css/site.0e17b90b9581.css"
    assert len(calls) == 1


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/net-takogo.css")


def test_with_debug_on_the_url_is_worked_out_each_time(storage, monkeypatch):
    monkeypatch.setattr(settings, "DEBUG", True)
    storage.url("css/site.css")
    assert storage._kept_urls == {}
