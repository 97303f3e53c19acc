"""The version for the visually impaired (ГОСТ Р 52872-2019).

The visitor's choice is kept in one cookie, so it works without JavaScript and
without a session, and a page cache can vary on it. The cookie holds three
positional values: font size, colour scheme and images, e.g. ``large.wb.off``.
No cookie means the standard version.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

COOKIE_NAME = "vision"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

SIZES = {"normal": "Обычный", "large": "Крупный", "xlarge": "Очень крупный"}
SCHEMES = {
    "bw": "Чёрным по белому",
    "wb": "Белым по чёрному",
    "blue": "Тёмно-синим по голубому",
}
IMAGES = {"on": "Показывать", "off": "Скрыть"}


@dataclass(frozen=True)
class VisionPrefs:
    enabled: bool = False
    size: str = "large"
    scheme: str = "bw"
    images: str = "on"

    @property
    def images_off(self) -> bool:
        """Templates print an image's alt text instead of the image when this is true."""
        return self.enabled and self.images == "off"

    @property
    def html_classes(self) -> str:
        if not self.enabled:
            return ""
        return f"vision vision-size-{self.size} vision-scheme-{self.scheme} vision-images-{self.images}"

    def to_cookie(self) -> str:
        return f"{self.size}.{self.scheme}.{self.images}"

    def cache_key(self) -> str:
        """A short token that tells page variants apart."""
        return self.to_cookie() if self.enabled else "standard"


def parse_cookie(value: str | None) -> VisionPrefs:
    if not value:
        return VisionPrefs()
    parts = value.split(".")
    if len(parts) != 3:
        return VisionPrefs()
    size, scheme, images = parts
    if size not in SIZES or scheme not in SCHEMES or images not in IMAGES:
        return VisionPrefs()
    return VisionPrefs(enabled=True, size=size, scheme=scheme, images=images)


def prefs_from_request(request) -> VisionPrefs:
    return parse_cookie(request.COOKIES.get(COOKIE_NAME))


def apply_changes(prefs: VisionPrefs, params) -> VisionPrefs:
    """Apply the query parameters of a toggle link; unknown values are ignored."""
    mode = params.get("mode")
    if mode == "off":
        return VisionPrefs()
    changes = {}
    if mode == "on" and not prefs.enabled:
        changes["enabled"] = True
    for name, allowed in (("size", SIZES), ("scheme", SCHEMES), ("images", IMAGES)):
        value = params.get(name)
        if value in allowed:
            changes[name] = value
            changes["enabled"] = True
    return replace(prefs, **changes)


def toggle_query(next_url: str, **params: str) -> str:
    return urlencode({**params, "next": next_url})
