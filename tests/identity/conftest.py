"""Fixtures of the identification tests.

loopback_only        (autouse) any socket connection outside 127.0.0.1/::1 fails the test
clock                a controllable timezone.now(), fixed in the middle of an hour
send_code(email, …)  POST the "send code" step and run the after-commit mail task
last_code(email)     the code from the newest mail to ``email``
"""

import ipaddress
import re
import socket
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def _is_loopback(host) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """These tests never reach the network: only loopback connections are allowed."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise AssertionError(f"test tried to connect to {address[0]}")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_loopback(host.decode() if isinstance(host, bytes) else host):
            raise AssertionError(f"test tried to resolve {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setenv("NO_PROXY", "*")


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() frozen at 10:10:00 UTC (so hour windows are not crossed by accident)."""
    fake = Clock(datetime(2030, 3, 12, 10, 10, tzinfo=UTC))
    monkeypatch.setattr("django.utils.timezone.now", fake)
    return fake


@pytest.fixture
def send_code(client, django_capture_on_commit_callbacks):
    def post(email: str, *, ip: str = "203.0.113.10", next_url: str = "/", extra: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("identity:send_code"), {"email": email, "next": next_url, **(extra or {})}, REMOTE_ADDR=ip
            )

    return post


CODE_RE = re.compile(r"Ваш код подтверждения: (\d{6})")


@pytest.fixture
def last_code():
    def find(email: str) -> str:
        for message in reversed(mail.outbox):
            if message.to == [email]:
                return CODE_RE.search(message.body).group(1)
        raise AssertionError(f"no mail to {email}")

    return find
