"""What a file's first bytes and inner parts say it is (the signatures the attachment checks trust).

No file here is opened from disk or logged: the bytes come from ``appeals_form.attachments``.
"""

import io
import zipfile

import puremagic

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _utf16_name(name: str) -> bytes:
    return (name + "\x00").encode("utf-16-le")


def _check_pdf(data: bytes) -> bool:
    # The header opens the file (after a stray byte-order mark or blank line at most).
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-"


def _check_image(data: bytes, fmt: str) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != fmt:
                return False
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on a broken file: all mean "not a valid image"
        return False
    return True


def _check_jpg(data: bytes) -> bool:
    return data[:3] == b"\xff\xd8\xff" and _check_image(data, "JPEG")


def _check_png(data: bytes) -> bool:
    return data[:8] == PNG_MAGIC and _check_image(data, "PNG")


def _check_ole(data: bytes, *stream_names: str) -> bool:
    # The directory of an OLE2 compound file names its streams in UTF-16LE:
    # "WordDocument" for Word 97-2003, "Workbook" (or "Book") for Excel.
    return data[:8] == OLE2_MAGIC and any(_utf16_name(name) in data for name in stream_names)


def _zip_names(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _check_ooxml(data: bytes, main_part: str) -> bool:
    archive = _zip_names(data)
    if archive is None:
        return False
    with archive:
        names = set(archive.namelist())
    return "[Content_Types].xml" in names and main_part in names


def _check_odf(data: bytes, mimetype: str) -> bool:
    archive = _zip_names(data)
    if archive is None:
        return False
    with archive:
        try:
            info = archive.getinfo("mimetype")
        except KeyError:
            return False
        if info.file_size > 200:
            return False
        try:
            return archive.read(info).strip() == mimetype.encode("ascii")
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
            return False


def _check_rtf(data: bytes) -> bool:
    return data[:5] == b"{\\rtf"


def _looks_jpg(data: bytes) -> bool:
    return data[:3] == b"\xff\xd8\xff"


def _looks_png(data: bytes) -> bool:
    return data[:8] == PNG_MAGIC


# Images people meet under a photo's name (an iPhone's HEIC, a WebP saved from the web), named in the refusal.
_IMAGE_NAMES = {"heic": "HEIC", "heif": "HEIC", "avif": "AVIF", "webp": "WEBP", "gif": "GIF", "bmp": "BMP"}


def image_kind(data: bytes) -> str | None:
    """The name of a common image format the content is (``"HEIC"``), by its content alone; None otherwise."""
    try:
        ext = puremagic.from_string(data[: 64 * 1024]).lstrip(".").lower()
    except (puremagic.PureError, ValueError):
        return None
    if ext in ("tif", "tiff"):
        return "TIFF"
    return _IMAGE_NAMES.get(ext)
