"""Column declarations, import errors, the parse result and the standard column sets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "integer", "signed", "percent", "flag"]
KINDS: frozenset[str] = frozenset({"text", "integer", "signed", "percent", "flag"})

#: At most this many data rows (the header, metadata and the total row are not counted).
MAX_ROWS = 500
#: Pasted text larger than this (UTF-8 bytes) is refused.
MAX_TEXT_BYTES = 200 * 1024
#: Uploaded files larger than this are refused.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: The most cells a row may have (an Excel sheet is read up to this column).
MAX_COLUMNS = 30
#: The largest absolute value a number cell may hold.
MAX_ABS_VALUE = 10**9
#: The longest text a label cell may hold.
MAX_TEXT_LENGTH = 1000


@dataclass(frozen=True)
class Column:
    """One column of a table: its key in the parsed rows, its Russian header and the kind of its values."""

    key: str
    title: str
    kind: Kind
    required: bool = True
    aliases: tuple[str, ...] = ()
    # Whether a column whose header is not a known name may be taken for this one by its position.
    positional: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}")

    @property
    def header_keys(self) -> frozenset[str]:
        """The normalized spellings of the header that name this column."""
        return frozenset(header_key(text) for text in (self.title, *self.aliases))


@dataclass(frozen=True)
class CellError:
    """One problem of the imported table, addressed the way the editor sees the source.

    ``row`` is the 1-based line (text) or sheet row (xlsx) or item of ``rows`` (JSON); 0 means the whole table.
    ``column`` is the column's Russian title, or "" when the whole row (or table) is at fault.
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row <= 0:
            return self.message[:1].upper() + self.message[1:]
        if self.column:
            return f"Строка {self.row}, «{self.column}»: {self.message}"
        return f"Строка {self.row}: {self.message}"


class TableImportError(ValueError):
    """The table cannot be imported; ``errors`` holds every problem found, in source order."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        if not errors:
            raise ValueError("TableImportError needs at least one error")
        self.errors: list[CellError] = sorted(errors, key=lambda error: error.row)
        super().__init__("\n".join(str(error) for error in self.errors))

    @classmethod
    def single(cls, message: str, *, row: int = 0, column: str = "") -> TableImportError:
        return cls([CellError(row=row, column=column, message=message)])


@dataclass(frozen=True)
class ParsedTable:
    """The imported rows, the total row typed in the source (if any) and what the source called the columns.

    ``typed_total`` maps the keys of the number columns filled in the source's total row
    («Итого», «Всего») to their typed values; it is None when the source has no total row.
    ``source_titles`` maps each column key found in the source header to the header text as typed
    (e.g. ``{"current": "1 полугодие 2020 года"}``); it is empty when the source had no header.
    """

    rows: list[dict[str, object]]
    typed_total: dict[str, object] | None = None
    source_titles: dict[str, str] = field(default_factory=dict)


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SPACE_RE = re.compile(r"\s+")


def header_key(text: str) -> str:
    """Normalize a header for matching: case, «ё», dashes, spaces and trailing punctuation do not matter."""
    key = text.casefold().replace("ё", "е")
    for dash in _DASHES:
        key = key.replace(dash, "-")
    key = _SPACE_RE.sub("", key)
    return key.rstrip(":.")


def describe_columns(columns: Sequence[Column]) -> str:
    return ", ".join(f"«{column.title}»" for column in columns)


LABEL_ALIASES = ("Наименование", "Показатель", "Категория", "Тема", "Вопрос", "Название", "Тематика")

CATEGORY_COLUMNS: tuple[Column, ...] = (
    Column("label", "Категория", "text", aliases=LABEL_ALIASES),
    Column(
        "count",
        "Количество",
        "integer",
        aliases=("Кол-во", "Кол.", "Число", "Число обращений", "Количество обращений", "Количество сообщений"),
    ),
    Column("is_part", "В том числе", "flag", required=False, aliases=("в т.ч.", "в т. ч.", "Часть")),
    Column(
        "share",
        "Доля, %",
        "percent",
        required=False,
        aliases=(
            "Доля",
            "%",
            "Доля %",
            "Доля (%)",
            "Процент",
            "Удельный вес",
            "Удельный вес, %",
            "Доля в исходном документе, %",
        ),
    ),
)

#: The headers of a typed change in % («Изменение, %», «%», «Темп роста/прироста, %», «+/- %»).
CHANGE_PERCENT_ALIASES = (
    "Изменение, %",
    "Изменение %",
    "Изменение (%)",
    "Изменение в %",
    "Изменение, в %",
    "%",
    "+/- %",
    "+/-, %",
    "+/- в %",
    "+/- (%)",
    "± %",
    "±, %",
    "Темп роста/прироста, %",
    "Темп роста/прироста",
    "Темп прироста, %",
    "Темп прироста",
    "Прирост, %",
    "Динамика, %",
    "Отклонение, %",
    "Процент изменения",
)

COMPARISON_COLUMNS: tuple[Column, ...] = (
    Column("label", "Показатель", "text", aliases=LABEL_ALIASES),
    Column("current", "Текущий период", "integer", aliases=("Отчётный период", "Текущий")),
    Column("previous", "Предыдущий период", "integer", aliases=("Прошлый период", "Предыдущий", "Прошлый год")),
    Column(
        "difference",
        "+/-",
        "signed",
        required=False,
        aliases=("±", "+-", "+ / -", "Разница", "Изменение", "Отклонение", "Динамика", "+/- в исходном документе"),
    ),
    Column("is_part", "В том числе", "flag", required=False, aliases=("в т.ч.", "в т. ч.", "Часть")),
    # The change in % as the source printed it (each row's and the total's): checked against the computed one.
    Column(
        "typed_change",
        "Изменение, % в исходном документе",
        "percent",
        required=False,
        aliases=CHANGE_PERCENT_ALIASES,
        positional=False,
    ),
)

#: Columns the portal computes and publishes next to the typed ones. A header naming one of them that is
#: not among the columns being imported is skipped (so a file exported by the portal imports back);
#: use these declarations when exporting computed columns.
CHANGE_PERCENT_COLUMN = Column("change_percent", "Изменение, %", "percent", required=False, aliases=("Изменение %",))
SHARE_COLUMN = CATEGORY_COLUMNS[3]
DIFFERENCE_COLUMN = COMPARISON_COLUMNS[3]

#: What the portal's exports write: the computed figures in columns marked «(вычислено)», which the importer
#: always skips, and the figures typed as in the source under their own titles, which it reads back. So a
#: downloaded table imports back with the same raw numbers, the same typed figures and the same warnings.
SHARE_COMPUTED_COLUMN = Column("share_computed", "Доля, % (вычислено)", "percent", required=False)
DIFFERENCE_COMPUTED_COLUMN = Column("difference_computed", "Разница (вычислено)", "signed", required=False)
CHANGE_COMPUTED_COLUMN = Column("change_percent_computed", "Изменение, % (вычислено)", "percent", required=False)
SHARE_TYPED_COLUMN = Column("share", "Доля в исходном документе, %", "percent", required=False)
DIFFERENCE_TYPED_COLUMN = Column("difference", "+/- в исходном документе", "signed", required=False)
CHANGE_TYPED_COLUMN = COMPARISON_COLUMNS[5]
COMPUTED_COLUMNS: tuple[Column, ...] = (SHARE_COMPUTED_COLUMN, DIFFERENCE_COMPUTED_COLUMN, CHANGE_COMPUTED_COLUMN)
DERIVED_COLUMNS: tuple[Column, ...] = (SHARE_COLUMN, DIFFERENCE_COLUMN, CHANGE_PERCENT_COLUMN, *COMPUTED_COLUMNS)


def is_standard_title(title: str) -> bool:
    """Whether a header is one of the portal's own column names (not worth keeping as the source's title)."""
    key = header_key(title)
    return any(key in column.header_keys for column in (*CATEGORY_COLUMNS, *COMPARISON_COLUMNS, *DERIVED_COLUMNS))


#: The labels of the metadata lines that reports.opendata writes above a table.
METADATA_LABELS: tuple[str, ...] = ("Отчёт", "Таблица", "Период", "Источник", "Адрес")
