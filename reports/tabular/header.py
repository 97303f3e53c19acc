"""The header rules of the table builder: where the table starts, which row is the header, which column is which.

See the rules in ``reports.tabular.grid``. ``HeaderRules`` is a part of ``TableBuilder``: it reads the builder's
columns and adds its errors to the builder's list, so a bad header and bad rows are reported together.
"""

from __future__ import annotations

from collections.abc import Sequence

from .cells import (
    BARE_YEAR_RE,
    BLANK,
    COLUMN_LETTER_RE,
    NUMBERING_KEYS,
    NUMBERING_RE,
    PERIOD_KEYS,
    RATIO_HEADER_RE,
    RUNNING_NUMBER_RE,
    SKIP,
    TOTAL_RE,
    UNKNOWN,
    YEAR_RE,
    Layout,
    SourceRow,
    cell_text,
    filled,
    holds_any_number,
    holds_numbers,
    is_metadata,
    one_cell_more,
    words_header,
)
from .columns import CellError, Column, TableImportError, describe_columns, header_key
from .numbers import quote


class HeaderRules:
    """Finds the header and maps the source positions to columns (the builder sets the attributes below)."""

    columns: tuple[Column, ...]
    by_key: dict[str, Column]
    label: Column | None
    header_index: dict[str, str]
    skipped_headers: frozenset[str]
    errors: list[CellError]

    def _skip_preamble(self, rows: list[SourceRow]) -> list[SourceRow]:
        start = 0
        while start < len(rows) and is_metadata(rows[start][1]):
            start += 1
        end = start
        while end < len(rows) and end - start < 5 and filled(rows[end][1]) == 1:
            end += 1
        if end > start and end < len(rows) and self._classify_header(rows[end][1], rows[end + 1 :])[0]:
            start = end
        return rows[start:]

    def _merge_header_rows(self, rows: list[SourceRow]) -> list[SourceRow]:
        """A header over two rows (merged cells in Word or Excel) becomes one row; an ambiguous one is refused.

        The second row continues the header when its first cell is empty, it holds no numbers and it puts a name
        under an empty cell of the first row («Количество обращений» spanning «2024 г.» and «2023 г.»). Its names
        replace the first row's cells above them; the first row's other cells stay. When the second row's names
        are not all periods or column names, which column is which cannot be told: one message says so.
        """
        if len(rows) < 3:
            return rows
        (number, top), (below_number, below) = rows[0], rows[1]
        top_texts = [cell_text(cell) for cell in top]
        below_texts = [cell_text(cell) for cell in below]
        names = [position for position, text in enumerate(below_texts) if text]
        if not names or below_texts[0] or not any(top_texts) or holds_any_number(below_texts):
            return rows
        if not any(position >= len(top_texts) or not top_texts[position] for position in names):
            return rows
        if any(self._classify(below_texts[position])[0] not in ("period", "year", "column") for position in names):
            message = (
                f"заголовок таблицы занимает две строки ({number} и {below_number}), и по ним не понять, какой "
                "столбец какой: объедините их в одну строку — над каждым столбцом одно название, например "
                "«Тематика», «2024 г.», «2023 г.», «+/-»"
            )
            raise TableImportError([*self.errors, CellError(number, "", message)])
        width = max(len(top_texts), len(below_texts))
        merged: list[object] = [
            (below_texts[p] if p < len(below_texts) else "") or (top_texts[p] if p < len(top_texts) else "")
            for p in range(width)
        ]
        return [(number, merged), *rows[2:]]

    def _drop_column_numbers(self, rows: list[SourceRow]) -> list[SourceRow]:
        """The row numbering the columns under the header («1 | 2 | 3 | 4», «А | 1 | 2») of official forms is
        not data: it is dropped (read as a row, it was a row «1» or «2» added to the totals)."""
        if len(rows) < 2 or not any(char.isalpha() for cell in rows[0][1] for char in cell_text(cell)):
            return rows
        texts = [text for text in (cell_text(cell) for cell in rows[1][1]) if text]
        while texts and COLUMN_LETTER_RE.match(texts[0]):
            texts.pop(0)
        numbers = [text.rstrip(".") for text in texts]
        if len(numbers) < 2 or not all(text.isdigit() for text in numbers):
            return rows
        if [int(text) for text in numbers] != list(range(1, len(numbers) + 1)):
            return rows
        return [rows[0], *rows[2:]]

    def _classify(self, text: str) -> tuple[str, str]:
        key = header_key(text)
        if not key:
            return "blank", ""
        if key in self.header_index:
            return "column", self.header_index[key]
        if key in self.skipped_headers:
            return "skip", ""
        if "typed_change" in self.by_key and RATIO_HEADER_RE.search(key):
            # «Отчетный период к предыдущему в %», «% к АППГ», «Темп роста, %»: a percentage against the
            # previous period; the builder checks whether its figures are a change or a ratio.
            return "column", "typed_change"
        if YEAR_RE.search(text) and any(char.isalpha() for char in text):
            return "period", ""
        if BARE_YEAR_RE.match(key):
            return "year", ""
        return "unknown", ""

    def _classify_header(
        self, cells: Sequence[object], following: Sequence[SourceRow] = ()
    ) -> tuple[bool, list[tuple[str, str]]]:
        kinds = [self._classify(cell_text(cell)) for cell in cells]
        named = any(kind in ("column", "skip") for kind, _ in kinds)
        periods = sum(1 for kind, _ in kinds if kind == "period")
        return named or periods >= 2 or words_header(cells, following), kinds

    def _header_layout(self, row: SourceRow, following: Sequence[SourceRow]) -> Layout | None:
        number, cells = row
        # The first row with figures: a caption line («7. Тематика вопросов:») may stand between it and the header.
        first_data = next(
            (data for _, data in following if holds_any_number([cell_text(cell) for cell in data])),
            following[0][1] if following else [],
        )
        is_header, kinds = self._classify_header(cells, following)
        if not is_header:
            return None
        labelled = self.label is not None and (("column", self.label.key) in kinds)
        if self.label is not None and not labelled and one_cell_more(cells, first_data):
            # The empty first header cell above the names was lost (the admin strips the pasted text, or the copy
            # began at the first heading): put it back, so that no period heading is taken for the names.
            cells, kinds = ["", *cells], [("blank", ""), *kinds]
        layout = Layout(slots=[BLANK] * len(cells), header_row=number)
        periods: list[int] = []
        seen: dict[str, int] = {}
        for position, (kind, key) in enumerate(kinds):
            text = cell_text(cells[position])
            if kind == "column":
                if key in seen:
                    message = f"столбец указан в заголовке дважды (столбцы {seen[key] + 1} и {position + 1})"
                    self.errors.append(CellError(number, self.by_key[key].title, message))
                    layout.slots[position] = UNKNOWN
                    continue
                seen[key] = position
                layout.slots[position] = key
                layout.titles[key] = text
            elif kind == "skip":
                layout.slots[position] = SKIP
                if header_key(text) in NUMBERING_KEYS:
                    layout.numbering.append(position)
            elif kind in ("period", "year"):
                periods.append(position)
        self._assign_periods(layout, cells, periods, seen)
        free = [
            position
            for position, (kind, _) in enumerate(kinds)
            if layout.slots[position] == BLANK and kind in ("unknown", "period", "year", "blank")
        ]
        self._place_label(layout, cells, kinds, free, seen)
        self._place_numbers(layout, cells, kinds, free, seen, following)
        for position in free:
            if kinds[position][0] != "blank" and layout.slots[position] == BLANK:
                self._unknown_header(number, cells[position])
                layout.slots[position] = UNKNOWN
        found = ", ".join(quote(cell_text(cell)) for cell in cells if cell_text(cell))
        for column in self.columns:
            if column.required and column.key not in seen:
                message = f"в заголовке нет обязательного столбца «{column.title}»; найдены столбцы: {found}"
                self.errors.append(CellError(number, column.title, message))
        return layout

    def _assign_periods(
        self, layout: Layout, cells: Sequence[object], periods: list[int], seen: dict[str, int]
    ) -> None:
        free = [key for key in PERIOD_KEYS if key in self.by_key and key not in seen]
        if not periods or len(periods) != len(free):
            return
        ordered = list(periods)
        if len(ordered) == 2:
            years = [max(map(int, YEAR_RE.findall(cell_text(cells[position]))), default=0) for position in ordered]
            if years[0] and years[1] and years[0] < years[1]:
                ordered.reverse()
        for key, position in zip(free, ordered, strict=True):
            seen[key] = position
            layout.slots[position] = key
            layout.titles[key] = cell_text(cells[position])

    def _place_label(self, layout: Layout, cells, kinds, free: list[int], seen: dict[str, int]) -> None:
        """The label column, when no header names it: the first free column left of every number column."""
        if self.label is None or self.label.key in seen:
            return
        numbers = [position for position, slot in enumerate(layout.slots) if slot in self.by_key]
        limit = min(numbers, default=len(cells))
        position = next((p for p in free if p < limit and kinds[p][0] in ("unknown", "blank")), None)
        if position is None:
            return
        seen[self.label.key] = position
        layout.slots[position] = self.label.key
        text = cell_text(cells[position])
        layout.label_is_total = bool(TOTAL_RE.match(text))
        if text and not layout.label_is_total:  # «Всего обращений» names the total row, not the labels
            layout.titles[self.label.key] = text

    def _place_numbers(
        self, layout: Layout, cells, kinds, free: list[int], seen: dict[str, int], following: Sequence[SourceRow]
    ) -> None:
        """Columns with other headers take the number columns not named yet, in order, when they hold numbers."""
        keys = [
            column.key
            for column in self.columns
            if column.kind not in ("text", "flag") and column.key not in seen and column.positional
        ]
        for position in free:
            if not keys or layout.slots[position] != BLANK or kinds[position][0] == "blank":
                continue
            column = self.by_key[keys[0]]
            if not holds_numbers(following, position, column.kind):
                continue
            key = keys.pop(0)
            seen[key] = position
            layout.slots[position] = key
            layout.titles[key] = cell_text(cells[position])

    def _skip_numbering_columns(self, rows: Sequence[SourceRow], layout: Layout) -> None:
        """A column without a header whose cells are all running numbers («1.», «1.1.», «2») is skipped."""
        for position, slot in enumerate(layout.slots):
            label_here = self.label is not None and slot == self.label.key
            if slot != BLANK and not label_here:
                continue
            texts = [cell_text(cells[position]) for _, cells in rows if position < len(cells)]
            filled_texts = [text for text in texts if text]
            if len(filled_texts) < 2 or not all(NUMBERING_RE.match(text) for text in filled_texts):
                continue
            if not label_here:
                layout.slots[position] = SKIP
                layout.numbering.append(position)
            elif position + 1 < len(layout.slots) and layout.slots[position + 1] == BLANK:
                # «Показатель» over the numbers and the names (a merged header cell): the names are the labels.
                layout.slots[position], layout.slots[position + 1] = SKIP, slot
                layout.numbering.append(position)

    def _realign_unnumbered(self, rows: list[SourceRow], layout: Layout) -> list[SourceRow]:
        """Rows whose name spans the numbering column (a merged cell: «- коллективных» under «2.2.») are copied
        with one cell fewer; the name is put back under the names and the numbers under their headers."""
        if self.label is None or self.label.key not in layout.slots:
            return rows
        label_at = layout.slots.index(self.label.key)
        if label_at - 1 not in layout.numbering:
            return rows
        realigned: list[SourceRow] = []
        for number, cells in rows:
            first = cell_text(cells[label_at - 1]) if label_at - 1 < len(cells) else ""
            second = cell_text(cells[label_at]) if label_at < len(cells) else ""
            # The name in the numbering column and a figure (or «-») under the names: one cell fewer. A name there
            # over an empty cell («Итого | | 395» from merged cells in Excel) is where it belongs.
            if any(char.isalpha() for char in first) and second and not any(char.isalpha() for char in second):
                cells = [*cells[: label_at - 1], "", *cells[label_at - 1 :]]
            realigned.append((number, cells))
        return realigned

    def _unknown_header(self, number: int, cell: object) -> None:
        message = f"неизвестный столбец {quote(cell_text(cell))}; ожидаются столбцы {describe_columns(self.columns)}"
        self.errors.append(CellError(number, "", message))

    def _check_running_numbers(self, row: SourceRow, layout: Layout) -> None:
        """Without a header, a first cell like «1» followed by a label is a numbering column: say so once."""
        number, cells = row
        if self.label is None or layout.slots[0] != self.label.key or len(cells) < 2:
            return
        first, second = cell_text(cells[0]), cell_text(cells[1])
        if RUNNING_NUMBER_RE.match(first) and any(char.isalpha() for char in second):
            message = (
                f"первая ячейка {quote(first)} похожа на номер по порядку: добавьте строку заголовков "
                f"(например «№ п/п», {describe_columns(self.columns[:2])}) или удалите столбец с номерами"
            )
            raise TableImportError([*self.errors, CellError(number, "", message)])
