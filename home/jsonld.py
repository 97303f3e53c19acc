"""schema.org data as JSON-LD, safe to put inside a <script> element of a page."""

import json

from django.utils.safestring import SafeString, mark_safe

# As django.utils.html.json_script does: nothing in the text can close the
# <script> element or open an HTML comment.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """The body of a ``<script type="application/ld+json">`` element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308
