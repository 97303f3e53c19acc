"""Attachments of the online form: every allowed type is recognised by its content,
staged privately, and staging left behind is cleaned up after a day."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from appeals_form import attachments
from appeals_form.validators import normalize_phone
from tests.appeals.appeal_form_helpers import *  # noqa: F403
from tests.appeals.appeal_form_helpers import (
    PDF_BYTES,
    doc_bytes,
    docx_bytes,
    jpg_bytes,
    ods_bytes,
    odt_bytes,
    png_bytes,
    staged_paths,
    upload,
    xls_bytes,
    xlsx_bytes,
)

GOOD_FILES = {
    "акт.pdf": (lambda: PDF_BYTES, "application/pdf"),
    "фото.jpg": (jpg_bytes, "image/jpeg"),
    "фото.JPEG": (jpg_bytes, "image/jpeg"),
    "схема.png": (png_bytes, "image/png"),
    "письмо.doc": (doc_bytes, "application/msword"),
    "письмо.docx": (docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "расчёт.xls": (xls_bytes, "application/vnd.ms-excel"),
    "расчёт.xlsx": (xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "письмо.odt": (odt_bytes, "application/vnd.oasis.opendocument.text"),
    "расчёт.ods": (ods_bytes, "application/vnd.oasis.opendocument.spreadsheet"),
    "письмо.rtf": (lambda: b"{\\rtf1\\ansi Hello}", "application/rtf"),
    "пояснение.txt": (lambda: "Прошу проверить начисления.\r\n".encode(), "text/plain"),
    "пояснение-1251.txt": (lambda: "Прошу проверить начисления за ёлку «ЖКХ» №5.".encode("cp1251"), "text/plain"),
    "с-bom.txt": (lambda: "\ufeffТекст с меткой порядка байтов".encode("utf-8"), "text/plain"),
}


@pytest.mark.parametrize("name", GOOD_FILES)
def test_allowed_types_are_recognised_by_content(name):
    make, content_type = GOOD_FILES[name]

    assert attachments.check_file(name=name, data=make()).content_type == content_type


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("письмо.doc", xls_bytes()),  # an Excel file renamed .doc
        ("расчёт.xls", doc_bytes()),
        ("письмо.odt", ods_bytes()),
        ("письмо.rtf", b"Hello, not RTF"),
        ("акт.pdf", b"<html>%PDF- later</html>" + b" " * 2000),
    ],
)
def test_content_that_disagrees_with_the_extension_is_refused(name, data):
    with pytest.raises(attachments.FileRejected, match="не соответствует формату"):
        attachments.check_file(name=name, data=data)


def test_cp1251_text_with_control_bytes_is_refused():
    with pytest.raises(attachments.FileRejected, match="двоичные данные"):
        attachments.check_file(name="a.txt", data="Текст".encode("cp1251") + b"\x01\x02")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\Users\\Мария\\Desktop\\квитанция.pdf", "квитанция.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("стра\u0000нный\u200b.pdf", "странный.pdf"),
        ("", "файл"),
        ("а" * 300 + ".pdf", "а" * 146 + ".pdf"),
    ],
)
def test_file_names_are_sanitised(raw, clean):
    assert attachments.sanitize_name(raw) == clean


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("8 (900) 123-45-67", "+79001234567"),
        ("+7 900 123 45 67", "+79001234567"),
        ("9001234567", "+79001234567"),
        ("+375 29 123-45-67", "+375291234567"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(typed, stored):
    assert normalize_phone(typed) == stored


def test_accepted_files_are_staged_privately_with_their_checksum(private_root):
    result = attachments.stage_uploads(uploads=[upload("акт.pdf", PDF_BYTES)], existing=[])

    assert result.errors == []
    (staged,) = result.files
    assert staged.storage_name.startswith("staging/") and staged.storage_name.endswith("/file.pdf")
    assert staged.original_name == "акт.pdf"
    assert staged.size == len(PDF_BYTES)
    assert (private_root / staged.storage_name).read_bytes() == PDF_BYTES


def _age(root, relative: str, hours: float) -> None:
    path = root / relative
    past = time.time() - hours * 3600
    os.utime(path, (past, past))


@pytest.mark.django_db
def test_staging_older_than_a_day_is_removed_and_fresh_kept(private_root):
    old = attachments.stage_uploads(uploads=[upload("old.pdf", PDF_BYTES + b"1")], existing=[]).files[0]
    fresh = attachments.stage_uploads(uploads=[upload("new.pdf", PDF_BYTES + b"2")], existing=[]).files[0]
    _age(private_root, old.storage_name, hours=25)
    _age(private_root, fresh.storage_name, hours=23)

    removed = attachments.purge_stale_staging()

    assert removed == 1
    assert staged_paths(private_root) == [fresh.storage_name]
    assert not (private_root / old.storage_name).parent.exists()  # its folder too


@pytest.mark.django_db
def test_the_clean_up_runs_as_a_task_and_as_a_command(private_root, capsys):
    staged = attachments.stage_uploads(uploads=[upload("old.pdf", PDF_BYTES)], existing=[]).files[0]
    _age(private_root, staged.storage_name, hours=30)

    result = attachments.purge_stale_staging_task.enqueue()
    assert result.return_value == 1

    staged = attachments.stage_uploads(uploads=[upload("old2.pdf", PDF_BYTES + b"x")], existing=[]).files[0]
    _age(private_root, staged.storage_name, hours=2)
    call_command("purge_appeal_staging", hours=1)
    assert "Удалено файлов: 1" in capsys.readouterr().out
    assert staged_paths(private_root) == []


def test_deleting_never_touches_files_outside_staging(private_root):
    from appeals_form.types import StagedFile

    storages["private"].save("appeals/2026/keep.pdf", upload("keep.pdf", PDF_BYTES))
    attachments.delete_staged(
        [StagedFile(storage_name="appeals/2026/keep.pdf", original_name="x.pdf", content_type="", size=1, sha256="")]
    )

    assert (private_root / "appeals/2026/keep.pdf").exists()


def test_purge_age_comes_from_settings(private_root, settings):
    settings.APPEALS_STAGING_MAX_AGE_HOURS = 1
    staged = attachments.stage_uploads(uploads=[upload("a.pdf", PDF_BYTES)], existing=[]).files[0]
    _age(private_root, staged.storage_name, hours=2)

    assert attachments.purge_stale_staging() == 1
    assert attachments.purge_stale_staging(max_age=timedelta(hours=48)) == 0
