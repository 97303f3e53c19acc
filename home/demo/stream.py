"""Small builders of raw StreamField data (the blocks of home/blocks.py) and Russian number words."""

from __future__ import annotations

from html import escape
from typing import Any

from home.textformat import plural

Block = dict[str, Any]


def heading(text: str, size: str = "h2") -> Block:
    return {"type": "heading", "value": {"text": text, "size": size}}


def paragraph(html: str) -> Block:
    return {"type": "paragraph", "value": html}


def callout(*, kind: str, title: str, html: str) -> Block:
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


def table(*, caption: str, columns: list[tuple[str, str]], rows: list[list[Any]], source: str = "") -> Block:
    """A captioned typed table; `columns` are (type, heading) with type one of text/integer/number/rich_text."""
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "source": source,
            "table": {
                "columns": [{"type": kind, "heading": title} for kind, title in columns],
                "rows": [{"values": list(row)} for row in rows],
            },
        },
    }


def bullet_list(items: list[str]) -> str:
    """An HTML list; items are plain text (escaped)."""
    return "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>"


def days(n: int) -> str:
    """`n` days in the accusative ("на 30 дней", "на 1 день")."""
    return f"{n} {plural(n, 'день', 'дня', 'дней')}"


def days_genitive(n: int) -> str:
    """`n` days in the genitive ("в течение 3 дней", "в течение 1 дня")."""
    return f"{n} {plural(n, 'дня', 'дней', 'дней')}"
