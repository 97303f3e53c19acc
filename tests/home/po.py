"""A small reader of gettext .po files (for the tests of the admin's Russian)."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgid_plural: str
    translations: tuple[str, ...]


_KEY = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")


def _blocks(path: Path):
    """Each entry of a catalogue as its fields (``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr[n]``)."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#") or not line:
                continue
            match = _KEY.match(line)
            if match:
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        yield fields


def read_po(path: Path) -> list[Entry]:
    """Translated entries without a context (the header and obsolete entries left out)."""
    entries = []
    for fields in _blocks(path):
        if not fields.get("msgid") or "msgctxt" in fields:
            continue
        translations = tuple(value for name, value in fields.items() if name.startswith("msgstr") and value)
        if translations:
            entries.append(Entry(fields["msgid"], fields.get("msgid_plural", ""), translations))
    return entries


@dataclass(frozen=True)
class Message:
    context: str
    msgid: str
    msgid_plural: str


def read_messages(path: Path) -> list[Message]:
    """Every message of a catalogue (e.g. an English one, whose msgstr are empty), contexts included."""
    return [
        Message(fields.get("msgctxt", ""), fields["msgid"], fields.get("msgid_plural", ""))
        for fields in _blocks(path)
        if fields.get("msgid")
    ]
