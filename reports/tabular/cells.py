"""The cells and rows of a grid as the table builder (``reports.tabular.grid``) reads them.

Text normalisation, the patterns that recognise totals, «в т.ч.» rows, running numbers and years, and the
small tests on a row (is it metadata, does it hold numbers, is it a header of words) that the header and the
row rules share. ``Layout`` is what the header rules decide: which column each source position holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .columns import METADATA_LABELS, header_key
from .numbers import normalize_spaces, parse_value

SourceRow = tuple[int, list[object]]

SKIP = "#skip"
BLANK = "#blank"
UNKNOWN = "#unknown"
NUMBERING_KEYS = frozenset({"№", "№№", "№п/п", "№№п/п", "п/п", "n", "no", "nп/п", "#", "номер"})
METADATA_KEYS = frozenset(header_key(label) for label in METADATA_LABELS)
PERIOD_KEYS = ("current", "previous")

TOTAL_RE = re.compile(
    r"^(?:(?:итого|всего|общее\s+(?:количество|число))(?![а-яё])|.*[,\s]всего\s*:?\s*$)",
    re.IGNORECASE,
)
#: The computed total row of a file exported by the portal: never a typed figure.
COMPUTED_TOTAL_RE = re.compile(r"^итого\s*\(вычислено\)\s*$", re.IGNORECASE)
CONNECTOR_RE = re.compile(r"^(?:в\s*т\.\s*ч\.?|в\s+том\s+числе|из\s+них)[\s:,.]*$", re.IGNORECASE)
NUMBERING_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
#: «2.1 », «2.1. » or «2.1.удовлетворено» (typed without a space before the name).
SUBNUMBER_RE = re.compile(r"^(\d{1,3})\.\d{1,3}\.?(?:\s|(?=[^\W\d_]))")
#: A top-level outline number: «2. » or «2.Результат рассмотрения».
TOP_NUMBER_RE = re.compile(r"^(\d{1,3})\.(?:\s|(?=[^\W\d_]))")
COMPOUND_RE = re.compile(r"^\s*([^/]*\d[^/]*?)\s*/\s*([^/]*\d[^/]*?)\s*$")
COMPOUND_MODES = ("refuse", "first", "second")
#: The list markers that may start a label: a part of the row above, or a plain list item when nothing is above.
#: Word lists are often typed without a space after the marker («-письменных»), so a letter may follow it too.
BULLETS = "-\u2010\u2011\u2013\u2014\u2212\u2022"
PART_RE = re.compile(
    rf"^(?:в\s*т\.\s*ч\.?|в\s+том\s+числе(?![а-яё])|из\s+них(?![а-яё])|[{BULLETS}](?=\s|[^\W\d_]))[\s:,.]*",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
BARE_YEAR_RE = re.compile(r"^(?:19|20)\d\d(?:год|г)?$")
RUNNING_NUMBER_RE = re.compile(r"^\d{1,3}[.)]?$")
#: A header (as ``header_key`` writes it) of a percentage against the previous period: «Отчетный период к
#: предыдущему в %», «В % к 2023 г.», «% к АППГ», «Темп роста, %».
RATIO_HEADER_RE = re.compile(
    r"%.*к(?:предыдущ|прошл|аппг|уровню|(?:19|20)\d\d)|к(?:предыдущ|прошл|аппг).*%|темпроста,?%"
)
#: A letter numbering a text column in the row of column numbers under a form's header («А», «Б»).
COLUMN_LETTER_RE = re.compile(r"^[А-ЯЁA-Z]\.?$")
INJECTION_GUARD_RE = re.compile(r"^'(?=[=+\-@])")


def cell_text(cell: object) -> str:
    """The cell as normalized text ("" for an empty one)."""
    if cell is None:
        return ""
    return normalize_spaces(str(cell))


def filled(cells: Sequence[object]) -> int:
    return sum(1 for cell in cells if cell_text(cell))


@dataclass
class Layout:
    """Which column each source position holds (a column key, SKIP or BLANK)."""

    slots: list[str]
    header_row: int | None = None
    titles: dict[str, str] = field(default_factory=dict)
    # The label column's header names a total («Всего обращений»): its first unlabelled row is the total.
    label_is_total: bool = False
    # The skipped numbering columns («№ п/п», or unnamed «1.», «1.1.»): their numbers still outline the rows.
    numbering: list[int] = field(default_factory=list)


def is_number(text: str, kind: str = "signed") -> bool:
    try:
        return parse_value(text, kind=kind if kind != "integer" else "signed") is not None
    except ValueError:
        return bool(COMPOUND_RE.match(text))


def holds_numbers(rows: Sequence[SourceRow], position: int, kind: str) -> bool:
    """Whether the column at ``position`` holds numbers in the rows below the header (some, and no words)."""
    texts = [cell_text(cells[position]) for _, cells in rows if position < len(cells) and cell_text(cells[position])]
    numbers = [text for text in texts if is_number(text, kind)]
    return bool(numbers) and len(numbers) >= len(texts) - len(numbers)


def holds_any_number(texts: Sequence[str]) -> bool:
    """Whether any of the texts is a number (a bare year such as «2024» is not counted: it may be a header)."""
    return any(is_number(text) and not BARE_YEAR_RE.match(header_key(text)) for text in texts if text)


def words_header(cells: Sequence[object], following: Sequence[SourceRow]) -> bool:
    """A row of words only (two cells at least, the first a word, no number) above a row that holds numbers."""
    texts = [cell_text(cell) for cell in cells]
    filled_texts = [text for text in texts if text]
    if len(filled_texts) < 2 or not any(char.isalpha() for char in filled_texts[0]):
        return False
    if holds_any_number(filled_texts):
        return False
    below = next((cells for _, cells in following if filled(cells) >= 2), None)
    return below is not None and any(is_number(cell_text(cell)) for cell in below[1:])


def filled_width(cells: Sequence[object]) -> int:
    """The number of cells up to the last filled one."""
    return max((position + 1 for position, cell in enumerate(cells) if cell_text(cell)), default=0)


def one_cell_more(header: Sequence[object], row: Sequence[object]) -> bool:
    """Whether ``row`` has one filled cell more than ``header``, a text label first, i.e. the header lacks a label."""
    first = cell_text(row[0]) if row else ""
    return filled_width(row) == filled_width(header) + 1 and any(char.isalpha() for char in first)


def is_metadata(cells: Sequence[object]) -> bool:
    return bool(cells) and header_key(cell_text(cells[0])) in METADATA_KEYS and filled(cells) <= 2
