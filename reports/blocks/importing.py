"""Import of a pasted table or an uploaded CSV/XLSX document into a table block, on save.

``ImportableTableBlock.clean`` looks at the two import fields first. When one is
filled, ``reports.tabular`` parses it; the parsed rows REPLACE the block's rows
(with the total typed in the source, if any) and both import fields are
cleared. When anything is wrong, a ``StructBlockValidationError`` on the field
lists every bad row and column in Russian and nothing is imported: the page is
not saved, so the stored value stays as it was.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError, ListValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from reports import slugs, tabular

PASTE = "paste"
UPLOAD = "upload"
COMPOUND = "compound"
#: Compound cells («412/2 380»): refuse (""), take the first or the second number, or import both as two tables.
COMPOUND_BOTH = "both"
COMPOUND_CHOICES = [
    ("", "Не разбирать: показать такие ячейки списком ошибок"),
    ("first", "Брать первое число (например, за месяц)"),
    ("second", "Брать второе число (например, с начала года или за полугодие)"),
    (COMPOUND_BOTH, "Импортировать обе: две таблицы, по первым и по вторым числам"),
]
#: How long a parsed upload is kept (seconds): a big file is parsed once, not on every save and autosave.
PARSE_CACHE_SECONDS = 60 * 60

PASTE_HELP = (
    "Скопируйте таблицу из Word, Excel или с сайта вместе со строкой заголовков ({columns}) и вставьте сюда. "
    "При сохранении строки таблицы ЗАМЕНЯТСЯ вставленными, а это поле очистится. Строку «Итого» можно "
    "оставить: её числа сохранятся как указанные в исходном документе и будут проверены. Если в таблице есть "
    "ошибки, ничего не изменится, а ошибки будут перечислены по строкам."
)
UPLOAD_HELP = (
    "Документ CSV, TSV, XLSX или JSON (например, выгрузка таблицы с этого сайта). При сохранении строки таблицы "
    "ЗАМЕНЯТСЯ строками файла, а выбор документа очистится."
)


def paste_block(columns) -> blocks.TextBlock:
    return blocks.TextBlock(
        label="Вставить таблицу",
        required=False,
        rows=6,
        help_text=PASTE_HELP.format(columns=tabular.columns.describe_columns(columns)),
    )


def upload_block() -> DocumentChooserBlock:
    return DocumentChooserBlock(label="Загрузить из файла (CSV, XLSX, JSON)", required=False, help_text=UPLOAD_HELP)


def compound_block() -> blocks.ChoiceBlock:
    return blocks.ChoiceBlock(
        label="Ячейки с двумя числами",
        choices=COMPOUND_CHOICES,
        required=False,
        default="",
        help_text=(
            "Для таблиц, где в ячейке два числа через «/», например «412/2 380» — за месяц и за полгода. "
            "Выберите, какое число брать, или «обе» — тогда на странице появятся две таблицы."
        ),
    )


def slug_block() -> blocks.CharBlock:
    return blocks.CharBlock(
        label="Адрес таблицы для скачивания",
        required=False,
        max_length=slugs.MAX_LENGTH,
        validators=[slugs.validate_table_slug],
        help_text=(
            "Латинские буквы, цифры и дефисы. Если оставить пустым, адрес составится из заголовка таблицы. "
            "Не меняйте его после публикации: по этому адресу таблицу скачивают как открытые данные."
        ),
    )


def _messages(error: tabular.TableImportError) -> ValidationError:
    """Every problem as its own message («Строка 4, «2022 г.»: …»): the admin shows them as a list."""
    return ValidationError([str(item) for item in error.errors])


def _import_error(field: str, error: tabular.TableImportError) -> StructBlockValidationError:
    """One problem: on the field. Several: each its own line at the top of the block, a summary on the field.

    (The admin joins a field's messages into one paragraph; the block's own errors are shown one per box,
    each put above the previous one, so they are handed over last first to read top down in source order.)
    """
    messages = _messages(error)
    if len(messages.messages) == 1:
        return StructBlockValidationError(block_errors={field: messages})
    count = tabular.grid.counted(len(messages.messages), "ошибка", "ошибки", "ошибок")
    summary = ValidationError(f"Таблица не импортирована: {count}, список — в начале блока.")
    return StructBlockValidationError(block_errors={field: summary}, non_block_errors=messages.error_list[::-1])


def _is_empty_row(row) -> bool:
    """A row with nothing typed in it (a new block's blank row, a row added by mistake)."""
    return not any(
        value not in (None, "", False) for key, value in (row or {}).items() if key not in ("is_part", "share")
    ) and not (row or {}).get("share")


def _flatten(error: ValidationError) -> list[str]:
    """Every message of a (possibly nested) block validation error."""
    if isinstance(error, StructBlockValidationError | ListBlockValidationError):
        found = [message for item in error.non_block_errors.as_data() for message in item.messages]
        for child in error.block_errors.values():
            found.extend(_flatten(child))
        return found
    return list(error.messages)


class ImportableTableBlock(blocks.StructBlock):
    """A StructBlock with ``rows`` (a ListBlock of row StructBlocks) and the two import fields."""

    import_columns: tuple[tabular.Column, ...] = ()

    def imported_values(self, value, parsed: tabular.ParsedTable) -> dict[str, Any]:
        """The children the import replaces (at least ``rows``), as native values; subclasses map their totals."""
        raise NotImplementedError

    def row_value(self, row: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def _read(self, value) -> tuple[str, tabular.ParsedTable] | None:
        """Parse whichever import field is filled; None when neither is."""
        text = (value.get(PASTE) or "").strip()
        document = value.get(UPLOAD)
        compound = value.get(COMPOUND) or "refuse"
        if compound == COMPOUND_BOTH:  # split into two tables by ReportStreamBlock; alone, the later period
            compound = "second"
        if text and document is not None:
            raise StructBlockValidationError(
                block_errors={UPLOAD: ValidationError("Выберите что-то одно: вставленную таблицу или файл.")}
            )
        try:
            if text:
                return PASTE, tabular.parse_pasted_with_total(text, columns=self.import_columns, compound=compound)
            if document is not None:
                return UPLOAD, self._parse_document(document, compound=compound)
        except tabular.TableImportError as error:
            raise _import_error(PASTE if text else UPLOAD, error) from error
        return None

    def _parse_document(self, document, *, compound: str) -> tabular.ParsedTable:
        """Parse an uploaded document once: the result (or the errors) is cached by the file's content."""
        size = self._document_size(document)
        if size > tabular.MAX_FILE_BYTES:
            raise tabular.text.too_large_file(size)
        data = self._document_bytes(document)
        columns = ",".join(f"{column.key}:{column.kind}" for column in self.import_columns)
        digest = hashlib.sha256(data).hexdigest()
        key = f"reports:table-import:v1:{digest}:{document.file.name.rsplit('.', 1)[-1]}:{columns}:{compound}"
        cached = cache.get(key)
        if cached is None:
            try:
                cached = tabular.parse_upload_with_total(
                    data, filename=document.file.name, columns=self.import_columns, compound=compound
                )
            except tabular.TableImportError as error:
                cached = list(error.errors)
            cache.set(key, cached, PARSE_CACHE_SECONDS)
        if isinstance(cached, list):
            raise tabular.TableImportError(cached)
        return cached

    @staticmethod
    def _document_size(document) -> int:
        try:
            return document.file.size
        except (OSError, ValueError):
            return 0

    @staticmethod
    def _document_bytes(document) -> bytes:
        limit = tabular.MAX_FILE_BYTES + 1  # one byte more than allowed, so the parser can refuse a big file
        try:
            with document.file.open("rb") as handle:
                return handle.read(limit)
        except OSError as error:
            raise StructBlockValidationError(
                block_errors={UPLOAD: ValidationError("Файл документа не найден в хранилище: загрузите его заново.")}
            ) from error

    def _with_import(self, value):
        read = self._read(value)
        if read is None:
            return value
        field, parsed = read
        children = {name: value.get(name) for name in self.child_blocks}
        children.update(self.imported_values(value, parsed))
        children["rows"] = [self.row_value(row) for row in parsed.rows]
        children[PASTE] = ""
        children[UPLOAD] = None
        if COMPOUND in self.child_blocks:
            children[COMPOUND] = ""
        new_value = self.normalize(children)
        try:
            return super().clean(new_value)
        except ValidationError as error:
            details = "; ".join(_flatten(error)) or "проверьте значения"
            raise StructBlockValidationError(
                block_errors={field: ValidationError(f"Таблица не импортирована: {details}")}
            ) from error

    def _without_empty_rows(self, value):
        """Drop rows with nothing typed in them, so a blank row never reaches a draft or an error list."""
        rows = value.get("rows")
        if rows is None or not hasattr(rows, "bound_blocks"):
            return value
        kept = [bound for bound in rows.bound_blocks if not _is_empty_row(bound.value)]
        if len(kept) != len(rows.bound_blocks):
            value["rows"] = ListValue(self.child_blocks["rows"], bound_blocks=kept)
        return value

    def clean(self, value):
        value = self._without_empty_rows(value)
        imported = self._with_import(value)
        value = imported if imported is not value else super().clean(value)
        if not value.get("slug"):
            value["slug"] = slugs.transliterate(value.get("caption") or "")
        return value
