"""Attachments of the online appeal form: checks by content and staging.

A file is accepted only when its content is of an allowed type; its name is never
trusted. A file whose content is another allowed type than its extension says
(a PNG photo renamed «.jpg», a DOCX saved as «.doc») is checked as what it is
and kept under the right extension («фото.jpg» becomes «фото.png»); anything
else is refused (a program renamed ".pdf", an iPhone's HEIC photo named
«.jpg», said so in Russian). Accepted files are saved
at once in ``storages["private"]`` under ``staging/<random>/`` so that the
resident never uploads them twice; registration of the appeal takes them over.
Staging files nobody claimed are removed after
``settings.APPEALS_STAGING_MAX_AGE_HOURS`` (the task below, or
``manage.py purge_appeal_staging``).

Nothing here logs file names or contents: attachments are personal data.
"""

import hashlib
import io
import logging
import secrets
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import storages
from django.utils import timezone
from django_tasks import task

from appeals_form.filesignatures import (
    _check_jpg,
    _check_odf,
    _check_ole,
    _check_ooxml,
    _check_pdf,
    _check_png,
    _check_rtf,
    _looks_jpg,
    _looks_png,
    _zip_names,
    image_kind,
)
from appeals_form.types import StagedFile

logger = logging.getLogger(__name__)

STAGING_DIR = "staging"
ORIGINAL_NAME_MAX_LENGTH = 150
_PURGE_CACHE_KEY = "appeals_form:staging-purge-scheduled"


class FileRejected(Exception):
    """A file that cannot be accepted; ``message`` is shown to the resident."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- content checks ----------------------------------------------------------------------------------------------

ARCHIVE_TYPES = frozenset({"docx", "xlsx", "odt", "ods"})
IMAGE_TYPES = frozenset({"jpg", "png"})
_UNPACK_CHUNK = 64 * 1024


def _unpacked_limit(packed_size: int) -> int:
    """How many bytes an archive of ``packed_size`` bytes may unpack to."""
    by_ratio = max(packed_size * settings.APPEALS_ARCHIVE_MAX_RATIO, settings.APPEALS_ARCHIVE_RATIO_FLOOR)
    return min(settings.APPEALS_ARCHIVE_MAX_UNPACKED_SIZE, by_ratio)


def _too_much_unpacked(name: str) -> FileRejected:
    limit = megabytes(settings.APPEALS_ARCHIVE_MAX_UNPACKED_SIZE)
    return FileRejected(
        f"Файл «{name}» при открытии занимает слишком много места (больше {limit} или "
        f"в {settings.APPEALS_ARCHIVE_MAX_RATIO} раз больше самого файла) и может повредить компьютер "
        "исполнителя. Сохраните документ заново в текстовом редакторе или приложите его в формате PDF."
    )


def _check_archive_limits(data: bytes, name: str) -> None:
    """Zip bombs: the parts of an OOXML/ODF file, declared and really unpacked, stay within the limits.

    The declared sizes are checked first (no work for an honest file); then
    every part is unpacked in chunks and counted, because a crafted archive
    can declare small sizes: the CRC check of ``zipfile`` refuses parts that
    are longer or shorter than declared.
    """
    archive = _zip_names(data)
    if archive is None:
        return  # not a zip at all: the type check says so
    limit = _unpacked_limit(len(data))
    with archive:
        infos = archive.infolist()
        if len(infos) > settings.APPEALS_ARCHIVE_MAX_MEMBERS or sum(info.file_size for info in infos) > limit:
            raise _too_much_unpacked(name)
        total = 0
        try:
            for info in infos:
                with archive.open(info) as part:
                    while chunk := part.read(_UNPACK_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise _too_much_unpacked(name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
            raise FileRejected(
                f"Файл «{name}» повреждён или зашифрован. Сохраните документ заново и приложите его снова."
            ) from None


def _check_image_pixels(data: bytes, name: str) -> None:
    """Decompression bombs in images: the header's width × height within APPEALS_IMAGE_MAX_PIXELS."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Image.DecompressionBombError:  # Pillow's own limit, far above ours
        width = height = None
    except (OSError, ValueError, SyntaxError, TypeError, IndexError):
        return  # not an image at all: the type check says so
    limit = settings.APPEALS_IMAGE_MAX_PIXELS
    if width is None or width * height > limit:
        size = f": {width} × {height} точек" if width else ""
        raise FileRejected(
            f"Изображение «{name}» слишком большое{size} "
            f"(допустимо не более {limit // 1_000_000} млн точек). "
            "Уменьшите разрешение снимка или сохраните его в формате PDF и приложите снова."
        )


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    check: Callable[[bytes], bool]


FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", "application/pdf", _check_pdf),
    "jpg": FileType("JPG", "image/jpeg", _check_jpg),
    "png": FileType("PNG", "image/png", _check_png),
    "doc": FileType("DOC", "application/msword", lambda d: _check_ole(d, "WordDocument")),
    "docx": FileType(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda d: _check_ooxml(d, "word/document.xml"),
    ),
    "xls": FileType("XLS", "application/vnd.ms-excel", lambda d: _check_ole(d, "Workbook", "Book")),
    "xlsx": FileType(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda d: _check_ooxml(d, "xl/workbook.xml"),
    ),
    "odt": FileType(
        "ODT",
        "application/vnd.oasis.opendocument.text",
        lambda d: _check_odf(d, "application/vnd.oasis.opendocument.text"),
    ),
    "ods": FileType(
        "ODS",
        "application/vnd.oasis.opendocument.spreadsheet",
        lambda d: _check_odf(d, "application/vnd.oasis.opendocument.spreadsheet"),
    ),
    "rtf": FileType("RTF", "application/rtf", _check_rtf),
    "txt": FileType("TXT", "text/plain", lambda d: True),  # checked by _check_text, with its own messages
}
# Other names the usual programs give to a type: Chrome and Windows save many JPEG photos from the web as
# «.jfif», which was refused with «Допустимые форматы: … JPG» (the content is checked all the same).
EXTENSION_ALIASES = {"jpeg": "jpg", "jfif": "jpg", "jpe": "jpg"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<script", b"<body", b"<iframe", b"<svg")


def allowed_extensions() -> list[str]:
    """The extensions the form accepts, in the order of the settings."""
    return [ext for ext in settings.APPEALS_FILE_TYPES if ext in FILE_TYPES]


def accept_attribute() -> str:
    """Value of the file input's ``accept`` attribute."""
    exts = allowed_extensions()
    extra = [alias for alias, ext in EXTENSION_ALIASES.items() if ext in exts]
    return ",".join(f".{ext}" for ext in [*exts, *extra])


def allowed_labels() -> str:
    return ", ".join(FILE_TYPES[ext].label for ext in allowed_extensions())


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} МБ" if value >= 1 and value == int(value) else f"{value:.1f} МБ".replace(".", ",")


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} байт"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} КБ"
    return f"{size / (1024 * 1024):.1f} МБ".replace(".", ",")


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when the bytes are mostly UTF-8 with a few broken sequences.

    Real Windows-1251 text almost never forms valid multi-byte UTF-8 sequences;
    text that was UTF-8 and got damaged is full of them.
    """
    decoded = data.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    multibyte = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte > broken


def _check_text(data: bytes, name: str) -> None:
    if b"\x00" in data:
        raise FileRejected(f"Файл «{name}» содержит двоичные данные, а не текст. Приложите обычный текстовый файл.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _looks_like_broken_utf8(data):
            raise FileRejected(
                f"Файл «{name}» содержит ошибки кодировки. Сохраните его в кодировке UTF-8 и приложите снова."
            ) from None
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            raise FileRejected(
                f"Файл «{name}» не является текстом в кодировке UTF-8 или Windows-1251. "
                "Сохраните его в кодировке UTF-8 и приложите снова."
            ) from None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text):
        raise FileRejected(f"Файл «{name}» содержит двоичные данные, а не текст. Приложите обычный текстовый файл.")
    head = text[:4096].lstrip().lower().encode("utf-8", errors="ignore")
    if any(marker in head for marker in _HTML_MARKERS):
        raise FileRejected(
            f"Файл «{name}» содержит HTML-разметку (веб-страницу), а не простой текст. "
            "Сохраните документ в формате PDF или TXT без разметки."
        )


def sanitize_name(name: str) -> str:
    """The resident's file name without folders, control characters and excess length."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > ORIGINAL_NAME_MAX_LENGTH:
        path = PurePosixPath(name)
        suffix = path.suffix[:16]
        name = path.stem[: ORIGINAL_NAME_MAX_LENGTH - len(suffix)] + suffix
    return name or "файл"


def extension_of(name: str) -> str:
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


@dataclass(frozen=True)
class CheckedFile:
    name: str  # the resident's name, with the extension of what the content is
    ext: str
    file_type: FileType
    sent_name: str = ""  # the resident's name when ``name`` differs from it


# A first look at the content (cheap): which allowed type a file is, whatever its name says.
_SNIFF: dict[str, Callable[[bytes], bool]] = {"jpg": _looks_jpg, "png": _looks_png}


def _sniff(data: bytes) -> str | None:
    """The allowed type (other than plain text, which anything can pass for) the content is, or None."""
    for ext in allowed_extensions():
        if ext != "txt" and _SNIFF.get(ext, FILE_TYPES[ext].check)(data):
            return ext
    return None


def _content_type_of(named: str, data: bytes) -> str:
    """The type to check a file as: its name's, unless the content is plainly another allowed type."""
    if named != "txt" and _SNIFF.get(named, FILE_TYPES[named].check)(data):
        return named
    return _sniff(data) or named


def _renamed(name: str, ext: str) -> str:
    if extension_of(name) == ext:
        return name  # «фото.jfif» stays as the resident named it
    return f"{PurePosixPath(name).stem}.{ext}"


def check_file(*, name: str, data: bytes) -> CheckedFile:
    """Check one file by its content; return what it is (and the name to keep it under) or raise ``FileRejected``."""
    named = extension_of(name)
    if named not in allowed_extensions():
        raise FileRejected(f"Файл «{name}»: такие файлы не принимаются. Допустимые форматы: {allowed_labels()}.")
    if not data:
        raise FileRejected(f"Файл «{name}» пустой. Приложите файл с содержимым.")
    if len(data) > settings.APPEALS_MAX_FILE_SIZE:
        raise FileRejected(f"Файл «{name}» больше {megabytes(settings.APPEALS_MAX_FILE_SIZE)}. Уменьшите его размер.")
    ext = _content_type_of(named, data)
    file_type = FILE_TYPES[ext]
    if ext in ARCHIVE_TYPES:
        _check_archive_limits(data, name)
    elif ext in IMAGE_TYPES:
        _check_image_pixels(data, name)
    if ext == "txt":
        _check_text(data, name)
    elif not file_type.check(data):
        raise _not_of_type(name, file_type, data)
    renamed = _renamed(name, ext)
    return CheckedFile(name=renamed, ext=ext, file_type=file_type, sent_name=name if renamed != name else "")


def _not_of_type(name: str, file_type: FileType, data: bytes) -> FileRejected:
    kind = image_kind(data)
    if kind:
        photos = " или ".join(FILE_TYPES[e].label for e in allowed_extensions() if e in IMAGE_TYPES) or "PDF"
        return FileRejected(
            f"Файл «{name}» — изображение в формате {kind}, а такие файлы не принимаются. "
            f"Сохраните снимок в формате {photos} (или сделайте снимок экрана) и приложите его снова."
        )
    return FileRejected(
        f"Содержимое файла «{name}» не соответствует формату {file_type.label}. "
        f"Сохраните документ в формате {file_type.label} и приложите его снова."
    )


# -- staging -----------------------------------------------------------------------------------------------------


def _storage():
    return storages["private"]


def staged_id(staged: StagedFile) -> str:
    """A short opaque id of a staged file (its random folder), used by the "удалить" checkbox."""
    parts = staged.storage_name.split("/")
    return parts[1] if len(parts) >= 3 else hashlib.sha256(staged.storage_name.encode()).hexdigest()[:32]


@dataclass
class StagingResult:
    files: list[StagedFile]  # everything staged for the draft, old and new
    errors: list[str]  # one message per refused file


def _read_upload(upload) -> bytes:
    upload.seek(0)
    chunks = []
    total = 0
    for chunk in upload.chunks():
        chunks.append(chunk)
        total += len(chunk)
        if total > settings.APPEALS_MAX_FILE_SIZE:
            break
    return b"".join(chunks)


def stage_uploads(*, uploads: Iterable, existing: Sequence[StagedFile]) -> StagingResult:
    """Check new uploads against the limits and the existing files; stage the good ones."""
    files = list(existing)
    errors: list[str] = []
    max_files = settings.APPEALS_MAX_FILES
    max_total = settings.APPEALS_MAX_TOTAL_SIZE
    for upload in uploads:
        name = sanitize_name(getattr(upload, "name", ""))
        size = getattr(upload, "size", 0) or 0
        if len(files) >= max_files:
            errors.append(f"Можно приложить не более {max_files} файлов. Файл «{name}» не принят.")
            continue
        if size > settings.APPEALS_MAX_FILE_SIZE:
            errors.append(f"Файл «{name}» больше {megabytes(settings.APPEALS_MAX_FILE_SIZE)}. Уменьшите его размер.")
            continue
        if sum(f.size for f in files) + size > max_total:
            errors.append(f"Общий размер файлов не должен превышать {megabytes(max_total)}. Файл «{name}» не принят.")
            continue
        data = _read_upload(upload)
        try:
            checked = check_file(name=name, data=data)
        except FileRejected as exc:
            errors.append(exc.message)
            continue
        digest = hashlib.sha256(data).hexdigest()
        same = next((f for f in files if f.sha256 == digest), None)
        if same is not None:  # under another name: say which file it repeats
            errors.append(_duplicate_message(name, same.original_name))
            continue
        files.append(_save(checked=checked, data=data, digest=digest))
    if len(files) > len(existing):
        schedule_purge()
    return StagingResult(files=files, errors=errors)


def _duplicate_message(name: str, attached: str) -> str:
    if name == attached:
        return f"Файл «{name}» уже приложен."
    return f"Файл «{name}» не принят: он совпадает с уже приложенным файлом «{attached}»."


def _save(*, checked: CheckedFile, data: bytes, digest: str) -> StagedFile:
    path = f"{STAGING_DIR}/{secrets.token_hex(16)}/file.{checked.ext}"
    storage_name = _storage().save(path, File(io.BytesIO(data)))
    return StagedFile(
        storage_name=storage_name,
        original_name=checked.name,
        content_type=checked.file_type.content_type,
        size=len(data),
        sha256=digest,
        sent_name=checked.sent_name,
    )


def is_staging_name(storage_name: str) -> bool:
    parts = storage_name.split("/")
    return len(parts) == 3 and parts[0] == STAGING_DIR and ".." not in parts


def staged_exists(staged: StagedFile) -> bool:
    return is_staging_name(staged.storage_name) and _storage().exists(staged.storage_name)


def delete_staged(files: Iterable[StagedFile]) -> None:
    """Remove staged files (and their folders). Only names under staging/ are touched."""
    storage = _storage()
    for staged in files:
        if not is_staging_name(staged.storage_name):
            continue
        storage.delete(staged.storage_name)
        folder = staged.storage_name.rsplit("/", 1)[0]
        try:
            dirs, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        if not dirs and not names:
            storage.delete(folder)


def purge_stale_staging(*, max_age: timedelta | None = None) -> int:
    """Delete staging files older than ``max_age``; return how many were removed."""
    if max_age is None:
        max_age = timedelta(hours=settings.APPEALS_STAGING_MAX_AGE_HOURS)
    storage = _storage()
    cutoff = timezone.now() - max_age
    try:
        folders, _ = storage.listdir(STAGING_DIR)
    except FileNotFoundError:
        return 0
    removed = 0
    for folder in folders:
        path = f"{STAGING_DIR}/{folder}"
        try:
            _, names = storage.listdir(path)
        except FileNotFoundError:
            continue
        for name in names:
            full = f"{path}/{name}"
            try:
                if storage.get_modified_time(full) < cutoff:
                    storage.delete(full)
                    removed += 1
            except FileNotFoundError:
                continue
        try:
            subdirs, rest = storage.listdir(path)
        except FileNotFoundError:
            continue
        if not subdirs and not rest:
            storage.delete(path)
    if removed:
        logger.info("Removed %d stale staging file(s) of the appeal form", removed)
    return removed


@task()
def purge_stale_staging_task() -> int:
    return purge_stale_staging()


def schedule_purge() -> None:
    """Enqueue the clean-up at most once an hour, when files are being staged."""
    if cache.add(_PURGE_CACHE_KEY, 1, timeout=3600):
        try:
            purge_stale_staging_task.enqueue()
        except Exception:  # a clean-up must never break the form
            logger.exception("Could not enqueue the staging clean-up")
