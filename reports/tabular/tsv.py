"""Tab-separated text as Excel puts it on the clipboard: cells split on tabs, Excel's quoted cells unquoted.

Excel quotes a cell that holds a line break (Alt+Enter), a tab or a quote: ``"поставлено на контроль⏎в
администрации города"``, with a quote inside doubled (``""``). Such a cell may span lines; its line breaks
become spaces, and the row keeps the number of the line it starts on. A cell that merely starts with a quote
(Word's «"Горячая линия" губернатора», or «"Дороги"») is kept as typed, quotes and all: only a quoted cell
that Excel would have written (a line break, a tab or a doubled quote inside) is unquoted.
"""

from __future__ import annotations

import re

#: How many lines one quoted cell may span before the quote is taken for a typed character.
MAX_CELL_LINES = 50

_QUOTED_RE = re.compile(r'"((?:[^"]|"")*)"(?=\t|$)')


def split_tabbed(lines: list[str]) -> list[tuple[int, list[object]]]:
    """Rows of cells, each with the 1-based number of the line it starts on."""
    rows: list[tuple[int, list[object]]] = []
    index = 0
    while index < len(lines):
        number = index + 1
        cells, index = _row(lines, index)
        rows.append((number, cells))
    return rows


def _row(lines: list[str], index: int) -> tuple[list[object], int]:
    """The cells of the row starting at ``lines[index]`` and the index of the line after it."""
    line = lines[index]
    cells: list[object] = []
    position = 0
    while True:
        if line.startswith('"', position):
            quoted = _quoted_cell(lines, index, position)
            if quoted is not None:
                cell, index, line, position = quoted
                cells.append(cell)
                if position >= len(line):
                    return cells, index + 1
                position += 1  # the tab after the closing quote
                continue
        end = line.find("\t", position)
        if end < 0:
            cells.append(line[position:])
            return cells, index + 1
        cells.append(line[position:end])
        position = end + 1


def _quoted_cell(lines: list[str], index: int, position: int) -> tuple[str, int, str, int] | None:
    """An Excel-quoted cell from ``position``: (its text, the line index and line it ends on, the position after it)."""
    text = lines[index][position:]
    for extra in range(min(MAX_CELL_LINES, len(lines) - index)):
        if extra:
            text += "\n" + lines[index + extra]
        match = _QUOTED_RE.match(text)
        if match is None:
            continue
        inner = match.group(1)
        if not extra and '""' not in inner and "\t" not in inner:
            return None  # «"Дороги"»: quotes typed in the cell, not Excel's quoting
        end_line = lines[index + extra]
        end_position = len(end_line) - (len(text) - match.end())
        return inner.replace('""', '"').replace("\n", " "), index + extra, end_line, end_position
    return None
