"""Charts drawn on the server: accessible SVG with a title, a description and values as text."""

import re
from decimal import Decimal

from reports import charts


def test_bar_chart_is_an_image_with_title_desc_and_every_value_as_text():
    svg = charts.bar_chart(
        chart_id="c1",
        title="Каналы поступления",
        desc="Горизонтальная диаграмма.",
        bars=[charts.Bar("Письменные", 1528, "1\u00a0528 (60,0\u00a0%)"), charts.Bar("Сайт <b>", 1019, "1\u00a0019")],
    )
    assert svg.startswith(
        '<svg class="chart__svg chart__svg--bars" id="c1" role="img" aria-labelledby="c1-title c1-desc"'
    )
    assert '<title id="c1-title">Каналы поступления</title>' in svg
    assert '<desc id="c1-desc">Горизонтальная диаграмма.</desc>' in svg
    assert "1\u00a0528 (60,0\u00a0%)" in svg and "1\u00a0019" in svg
    assert "Сайт &lt;b&gt;" in svg  # labels are escaped
    widths = re.findall(r'class="chart__bar" x="0" y="[\d.]+em" width="([\d.]+)%"', svg)
    assert widths == ["100", "66.688"]


def test_comparison_chart_has_a_text_legend_and_two_bars_per_row():
    svg = charts.comparison_chart(
        chart_id="c2",
        title="По темам",
        desc="Две полосы на строку.",
        rows=[charts.PairBar("Образование", 125, 150), charts.PairBar("Строительство", 0, 496)],
        series=("1 полугодие 2020 года", "1 полугодие 2019 года"),
    )
    assert svg.count('class="chart__legend"') == 2
    assert "1 полугодие 2020 года" in svg and "1 полугодие 2019 года" in svg
    assert svg.count("<rect") == 2 + 3  # legend swatches + three bars (a zero value has no bar, only its number)
    assert re.findall(r'class="chart__value"[^>]*>([^<]+)<', svg) == ["125", "150", "0", "496"]


def test_pie_numbers_its_slices_and_lists_them_with_shares():
    svg = charts.pie_chart(
        chart_id="c3",
        title="Доли",
        desc="Круговая диаграмма.",
        slices=[charts.Slice("А", 2, Decimal("66.7")), charts.Slice("Б", 1, Decimal("33.3"))],
    )
    assert svg.count("<path") == 2
    assert "1. А — 66,7\u00a0% (2)" in svg and "2. Б — 33,3\u00a0% (1)" in svg


def test_many_bars_keep_the_largest_and_sum_the_rest():
    bars = [charts.Bar(f"К{n}", n, str(n)) for n in range(1, 21)]
    kept, grouped = charts.limit_bars(bars, limit=5, other="Остальные")
    assert [bar.label for bar in kept] == ["К17", "К18", "К19", "К20", "Остальные (16)"]
    assert kept[-1].value == sum(range(1, 17)) and grouped == 16


def test_long_labels_wrap_without_splitting_numbers():
    assert charts.wrap("Благоустройство дворовой территории МКД — 1\u00a0175", 20) == [
        "Благоустройство",
        "дворовой территории",
        "МКД — 1\u00a0175",
    ]
