"""Text cells that a spreadsheet program must show, never run: one rule for every CSV the site writes.

Excel and LibreOffice run a CSV cell that starts with ``=``, ``+``, ``-`` or
``@`` (and, after a tab or a carriage return, whatever follows) as a formula:
``=HYPERLINK("http://…","Открыть")`` typed into a public form becomes a link
in the officer's spreadsheet, ``=WEBSERVICE(…)`` may send other cells away.
Such text gets a leading apostrophe, which the programs show as the text
itself. XLSX cells are written as typed strings instead (never a formula).

- ``defuse_formula``: the rule, for the site's own writers (the appeal queue's
  export, the reports' tables, the open data files);
- ``FormulaSafeExportMixin``: the same rule in the CSV of Wagtail's listing
  exports (``SpreadsheetExportMixin``: snippets' ``list_export``), which
  writes every value as it is. Every admin view that exports a spreadsheet
  carries it (``tests/privacy/test_export_formulas.py``).
"""

from __future__ import annotations

# A spreadsheet program runs a cell starting with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For a Wagtail view with ``SpreadsheetExportMixin``: no CSV cell of its export can run as a formula."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return defuse_formula(value)
        return value
