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
        'Закон &lt;b&gt; <span class="reg-nowrap">от 05.10.2006</span> '
        '<span class="reg-nowrap">№ 164/2006-ОЗ</span> «О рассмотрении»'
    )
