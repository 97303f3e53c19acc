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
    parse,
    pdf_upload,
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
    "снимок из браузера.jfif": (jpg_bytes, "image/jpeg"),
    "фото.JFIF": (jpg_bytes, "image/jpeg"),
    "фото.jpe": (jpg_bytes, "image/jpeg"),
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

    checked = attachments.check_file(name=name, data=make())
    assert checked.file_type.content_type == content_type and checked.name == name


# Every extension the usual programs write for an allowed type (a JPEG photo saved from the web by Chrome on
# Windows is «.jfif»): the form accepts the file and its file chooser offers it.
NAMES_PROGRAMS_GIVE = {"jpg": ["jpg", "jpeg", "jfif", "jpe"], "png": ["png"], "pdf": ["pdf"], "txt": ["txt"]}


@pytest.mark.parametrize(("file_type", "extension"), [(t, e) for t, exts in NAMES_PROGRAMS_GIVE.items() for e in exts])
def test_every_name_a_program_gives_an_allowed_type_is_accepted_and_offered(file_type, extension):
    sample = next(make for name, (make, _) in GOOD_FILES.items() if name.lower().endswith("." + file_type))
    assert (
        attachments.check_file(name=f"файл.{extension}", data=sample()).file_type == attachments.FILE_TYPES[file_type]
    )
    assert f".{extension}" in attachments.accept_attribute().split(",")


# Found from outside: a photo renamed by hand («.png» to «.jpg») was refused as «не соответствует формату».
# Every allowed type under every other allowed name is what its content is, kept under the right extension.
CONTENT_SAMPLES = {
    "pdf": lambda: PDF_BYTES,
    "jpg": jpg_bytes,
    "png": png_bytes,
    "doc": doc_bytes,
    "docx": docx_bytes,
    "xls": xls_bytes,
    "xlsx": xlsx_bytes,
    "odt": odt_bytes,
    "ods": ods_bytes,
    "rtf": lambda: b"{\\rtf1\\ansi Hello}",
}


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (c, n)
        for c in CONTENT_SAMPLES
        for n in [*CONTENT_SAMPLES, "jpeg", "txt"]
        if n != c and (c, n) != ("jpg", "jpeg")
    ],
)
def test_a_file_named_as_another_allowed_type_is_kept_as_what_it_is(content, named):
    checked = attachments.check_file(name=f"Фото 12.{named}", data=CONTENT_SAMPLES[content]())
    assert checked.ext == content
    assert checked.name == f"Фото 12.{content}"
    assert checked.file_type == attachments.FILE_TYPES[content]


def test_a_renamed_photo_is_staged_and_registered_under_its_real_extension(private_root):
    staged = attachments.stage_uploads(uploads=[upload("фото.jpg", png_bytes(), "image/jpeg")], existing=[])
    assert staged.errors == []
    (file,) = staged.files
    assert file.original_name == "фото.png" and file.content_type == "image/png"
    assert file.storage_name.endswith(".png")
    assert file.sent_name == "фото.jpg"


@pytest.mark.django_db
def test_the_check_step_tells_the_new_name_of_a_renamed_file(applicant, form_page, valid_post):
    """Found from outside: «двор.jpg» (a PNG) was kept as «двор.png» and the resident was not told."""
    files = [upload("двор.jpg", png_bytes(), "image/jpeg"), pdf_upload("акт.pdf")]
    checked = applicant.post(form_page.url, valid_post(attachments=files))
    assert checked.status_code == 303 and "step=preview" in checked["Location"]
    notes = [
        note.get_text(" ", strip=True) for note in parse(applicant.get(checked["Location"])).select(".files__note")
    ]
    assert notes == ["Файл «двор.jpg» на самом деле в формате PNG, поэтому он будет отправлен под именем «двор.png»."]


def _image(fmt: str) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format=fmt)
    return buffer.getvalue()


HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("IMG_0001.jpg", HEIC, "HEIC"),  # an iPhone's photo renamed
        ("картинка.png", _image("WEBP"), "WEBP"),  # saved from the web, renamed
        ("скан.jpg", _image("GIF"), "GIF"),
        ("скан.pdf", _image("BMP"), "BMP"),
    ],
)
def test_a_photo_of_a_format_not_accepted_is_refused_naming_the_format(name, data, kind):
    with pytest.raises(attachments.FileRejected) as refused:
        attachments.check_file(name=name, data=data)
    message = refused.value.message
    assert f"«{name}» — изображение в формате {kind}, а такие файлы не принимаются" in message
    assert "в формате JPG или PNG" in message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("письмо.rtf", b"Hello, not RTF"),
        ("акт.pdf", b"<html>%PDF- later</html>" + b" " * 2000),
        ("акт.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a program renamed .pdf
        ("фото.jpg", b"\xff\xd8\xff" + b"\x00" * 200),  # a broken photo
    ],
)
def test_content_of_no_allowed_type_is_refused(name, data):
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


# ---- Zip bombs and image bombs (issue 13, item 3) ----


def _bomb_docx(unpacked: int) -> bytes:
    """A real .docx whose one extra part is ``unpacked`` zero bytes (deflate: about 1/1000 of that)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(unpacked // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def _lying_docx() -> bytes:
    """A .docx whose part declares 10 bytes but unpacks to 50 MB (its header lies)."""
    import io
    import struct
    import zipfile

    real = _bomb_docx(50 << 20)
    archive = zipfile.ZipFile(io.BytesIO(real))
    data = bytearray(real)
    # The central directory entry of the part: its name follows a 46-byte header.
    offset = real.find(b"word/media/padding.bin", archive.start_dir) - 46
    assert data[offset : offset + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, offset + 24, 10)  # uncompressed size: 10 bytes
    lying = zipfile.ZipFile(io.BytesIO(bytes(data)))
    assert sum(info.file_size for info in lying.infolist()) < 100
    return bytes(data)


def test_a_docx_unpacking_to_a_gibibyte_scale_is_refused_with_a_clear_message(settings):
    settings.APPEALS_ARCHIVE_MAX_UNPACKED_SIZE = 20 << 20  # keep the test light: 40 MB of zeros stand for 1 GiB
    bomb = _bomb_docx(40 << 20)
    assert len(bomb) < 100_000
    with pytest.raises(attachments.FileRejected, match="при открытии занимает слишком много места"):
        attachments.check_file(name="заявление.docx", data=bomb)


def test_the_ratio_limit_applies_below_the_absolute_limit(settings):
    settings.APPEALS_ARCHIVE_RATIO_FLOOR = 1 << 20
    bomb = _bomb_docx(5 << 20)  # 5 MB from a few kilobytes: ratio far above 100
    with pytest.raises(attachments.FileRejected, match="в 100 раз больше"):
        attachments.check_file(name="заявление.docx", data=bomb)


def test_a_docx_whose_headers_lie_about_the_unpacked_size_is_refused(settings):
    settings.APPEALS_ARCHIVE_MAX_UNPACKED_SIZE = 20 << 20
    with pytest.raises(attachments.FileRejected):
        attachments.check_file(name="заявление.docx", data=_lying_docx())


def test_an_honest_office_file_with_a_normal_ratio_is_accepted():
    # A few megabytes of ordinary compressible text, as a long report would have.
    import io
    import zipfile

    text = ("Прошу рассмотреть вопрос о ремонте дороги. " * 20000).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", text)
    assert attachments.check_file(name="отчёт.docx", data=buffer.getvalue()).file_type.label == "DOCX"


@pytest.mark.parametrize(("width", "height"), [(9000, 9000), (100_000, 100_000)])
def test_an_image_with_too_many_pixels_is_refused_by_its_header(width, height):
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    with pytest.raises(attachments.FileRejected, match="слишком большое.*млн точек"):
        attachments.check_file(name="скан.png", data=png)
