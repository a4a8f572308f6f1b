"""The SVG charts: well-formed XML, escaped labels (Chinese too), geometry on hand-computed values."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from django.template.loader import render_to_string

from bpo.core.charts import (
    Point,
    RefLine,
    Series,
    bar_chart,
    heat_map,
    line_chart,
    nice_ticks,
    risk_level,
    scatter_chart,
)

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(chart):
    root = ET.fromstring(str(chart))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert "Noto Sans CJK SC" in root.get("font-family")
    assert root.find("s:title", NS) is not None and root.find("s:desc", NS) is not None
    assert root.get("aria-labelledby").split() == [
        root.find("s:title", NS).get("id"),
        root.find("s:desc", NS).get("id"),
    ]
    # the CSP: no inline styles, no scripts
    assert "style" not in str(chart) and "<script" not in str(chart)
    return root


def texts(root):
    return [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_nice_ticks():
    assert nice_ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(72, 99.5) == [70, 80, 90, 100]
    assert nice_ticks(0, 9) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(5, 5) == [4, 4.5, 5, 5.5, 6]
    assert nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1]


def test_line_chart_geometry_and_reference_lines():
    chart = line_chart(
        title="SLA <trend>",
        categories=["2026-01", "2026-02", "2026-03"],
        series=[Series("Answered", [Decimal("80"), None, Decimal("100")])],
        ref_lines=[RefLine("Expected", 80), RefLine("Minimum", 60)],
        width=400,
        height=200,
    )
    root = parse(chart)
    assert root.find("s:title", NS).text == "SLA <trend>"
    # frame: left 56, right 400-28=372, top 34, bottom 200-34=166; ticks 60..100 step 10
    circles = root.findall("s:circle", NS)
    assert [(c.get("cx"), c.get("cy")) for c in circles] == [("56.0", "100.0"), ("372.0", "34.0")]
    # a missing value breaks the line: two single points, no polyline
    assert root.findall("s:polyline", NS) == []
    refs = [ln for ln in root.findall("s:line", NS) if ln.get("class") == "ref"]
    assert [r.get("y1") for r in refs] == ["100.0", "166.0"]
    assert chart.columns == ["", "Answered", "Expected", "Minimum"]
    assert chart.rows[1] == ["2026-02", "", "80", "60"]


def test_labels_are_escaped_and_chinese_kept():
    chart = line_chart(
        title="趋势 & <b>",
        categories=["一月", "<script>"],
        series=[Series('供应商 "X" <img>', [1, 2])],
    )
    svg = str(chart)
    assert "<script>" not in svg and "<img>" not in svg and "<b>" not in svg
    root = parse(chart)
    assert "一月" in texts(root) and "<script>" in texts(root)
    assert '供应商 "X" <img>' in texts(root)
    assert root.find("s:title", NS).text == "趋势 & <b>"


def test_bar_chart_grouped_and_stacked_heights():
    common = {"title": "Budget", "categories": ["Fees", "Training"], "width": 400, "height": 200}
    series = [Series("Planned", [100, 50]), Series("Actual", [80, 20])]
    root = parse(bar_chart(series=series, **common))
    bars = root.findall("s:rect[@class='bar']", NS)
    assert len(bars) == 4
    # ticks 0..100: plot height 132 px for 100 -> 80 is 105.6 px tall
    assert [float(b.get("height")) for b in bars] == [132.0, 105.6, 66.0, 26.4]
    root = parse(bar_chart(series=series, stacked=True, **common))
    bars = root.findall("s:rect[@class='bar']", NS)
    # stacked: 180 max -> ticks 0..200; Planned 100 at the bottom, Actual 80 on top of it
    assert [(b.get("y"), b.get("height")) for b in bars[:2]] == [("100.0", "66.0"), ("47.2", "52.8")]


def test_heat_map_cells_levels_and_links():
    chart = heat_map(
        title="风险热图",
        counts={(5, 5): 2, (1, 1): 1, (3, 4): 3},
        x_label="影响",
        y_label="可能性",
        links={(5, 5): "/risks/?l=5&i=5"},
    )
    root = parse(chart)
    rects = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if (r.get("class") or "").startswith("heat-")]
    assert len(rects) == 25
    assert {r.get("class") for r in rects} == {"heat-low", "heat-medium", "heat-high", "heat-critical"}
    link = root.find("s:a", NS)
    assert link.get("href") == "/risks/?l=5&i=5"
    assert chart.rows[0] == ["5", "0", "0", "0", "0", "2"]
    assert chart.rows[2][4] == "3"
    assert [risk_level(s) for s in (4, 5, 9, 10, 16, 20, 25)] == [
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "critical",
        "critical",
    ]


def test_scatter_quadrants_and_points():
    chart = scatter_chart(
        title="Spend against performance",
        points=[Point("供应商 X", 50_000, 90, highlight=True), Point("Vendor <Y>", 100_000, 40)],
        x_label="Spend",
        y_label="Score",
        x_split=50_000,
        y_split=70,
        y_range=(0, 100),
        quadrant_labels=("a", "b", "c", "d"),
        width=424,
        height=216,
    )
    root = parse(chart)
    # frame left 64, right 400, top 16, bottom 168; x ticks 0..100000 -> 50,000 at 232
    quad = [ln for ln in root.findall("s:line", NS) if ln.get("class") == "quadrant"]
    assert quad[0].get("x1") == "232.0"
    assert quad[1].get("y1") == f"{168 - 0.7 * 152:.1f}"
    points = root.findall("s:circle", NS)
    assert [(p.get("cx"), p.get("cy"), p.get("r")) for p in points] == [("232.0", "31.2", "7"), ("400.0", "107.2", "5")]
    assert "Vendor <Y>" in texts(root) and "供应商 X" in texts(root)
    assert chart.rows == [["供应商 X", "50,000", "90"], ["Vendor <Y>", "100,000", "40"]]


def test_empty_series_still_render():
    parse(line_chart(title="t", categories=[], series=[]))
    parse(bar_chart(title="t", categories=[], series=[]))
    parse(scatter_chart(title="t", points=[], x_label="x", y_label="y"))


def test_figure_template_with_data_table():
    chart = bar_chart(title="预算", categories=["费用"], series=[Series("计划", [1])])
    html = render_to_string("core/_chart.html", {"chart": chart, "with_table": True})
    assert "<svg" in html and '<th scope="row">费用</th>' in html and "css/charts.css" in html


def test_a_long_legend_wraps_and_the_plot_starts_below_it():
    series = [Series(f"服务水平 Service level number {i}", [i, i + 1]) for i in range(6)]
    chart = line_chart(title="t", categories=["a", "b"], series=series, width=400, height=200)
    root = parse(chart)
    rows = {t.get("y") for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text.startswith("服务水平")}
    assert len(rows) == 6  # one legend entry per row at this width
    extra = 16 * 5
    assert root.get("height") == str(200 + extra)
    top_circle = min(float(c.get("cy")) for c in root.findall("s:circle", NS))
    assert top_circle >= 34 + extra


def test_axis_labels_and_values_read_as_the_pages_print_numbers():
    """Grouped by thousands, up to 4 decimals, trailing zeros dropped, as bpo/core/formats.py
    (format_number, |money): ticks 1,000.2 .. 1,000.8 were all printed 1,000; 2,220,000.5 as 2,220,000."""
    from django.utils import translation

    from bpo.core.formats import format_number

    for language in ("en", "zh-hans"):
        with translation.override(language):
            chart = line_chart(
                title="Fine scale",
                categories=["2026-01", "2026-02"],
                series=[Series("Value", [Decimal("1000"), Decimal("1001")])],
            )
            axis = [t for t in texts(parse(chart)) if t and t[0].isdigit()]
            assert axis[:6] == ["1,000", "1,000.2", "1,000.4", "1,000.6", "1,000.8", "1,001"], language
            bars = bar_chart(
                title="Amounts",
                categories=["Fees"],
                series=[Series("Actual", [Decimal("2220000.50")]), Series("Target", [Decimal("99.5000")])],
            )
            assert bars.rows == [["Fees", "2,220,000.5", "99.5"]]
            assert "2,500,000" in texts(parse(bars))
            tips = [t.text for t in parse(bars).iter("{http://www.w3.org/2000/svg}title")]
            assert "Actual · Fees: 2,220,000.5" in tips and "Target · Fees: 99.5" in tips
            assert format_number(Decimal("99.5000"), grouped=True) == format_number(Decimal("99.5000")) == "99.5"


def test_the_widest_tick_label_fits_left_of_the_axis():
    """Amounts up to the field's limit: the y tick labels (text-anchor end, 6 px left of the
    axis) used to start left of the chart in the fixed 56 px margin ("00,000,000" showed)."""
    from bpo.core.charts import _text_width

    huge = 99_999_999_999_999.98
    for chart in (
        bar_chart(title="Budget", categories=["Fees", "Training"], series=[Series("Planned", [huge, 5])]),
        line_chart(title="Burn", categories=["2026-01", "2026-02"], series=[Series("Actual", [1, huge])]),
    ):
        root = parse(chart)
        ticks = [t for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("text-anchor") == "end"]
        assert ticks and any("," in t.text and len(t.text) > 15 for t in ticks)
        for t in ticks:
            assert float(t.get("x")) - _text_width(t.text) >= 0, t.text
        bars = root.findall("s:rect[@class='bar']", NS)
        for b in bars:  # the bars moved right with the axis and still end inside the chart
            assert float(b.get("x")) + float(b.get("width")) <= float(root.get("width"))
