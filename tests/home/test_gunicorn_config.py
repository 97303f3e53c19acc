"""The project's gunicorn.conf.py, read the way gunicorn reads it."""

import runpy

import pytest
from django.conf import settings
from gunicorn.config import Config


def _config() -> Config:
    config = Config()
    for name, value in runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_the_control_socket_is_off_unless_the_installation_names_one(monkeypatch):
    # gunicorn's default is one path per user: a second installation on the host (another town's
    # portal, a test's server) took it over, and `gunicornc shutdown` stopped the wrong portal.
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    assert _config().control_socket_disable is True


@pytest.mark.parametrize("path", ["/run/portal-town-a/gunicorn.ctl", "/run/portal-town-b/gunicorn.ctl"])
def test_an_installation_names_its_own_control_socket(monkeypatch, path):
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", path)
    config = _config()
    assert config.control_socket_disable is False
    assert config.control_socket == path
