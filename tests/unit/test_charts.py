import xml.etree.ElementTree as ET

from services.kernel.web.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(markup):
    return ET.fromstring(str(markup)).find(f"{SVG}svg")


def test_bar_chart_draws_one_bar_per_item_scaled_to_the_largest():
    svg = svg_of(bar_chart([("Metro Pusat", 100), ("Metro Utara", 50), ("Kosong", 0)], "Per kec."))
    bars = svg.findall(f"{SVG}rect")
    widths = [float(b.get("width")) for b in bars]
    assert len(bars) == 3 and widths[0] == 2 * widths[1] and widths[2] == 0
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Metro Pusat" in texts and "100" in texts
    assert svg.get("aria-label") == "Per kec."


def test_line_chart_reads_its_last_value_and_escapes_labels():
    chart = str(line_chart([("2021", 14000), ("2022", 17000), ("2023", 19790)], "<UMKM>"))
    svg = svg_of(chart)
    assert len(svg.findall(f"{SVG}circle")) == 3
    assert "19.790" in [t.text for t in svg.iter(f"{SVG}text")]
    assert "&lt;UMKM&gt;" in chart and "<UMKM>" not in chart


def test_empty_charts_still_render():
    assert svg_of(bar_chart([], "x")) is not None
    assert svg_of(line_chart([], "x")) is not None
