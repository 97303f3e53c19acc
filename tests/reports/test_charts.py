"""Charts drawn on the server: one image to assistive technology (title, description), every value as text.

Labels and values are HTML text the browser wraps at any width (no line breaks decided on the server,
which cannot know the screen); bars and the pie are SVG shapes.
"""

from decimal import Decimal

from bs4 import BeautifulSoup

from reports import charts


def _parse(html: str):
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.contents) == 1, "one element"
    return soup.contents[0]


def test_bar_chart_is_an_image_with_title_desc_and_every_value_as_text():
    chart = _parse(
        charts.bar_chart(
            chart_id="c1",
            title="Каналы поступления",
            desc="Горизонтальная диаграмма.",
            bars=[
                charts.Bar("Письменные", 1528, "1\u00a0528 (60,0\u00a0%)"),
                charts.Bar("Сайт <b>", 1019, "1\u00a0019"),
            ],
        )
    )
    assert chart.name == "div" and chart["class"] == ["chart", "chart--bars"] and chart["id"] == "c1"
    assert chart["role"] == "img" and chart["aria-labelledby"] == "c1-title c1-desc"
    assert chart.find(id="c1-title").get_text() == "Каналы поступления"
    assert chart.find(id="c1-desc").get_text() == "Горизонтальная диаграмма."
    labels = [label.get_text() for label in chart.select("p.chart__label")]
    assert labels == ["Письменные —\u00a01\u00a0528 (60,0\u00a0%)", "Сайт <b> —\u00a01\u00a0019"]  # escaped, as text
    assert [value.get_text() for value in chart.select("b.chart__value")] == ["1\u00a0528 (60,0\u00a0%)", "1\u00a0019"]
    assert [rect["width"] for rect in chart.select("rect.chart__bar")] == ["100%", "66.688%"]
    assert all(svg["aria-hidden"] == "true" for svg in chart.find_all("svg"))


def test_a_long_label_is_one_paragraph_for_the_browser_to_wrap():
    label = "Обращения, поступившие из Администрации Президента Российской Федерации и Правительства области"
    chart = _parse(charts.bar_chart(chart_id="c", title="Т", desc="Д", bars=[charts.Bar(label, 7, "7")]))
    assert chart.select_one("p.chart__label").get_text() == f"{label} —\u00a07"
    assert not chart.find("text"), "no SVG text: it would not wrap"


def test_a_zero_bar_is_an_axis_mark():
    chart = _parse(
        charts.bar_chart(chart_id="c", title="Т", desc="Д", bars=[charts.Bar("А", 3, "3"), charts.Bar("Б", 0, "0")])
    )
    assert len(chart.select("rect.chart__bar")) == 1 and len(chart.select("rect.chart__axis")) == 1


def test_comparison_chart_has_a_text_legend_and_two_bars_per_row():
    chart = _parse(
        charts.comparison_chart(
            chart_id="c2",
            title="По темам",
            desc="Две полосы на строку.",
            rows=[charts.PairBar("Образование", 125, 150), charts.PairBar("Строительство", 0, 496)],
            series=("1 полугодие 2020 года", "1 полугодие 2019 года"),
        )
    )
    assert chart["class"] == ["chart", "chart--pairs"]
    assert [item.get_text() for item in chart.select("li.chart__legend")] == [
        "1 полугодие 2020 года",
        "1 полугодие 2019 года",
    ]
    assert [label.get_text() for label in chart.select("p.chart__label")] == ["Образование", "Строительство"]
    # Legend swatches, then three bars: a zero value has no bar, only its number.
    assert len(chart.select(".chart__swatch rect")) == 2 and len(chart.select(".chart__track rect")) == 3
    assert [value.get_text() for value in chart.select(".chart__value")] == ["125", "150", "0", "496"]
    assert [rect["width"] for rect in chart.select(".chart__track rect")] == ["25.202%", "30.242%", "100%"]


def test_pie_numbers_its_slices_and_lists_them_with_shares():
    chart = _parse(
        charts.pie_chart(
            chart_id="c3",
            title="Доли",
            desc="Круговая диаграмма.",
            slices=[charts.Slice("А", 2, Decimal("66.7")), charts.Slice("Б", 1, Decimal("33.3"))],
        )
    )
    assert chart["class"] == ["chart", "chart--pie"]
    assert len(chart.select("svg.chart__pie path")) == 2
    assert [item.get_text() for item in chart.select("li.chart__legend")] == [
        "1. А — 66,7\u00a0% (2)",
        "2. Б — 33,3\u00a0% (1)",
    ]


def test_many_bars_keep_the_largest_and_sum_the_rest():
    bars = [charts.Bar(f"К{n}", n, str(n)) for n in range(1, 21)]
    kept, grouped = charts.limit_bars(bars, limit=5, other="Остальные")
    assert [bar.label for bar in kept] == ["К17", "К18", "К19", "К20", "Остальные (16)"]
    assert kept[-1].value == sum(range(1, 17)) and grouped == 16
