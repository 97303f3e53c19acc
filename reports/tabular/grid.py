"""From a grid of cells (pasted text, CSV or a sheet) to typed rows: header, totals, «в т.ч.» rows, errors.

The rules (they are the editor's documentation too, see reports/tabular/__init__.py):

- Blank rows are ignored. Leading metadata lines written by reports.opendata («Отчёт», «Таблица», «Период»,
  «Источник», «Адрес») are skipped, and so are caption rows (one filled cell) directly above a header row.
- A header over two rows (merged cells: «Количество обращений» over «2024 г.» and «2023 г.») is one header: the
  second row's period and column names replace the cells above them (see ``HeaderRules._merge_header_rows``).
- A row numbering the columns right under the header («1 | 2 | 3», «А | 1 | 2»: official forms) is dropped.
- The first remaining row is a header when one of its cells names a column (title or alias, case-insensitive),
  is a running-number header («№», «№ п/п»), when two of its cells name periods («1 полугодие 2020 года»), or
  when it holds only words (at least two cells, no number) and the next row holds numbers.
  Columns are then mapped by header, in any order:
  - a running-number column and the columns the portal computes itself (DERIVED_COLUMNS) are skipped, and so
    is a column without a header whose cells are all running numbers («1.», «1.1.»);
  - the label column is the one named so, else the first text column, whatever its header says («Источник
    поступления», «Вопросы обращений», «Вид обращения», «Всего обращений», an empty cell …); a header
    without it that is one cell shorter than the first data row (which starts with text) lost an empty first
    cell, and the label column is put back in front;
  - two period headers fill «current» and «previous»: the later year is the current period; without years,
    the first one is; the headers are kept as the source's titles («2022 г.», «1 полугодие 2021 года»);
  - the remaining columns with other headers take the number columns not named yet, left to right in their
    declared order (count then share; current, previous, then +/-), when their cells hold numbers;
  - headers still unplaced, a column named twice and missing required columns are errors.
- Without a header the columns are positional: the required columns in declared order, then the optional
  columns that are not flags. Flag columns («В том числе») can only be given by header.
- A lone dash («-», «—», «−») in a required count is 0 («none» in statistical forms); in an optional column
  (a typed share or +/-) it is an empty cell.
- A row may leave out trailing optional cells; a row without a required cell or with extra filled cells is an
  error. A row with a label and no number at all is a heading: «в том числе:» / «из них:» alone are skipped,
  and so are headings above the first data row (a caption such as «По видам обращения:»); a heading between
  data rows (a second section such as «Поступило от:») is an error: split the table.
- The total row is the one whose label is «Итого», «Всего», «Общее количество», «Всего обращений»,
  «Количество обращений, всего» … (starts with итого/всего/общее количество, or ends with «, всего»), or the
  first row without a label when the label column's header is such a name («Всего обращений» above the
  figures). It may be the first or the last row, never in between and never twice; it is not a data row (so
  never added to itself) and its filled number cells are returned as ``typed_total`` to be checked.
  A row «Итого (вычислено)» (the computed total of a file exported by the portal) is skipped.
- A row is a part of the previous full row when its «В том числе» cell says so, its label starts with
  «в т.ч.», «в том числе», «из них» or a list marker («- », «– », «— », «• », or one right before a letter:
  «-письменных») (the prefix is removed from the label), or its label (or its cell in a numbering column)
  is numbered «2.1» under a row numbered «2.», or, in a table with a numbering column, it has no number at all
  under a numbered row («Доложено руководству» under «2. Количество письменных обращений»). A row whose name
  spans the numbering column (one cell fewer) is realigned. Rows with a list marker and no row above them to
  belong to (a list: «- экономика», «- социальная сфера») are plain rows, the marker removed.
- A percentage column against the previous period holding ratios (current / previous × 100, not the change)
  is refused (``reports.tabular.ratio``).
- A cell holding two numbers separated by «/» («412/2 380»: a month and the half-year) is refused with a
  message per cell, unless the caller chose a reading: ``compound="first"`` or ``"second"`` takes that number
  (a cell with one number is read as it is).
"""

from __future__ import annotations

from collections.abc import Sequence

from home.textformat import counted

from .cells import (
    BLANK,
    BULLETS,
    COMPOUND_MODES,
    COMPOUND_RE,
    COMPUTED_TOTAL_RE,
    CONNECTOR_RE,
    INJECTION_GUARD_RE,
    NUMBERING_KEYS,
    NUMBERING_RE,
    PART_RE,
    SKIP,
    SUBNUMBER_RE,
    TOP_NUMBER_RE,
    TOTAL_RE,
    Layout,
    SourceRow,
    cell_text,
    filled,
)
from .columns import (
    DERIVED_COLUMNS,
    MAX_COLUMNS,
    MAX_ROWS,
    CellError,
    Column,
    ParsedTable,
    TableImportError,
    header_key,
)
from .header import HeaderRules
from .numbers import EXPECTED, parse_value, quote
from .ratio import ratio_column_error

# Importers read the rows through this module: the cell helpers they use stay importable from here.
__all__ = ["Layout", "SourceRow", "TableBuilder", "build_table", "cell_text", "counted", "filled"]


class TableBuilder(HeaderRules):
    """Turns source rows into a ParsedTable, collecting every error (all or nothing)."""

    # -- public ---------------------------------------------------------------------------------------------

    def __init__(self, columns: Sequence[Column], *, compound: str = "refuse") -> None:
        keys = [column.key for column in columns]
        if len(set(keys)) != len(keys) or not columns:
            raise ValueError("columns must be a non-empty sequence with unique keys")
        if compound not in COMPOUND_MODES:
            raise ValueError(f"compound must be one of {COMPOUND_MODES}")
        self.compound = compound
        self.columns = tuple(columns)
        self.by_key = {column.key: column for column in self.columns}
        self.label = next((column for column in self.columns if column.kind == "text"), None)
        part = self.by_key.get("is_part")
        self.part_key = part.key if part is not None and part.kind == "flag" else None
        self.header_index: dict[str, str] = {}
        for column in reversed(self.columns):  # the first declared column wins a shared spelling
            self.header_index.update(dict.fromkeys(column.header_keys, column.key))
        self.skipped_headers = NUMBERING_KEYS.union(*(column.header_keys for column in DERIVED_COLUMNS))
        self.errors: list[CellError] = []
        self.overwide: set[int] = set()
        # Rows that are parts only because their label starts with a list marker («- », «– », «• »).
        self.bulleted: set[int] = set()

    def build(self, source_rows: Sequence[SourceRow]) -> ParsedTable:
        rows = self._skip_preamble([self._limit_width(number, cells) for number, cells in source_rows if filled(cells)])
        rows = self._drop_column_numbers(self._merge_header_rows(rows))
        if not rows:
            raise TableImportError([*self.errors, CellError(0, "", "таблица пуста: нет ни одной строки с данными")])
        layout = self._header_layout(rows[0], rows[1:])
        if layout is None:
            layout = Layout(slots=[c.key for c in self.columns if c.required or (c.kind != "flag" and c.positional)])
            self._check_running_numbers(rows[0], layout)
        else:
            rows = rows[1:]
            if not rows:
                message = "таблица пуста: есть только строка заголовков, нет строк с данными"
                raise TableImportError([*self.errors, CellError(layout.header_row or 0, "", message)])
        self._skip_numbering_columns(rows, layout)
        rows = self._realign_unnumbered(rows, layout)
        self.forced_total = self._label_total_row(rows, layout)
        rows = self._drop_headings(rows, layout)
        data_rows = sum(1 for number, cells in rows if not self._is_total(cells, layout, number=number))
        if data_rows > MAX_ROWS:
            shown = counted(data_rows, "строка", "строки", "строк")
            message = f"в таблице {shown} с данными, а можно не больше {MAX_ROWS}"
            raise TableImportError.single(message)
        if not data_rows:
            self.errors.append(CellError(0, "", "таблица пуста: есть только строка итога, нет строк с данными"))
        table = self._rows(rows, layout)
        if self.errors:
            raise TableImportError(self.errors)
        return table

    def _limit_width(self, number: int, cells: Sequence[object]) -> SourceRow:
        if len(cells) > MAX_COLUMNS and filled(cells[MAX_COLUMNS:]):
            shown = counted(len(cells), "ячейка", "ячейки", "ячеек")
            self.errors.append(
                CellError(number, "", f"в строке {shown}, а столбцов может быть не больше {MAX_COLUMNS}")
            )
            self.overwide.add(number)
        return number, list(cells[:MAX_COLUMNS])

    # -- headings and the total row (the header rules are in reports.tabular.header) -------------------------

    def _number_cells(self, cells: Sequence[object], layout: Layout) -> list[str]:
        keys = {key for key in layout.slots if key in self.by_key and self.by_key[key].kind not in ("text", "flag")}
        return [cell_text(cell) for slot, cell in zip(layout.slots, cells, strict=False) if slot in keys]

    def _drop_headings(self, rows: list[SourceRow], layout: Layout) -> list[SourceRow]:
        """Skip «в том числе:» rows, headings above the first data row and computed total rows of our exports."""
        kept: list[SourceRow] = []
        pending: list[SourceRow] = []
        seen_data = False
        for row in rows:
            number, cells = row
            label = self._label_of(cells, layout)
            if any(COMPUTED_TOTAL_RE.match(text) for text in self._label_text(cells, layout)):
                continue
            numbers = any(self._number_cells(cells, layout))
            if not numbers and label and not TOTAL_RE.match(label) and not self._extra_cells(cells, layout):
                if CONNECTOR_RE.match(label):
                    continue
                if not seen_data:
                    pending.append(row)
                    continue
            if numbers and not (label and TOTAL_RE.match(label)) and number != self.forced_total:
                seen_data = True
            kept.append(row)
        if not seen_data:  # headings and nothing else: let the row checks name them
            return sorted([*kept, *pending], key=lambda row: row[0])
        return kept

    def _extra_cells(self, cells: Sequence[object], layout: Layout) -> bool:
        return any(cell_text(cell) for cell in cells[len(layout.slots) :]) or any(
            cell_text(cell) for slot, cell in zip(layout.slots, cells, strict=False) if slot == BLANK
        )

    def _label_total_row(self, rows: Sequence[SourceRow], layout: Layout) -> int | None:
        """The row number of the total when the label header names it and the first row has no label."""
        if not layout.label_is_total or not rows:
            return None
        number, cells = rows[0]
        if not any(self._label_text(cells, layout)) and any(self._number_cells(cells, layout)):
            return number
        return None

    # -- rows -----------------------------------------------------------------------------------------------

    def _label_text(self, cells: Sequence[object], layout: Layout) -> list[str]:
        texts = []
        for position, slot in enumerate(layout.slots[: len(cells)]):
            if slot == SKIP or (self.label is not None and slot == self.label.key):
                texts.append(cell_text(cells[position]))
        return texts

    def _title(self, column: Column, layout: Layout) -> str:
        """The column as the source names it when that is not one of our names («2021», «2022 г.»)."""
        title = layout.titles.get(column.key, "")
        return title if title and header_key(title) not in self.header_index else column.title

    def _label_of(self, cells: Sequence[object], layout: Layout) -> str:
        """The text of the label column of a row ("" without one)."""
        if self.label is None or self.label.key not in layout.slots:
            return ""
        position = layout.slots.index(self.label.key)
        return cell_text(cells[position]) if position < len(cells) else ""

    def _is_total(self, cells: Sequence[object], layout: Layout, *, number: int | None = None) -> bool:
        if number is not None and number == getattr(self, "forced_total", None):
            return True
        return any(TOTAL_RE.match(text) for text in self._label_text(cells, layout))

    def _rows(self, rows: list[SourceRow], layout: Layout) -> ParsedTable:
        result: list[dict[str, object]] = []
        total: dict[str, object] | None = None
        total_row: int | None = None
        total_misplaced = False
        has_parent = False
        parent_is_item = False  # the row above is a list item: bulleted rows under it are items too
        parent_number: str | None = None
        numbered: list[tuple[int, dict[str, object]]] = []
        total_values: dict[str, object] | None = None
        for index, (number, cells) in enumerate(rows):
            is_total = self._is_total(cells, layout, number=number)
            if is_total and total_row is not None:
                message = f"вторая строка итога (первая — строка {total_row}); оставьте одну"
                self.errors.append(CellError(number, "", message))
                continue
            if is_total and 0 < index < len(rows) - 1 and not total_misplaced:
                message = "строка итога должна быть первой или последней, а она стоит между строками таблицы"
                self.errors.append(CellError(number, "", message))
                total_misplaced = True
            if number in self.overwide or not self._check_shape(number, cells, layout, is_total=is_total):
                continue
            values = self._values(number, cells, layout, is_total=is_total)
            if is_total:
                total_row, total_values = number, values
                total = {
                    key: value
                    for key, value in values.items()
                    if self.by_key[key].kind not in ("text", "flag") and value is not None and key in layout.slots
                }
                continue
            label = values.get(self.label.key) if self.label is not None else None
            outline = self._outline(cells, layout, label)
            if self._is_line_of_numbered(cells, layout, label, outline, parent_number):
                values[self.part_key] = True
            is_part = self.part_key is not None and values[self.part_key]
            if is_part and not has_parent and total_values is not None and not result and number not in self.bulleted:
                # «Поступило обращений, всего | 395» on top with «в том числе …» rows under it: that row is their
                # parent (a row of the table, and still the typed total), not a total row they have no place under.
                parent = {**total_values, self.part_key: False}
                result.append(parent)
                numbered.append((total_row or number, parent))
                has_parent, parent_is_item, parent_number = True, False, None
            if is_part and number in self.bulleted and (not has_parent or parent_is_item):
                # A list item («- экономика») with no row above to belong to: a row of the table.
                values[self.part_key] = False
                has_parent, parent_is_item, parent_number = True, True, None
            elif is_part and not has_parent:
                title = self.label.title if self.label is not None else ""
                message = "строка «в т.ч.» стоит первой: нет строки выше, частью которой она была бы"
                self.errors.append(CellError(number, title, message))
            elif not is_part:
                has_parent, parent_is_item = True, False
                top = TOP_NUMBER_RE.match(outline)
                parent_number = top.group(1) if top else None
            result.append(values)
            numbered.append((number, values))
        self._check_ratio(numbered, total, total_row, layout)
        return ParsedTable(rows=result, typed_total=total, source_titles=dict(layout.titles))

    def _is_line_of_numbered(self, cells, layout: Layout, label, outline: str, parent_number: str | None) -> bool:
        """Whether a row is a line of the numbered row above it: «2.1» under «2», or, in a form numbering its rows
        («2. Количество письменных обращений»), a row without a number under a numbered one («Доложено
        руководству», its name spanning the numbering column): a line of it, not a further item to add to the
        total (it was counted twice)."""
        if self.part_key is None or parent_number is None:
            return False
        sub = SUBNUMBER_RE.match(outline)
        if sub and parent_number == sub.group(1):
            return True
        return bool(self._unnumbered(cells, layout, label))

    def _check_ratio(self, numbered: list, total: dict | None, total_row: int | None, layout: Layout) -> None:
        if "typed_change" not in layout.slots or not {"current", "previous"} <= set(self.by_key):
            return
        rows = [*numbered, *([(total_row, total)] if total is not None and total_row is not None else [])]
        title = layout.titles.get("typed_change") or self.by_key["typed_change"].title  # the source's own header
        error = ratio_column_error(rows, title=title)
        if error is not None:
            self.errors.append(error)

    @staticmethod
    def _unnumbered(cells: Sequence[object], layout: Layout, label: object) -> bool:
        """Whether a row of a table with a numbering column has no number, in that column or before its name."""
        if not layout.numbering or (isinstance(label, str) and label[:1].isdigit()):
            return False
        return not any(position < len(cells) and cell_text(cells[position]) for position in layout.numbering)

    @staticmethod
    def _outline(cells: Sequence[object], layout: Layout, label: object) -> str:
        """The row's outline number followed by a space («2. », «2.1. »): from a numbering column, else the label.

        A «2.1» row under a «2.» row is its part whether the numbers precede the names or have their own column.
        """
        for position in layout.numbering:
            text = cell_text(cells[position]) if position < len(cells) else ""
            if NUMBERING_RE.match(text):
                return f"{text.rstrip('.')}. "
        return label if isinstance(label, str) else ""

    def _check_shape(self, number: int, cells: list[object], layout: Layout, *, is_total: bool) -> bool:
        """Report a row whose cells do not fit the columns (as one whole-row error); True when it fits."""
        width = len(layout.slots)
        cells_text = counted(len(cells), "ячейка", "ячейки", "ячеек")
        extra = [quote(cell_text(cell)) for cell in cells[width:] if cell_text(cell)]
        if extra:
            message = f"в строке {cells_text}, а столбцов {width}: лишние значения {', '.join(extra)}"
            self.errors.append(CellError(number, "", message))
            return False
        present = list(zip(layout.slots, cells, strict=False))
        for position, (slot, cell) in enumerate(present):
            if slot == BLANK and cell_text(cell):
                message = f"значение {quote(cell_text(cell))} в столбце {position + 1}, у которого нет заголовка"
                self.errors.append(CellError(number, "", message))
                return False
        numbers = {key for key in layout.slots if key in self.by_key and self.by_key[key].kind not in ("text", "flag")}
        if not is_total and numbers and not any(cell_text(cell) for slot, cell in present if slot in numbers):
            # The name as the row shows it: a name spanning the numbering column sits in that column.
            named = [text for text in self._label_text(cells, layout) if text]
            label = (named or [text for cell in cells if (text := cell_text(cell))] or [""])[-1]
            message = (
                f"в строке {quote(label)} нет ни одного числа; если это заголовок раздела, удалите строку "
                "или разделите таблицу на две; если значений нет, впишите 0"
            )
            self.errors.append(CellError(number, "", message))
            return False
        missing = [self.by_key[slot] for slot in layout.slots[len(cells) :] if slot in self.by_key]
        required = [column.title for column in missing if column.required]
        if required and not is_total:
            names = ", ".join(f"«{title}»" for title in required)
            message = f"в строке {cells_text}, а столбцов {width}: нет значений для {names}"
            self.errors.append(CellError(number, "", message))
            return False
        return True

    def _values(self, number: int, cells: list[object], layout: Layout, *, is_total: bool) -> dict[str, object]:
        raw: dict[str, object] = {}
        for position, slot in enumerate(layout.slots[: len(cells)]):
            if slot in self.by_key:
                raw[slot] = cells[position]
        values: dict[str, object] = {}
        failed: set[str] = set()
        for column in self.columns:
            cell = raw.get(column.key)
            if column.kind == "text" and isinstance(cell, str):
                cell = INJECTION_GUARD_RE.sub("", cell.strip())
            compound = (
                COMPOUND_RE.match(cell) if column.kind in ("integer", "signed") and isinstance(cell, str) else None
            )
            if compound and self.compound == "refuse":
                message = (
                    f"{quote(cell_text(cell))} — два числа через «/» (например, за месяц и с начала года); "
                    "выберите в поле «Ячейки с двумя числами», какое число брать, или импортируйте обе таблицы"
                )
                self.errors.append(CellError(number, self._title(column, layout), message))
                failed.add(column.key)
                values[column.key] = None
                continue
            if compound:
                cell = compound.group(1 if self.compound == "first" else 2)
            try:
                value = parse_value(cell, kind=column.kind)
            except ValueError as exc:
                self.errors.append(CellError(number, self._title(column, layout), str(exc)))
                failed.add(column.key)
                value = None
            values[column.key] = value
        if is_total:
            return values
        if self.label is not None and self.part_key is not None and isinstance(values[self.label.key], str):
            match = PART_RE.match(values[self.label.key])
            if match:
                if match.group()[:1] in BULLETS and not values[self.part_key]:
                    self.bulleted.add(number)
                values[self.label.key] = values[self.label.key][match.end() :].strip() or None
                values[self.part_key] = True
                if values[self.label.key] is None:
                    message = f"после {quote(match.group().strip())} нет названия строки"
                    self.errors.append(CellError(number, self.label.title, message))
                    return values
        for column in self.columns:
            if column.required and values[column.key] is None and column.key not in failed and column.key in raw:
                text = cell_text(raw.get(column.key))
                if text and column.kind == "integer":
                    values[column.key] = 0  # a lone dash in a count: «явление отсутствует», as statistics print it
                    continue
                if column.kind == "text":
                    message = "пустая ячейка; нужно название строки"
                else:
                    problem = f"{quote(text)} — прочерк вместо числа" if text else "пустая ячейка"
                    message = f"{problem}; {EXPECTED[column.kind]}; если значение равно нулю, впишите 0"
                self.errors.append(CellError(number, self._title(column, layout), message))
        return values


def build_table(
    source_rows: Sequence[SourceRow], columns: Sequence[Column], *, compound: str = "refuse"
) -> ParsedTable:
    """Type the rows of a grid (``(row number, cells)`` pairs) by ``columns``; raise TableImportError on any error."""
    return TableBuilder(columns, compound=compound).build(source_rows)
