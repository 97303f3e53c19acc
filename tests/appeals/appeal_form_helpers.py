"""Fixtures and helpers of the online form's tests (tests/appeals/test_form_*.py).

Import the fixtures into a test module with ``from tests.appeals.appeal_form_helpers import *``.
They build on tests/appeals/conftest.py (addressee, topic, identity_oidc).

    form_page               the live AppealFormPage (under the site's home page)
    private_root            a fresh private storage for the test (a tmp folder)
    fresh_identity          an Identity confirmed by e-mail code just now
    applicant               a Django test client with fresh_identity in its session
    valid_post(**kw)        the POST data of a correctly filled form
"""

import io
import uuid
import zipfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from identity.session import SESSION_KEY as IDENTITY_SESSION_KEY
from identity.types import METHOD_EMAIL_CODE, Identity

__all__ = [
    "applicant",
    "doc_bytes",
    "docx_bytes",
    "form_page",
    "fresh_identity",
    "jpg_bytes",
    "login",
    "ods_bytes",
    "odt_bytes",
    "parse",
    "pdf_upload",
    "png_bytes",
    "private_root",
    "sent_back",
    "staged_paths",
    "upload",
    "valid_post",
    "xls_bytes",
    "xlsx_bytes",
    "expired",
]

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
APPLICANT_EMAIL = "ivanova@example.ru"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name: str = "квитанция.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return upload(name, content, "application/pdf")


def _image(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), "#0b4f8a").save(buffer, format=fmt)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return _image("PNG")


def jpg_bytes() -> bytes:
    return _image("JPEG")


def _zip(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), entries.pop(stored_first), zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "_rels/.rels": b"<r/>"})


def xlsx_bytes() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odt_bytes() -> bytes:
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"},
        stored_first="mimetype",
    )


def ods_bytes() -> bytes:
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"},
        stored_first="mimetype",
    )


def _ole(stream: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = (stream + "\x00").encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return header + entry * 4


def doc_bytes() -> bytes:
    return _ole("WordDocument")


def xls_bytes() -> bytes:
    return _ole("Workbook")


def sent_back(client: Client, url: str, data, **extra):
    """POST the form: it answers with a redirect (303, Post/Redirect/Get) to the draft's address, which shows
    the form as sent (its errors, its files, its rows). That page (a GET: Back and reload never post again)."""
    response = client.post(url, data, **extra)
    assert response.status_code == 303, f"the form answered a POST with HTTP {response.status_code}, not a redirect"
    assert "draft=" in response["Location"] and "step=" not in response["Location"], response["Location"]
    return client.get(response["Location"])


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def login(client: Client, identity: Identity) -> Client:
    session = client.session
    session[IDENTITY_SESSION_KEY] = identity.to_dict()
    session.save()
    return client


@pytest.fixture
def private_root(settings, tmp_path) -> Path:
    """Each test gets its own private storage, so that stray files can be counted."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    return root


def staged_paths(root: Path) -> list[str]:
    """Every file in the staging area of the private storage."""
    staging = root / "staging"
    return sorted(str(p.relative_to(root)) for p in staging.rglob("*") if p.is_file()) if staging.exists() else []


@pytest.fixture
def form_page(db):
    from appeals_form.factories import AppealFormPageFactory

    return AppealFormPageFactory(
        consent_text="<p>Я согласна на обработку персональных данных администрацией городского округа.</p>",
        consent_version="2026-11-01",
    )


@pytest.fixture
def fresh_identity() -> Identity:
    return Identity(method=METHOD_EMAIL_CODE, verified_at=timezone.now() - timedelta(minutes=5), email=APPLICANT_EMAIL)


@pytest.fixture
def applicant(client, fresh_identity, private_root) -> Client:
    return login(client, fresh_identity)


@pytest.fixture
def valid_post(addressee, topic):
    def make(**overrides) -> dict:
        data = {
            "form_token": str(uuid.uuid4()),
            "coauthor_rows": "3",
            "action": "preview",
            "surname": "Иванова",
            "first_name": "Мария",
            "patronymic": "Петровна",
            "email": APPLICANT_EMAIL,
            "phone": "8 (900) 123-45-67",
            "postal_address": "140000, г. Энск, ул. Садовая, д. 1, кв. 2",
            "addressee": str(addressee.pk),
            "topic": str(topic.pk),
            "kind": "complaint",
            "text": "Во дворе дома не горят фонари уже месяц. Прошу принять меры.",
            "consent": "on",
            "website_url": "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


def expired(identity: Identity, *, hours: int = 3) -> Identity:
    return replace(identity, verified_at=timezone.now() - timedelta(hours=hours))
