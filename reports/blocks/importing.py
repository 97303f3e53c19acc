"""Import of a pasted table or an uploaded CSV/XLSX document into a table block, on save.

``ImportableTableBlock.clean`` looks at the two import fields first. When one is
filled, ``reports.tabular`` parses it; the parsed rows REPLACE the block's rows
(with the total typed in the source, if any) and both import fields are
cleared. When anything is wrong, a ``StructBlockValidationError`` on the field
lists every bad row and column in Russian and nothing is imported: the page is
not saved, so the stored value stays as it was.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from reports import slugs, tabular

PASTE = "paste"
UPLOAD = "upload"

PASTE_HELP = (
    "Скопируйте таблицу из Word, Excel или с сайта вместе со строкой заголовков ({columns}) и вставьте сюда. "
    "При сохранении строки таблицы ЗАМЕНЯТСЯ вставленными, а это поле очистится. Строку «Итого» можно "
    "оставить: её числа сохранятся как указанные в исходном документе и будут проверены. Если в таблице есть "
    "ошибки, ничего не изменится, а ошибки будут перечислены по строкам."
)
UPLOAD_HELP = (
    "Документ CSV, XLSX или JSON (например, выгрузка таблицы с этого сайта). При сохранении строки таблицы "
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
    return DocumentChooserBlock(label="Загрузить из файла (CSV, XLSX)", required=False, help_text=UPLOAD_HELP)


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
    return ValidationError([str(item) for item in error.errors])


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
        if text and document is not None:
            raise StructBlockValidationError(
                block_errors={UPLOAD: ValidationError("Выберите что-то одно: вставленную таблицу или файл.")}
            )
        try:
            if text:
                return PASTE, tabular.parse_pasted_with_total(text, columns=self.import_columns)
            if document is not None:
                return UPLOAD, tabular.parse_upload_with_total(
                    self._document_bytes(document), filename=document.file.name, columns=self.import_columns
                )
        except tabular.TableImportError as error:
            raise StructBlockValidationError(block_errors={PASTE if text else UPLOAD: _messages(error)}) from error
        return None

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
        new_value = self.normalize(children)
        try:
            return super().clean(new_value)
        except ValidationError as error:
            details = "; ".join(_flatten(error)) or "проверьте значения"
            raise StructBlockValidationError(
                block_errors={field: ValidationError(f"Таблица не импортирована: {details}")}
            ) from error

    def clean(self, value):
        imported = self._with_import(value)
        value = imported if imported is not value else super().clean(value)
        if not value.get("slug"):
            value["slug"] = slugs.transliterate(value.get("caption") or "")
        return value
