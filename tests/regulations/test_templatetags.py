"""Template filters: a document's format and size ("PDF, 240 КБ"); names whose date and number never break."""

from types import SimpleNamespace

import pytest

from regulations.templatetags.regulations_tags import document_meta, nowrap_details, size_ru


@pytest.mark.parametrize(
    ("size", "text"),
    [(None, ""), (900, "900 байт"), (1024, "1 КБ"), (245_760, "240 КБ"), (1_258_291, "1,2 МБ"), (2 * 1024**2, "2 МБ")],
)
def test_size_in_russian_units(size, text):
    assert size_ru(size) == text


def test_document_meta_joins_format_and_size():
    document = SimpleNamespace(file_extension="pdf", get_file_size=lambda: 245_760)
    assert document_meta(document) == "PDF, 240 КБ"
    missing = SimpleNamespace(file_extension="docx", get_file_size=lambda: None)
    assert document_meta(missing) == "DOCX"


def test_date_and_number_stay_on_one_line_and_the_rest_is_escaped():
    html = nowrap_details("Закон <b> от 05.10.2006 № 164/2006-ОЗ «О рассмотрении»")
    assert html == (
        'Закон &lt;b&gt; <span class="reg-nowrap">от\u00a005.10.2006</span> '
        '<span class="reg-nowrap">№\u00a0164/2006-ОЗ</span> «О\u00a0рассмотрении»'
    )


def test_dates_in_words_and_short_words_keep_the_house_no_break_spaces():
    """Found from outside at 375 px: «№ 164 от 1 ноября 2026 года» broke after «от» and «1»; the boxes of the
    acts now follow the one rule (``home.textformat.no_break``) besides their own spans."""
    html = nowrap_details("Решение № 164 от 1 ноября 2026 года «О порядке приёма в 2026 году»")
    assert "№\u00a0164" in html
    assert "от\u00a01\u00a0ноября 2026\u00a0года" in html
    assert "в\u00a02026 году" in html
