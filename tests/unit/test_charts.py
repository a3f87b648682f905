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



def test_a_chart_is_read_by_a_screen_reader_as_a_captioned_table_of_its_values():
    figure = ET.fromstring(str(bar_chart([("Metro Pusat", 100), ("Metro Utara", 1_500_000)],
                                         "Per kec.")))
    assert figure.find(f"{SVG}svg").get("aria-hidden") == "true"  # the drawing is for the eye
    assert figure.find("figcaption").text == "Per kec."
    hidden = figure.find("div")
    assert hidden.get("class") == "visually-hidden"  # (a table itself cannot be clipped)
    table = hidden.find("table")
    assert table.find("caption").text == "Per kec."
    assert [(row.find("th").text, row.find("td").text) for row in table.iter("tr")] == [
        ("Metro Pusat", "100"), ("Metro Utara", "1,5\xa0jt")]
    line = ET.fromstring(str(line_chart([("2022", 14000), ("2023", 19790)], "Jumlah")))
    assert [row.find("td").text for row in line.iter("tr")] == ["14.000", "19.790"]


def test_the_label_column_fits_the_longest_label_and_a_long_one_is_cut_with_its_tooltip():
    office = "Dinas Koperasi, UMKM dan Perindustrian Kota Metro"
    short = svg_of(bar_chart([("Batik", 3), ("Jasa", 1)], width=320))
    assert [t.text for t in short.iter(f"{SVG}text")][::2] == ["Batik", "Jasa"]
    roomy = float(short.find(f"{SVG}rect").get("x"))
    assert roomy <= 60  # short names leave the bars the room
    svg = svg_of(bar_chart([(office, 5_000_000), ("Kejaksaan Negeri", 1)], width=320))
    labels = [t.text for t in svg.iter(f"{SVG}text")][::2]
    assert labels[0].endswith("…") and office.startswith(labels[0][:-1])
    assert labels[1] == "Kejaksaan Negeri"
    left = float(svg.find(f"{SVG}rect").get("x"))
    assert left <= 320 * 0.45  # never more than 45% of the chart for labels
    assert len(labels[0]) * 7.2 <= left  # the cut label fits left of the bars
    cut = svg.find(f"{SVG}g")
    assert cut.find(f"{SVG}title").text == office  # the whole name as the label's tooltip
    assert svg.find(f"{SVG}rect/{SVG}title").text.startswith(office)


def test_line_chart_reads_its_last_value_and_escapes_labels():
    chart = str(line_chart([("2021", 14000), ("2022", 17000), ("2023", 19790)], "<UMKM>"))
    svg = svg_of(chart)
    assert len(svg.findall(f"{SVG}circle")) == 3
    assert "19.790" in [t.text for t in svg.iter(f"{SVG}text")]
    assert "&lt;UMKM&gt;" in chart and "<UMKM>" not in chart


def test_empty_charts_still_render():
    assert svg_of(bar_chart([], "x")) is not None
    assert svg_of(line_chart([], "x")) is not None


def gridlines(markup) -> list[str]:
    """The values written beside the line chart's horizontal grid, bottom to top."""
    svg = svg_of(markup)
    return [t.text for t in svg.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def test_counts_get_whole_gridlines_and_amounts_any_nice_step():
    assert gridlines(line_chart([("Jan", 0), ("Feb", 1)])) == ["0", "1", "2", "3", "4"]
    assert gridlines(line_chart([("Jan", 2), ("Feb", 5)])) == ["0", "2", "4", "6", "8"]
    assert gridlines(line_chart([("2022", 14000), ("2023", 19790)])) == [
        "0", "5.000", "10.000", "15.000", "20.000"]
    assert gridlines(line_chart([("a", 0.1), ("b", 0.9)])) == ["0", "0,25", "0,5", "0,75", "1"]


def test_numbers_are_written_in_the_readers_language():
    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app, locale_selector=lambda: app.config["LOCALE"])
    amounts = [("Jan", 1_900_000), ("Feb", 2_500_000_000), ("Mar", 19_790)]

    def texts(locale: str) -> list[str]:
        app.config["LOCALE"] = locale
        with app.test_request_context():  # (Babel joins a number and its unit with a no-break
            return [t.text.replace("\xa0", " ")  # space)
                    for t in svg_of(bar_chart(amounts)).iter(f"{SVG}text")]

    assert {"1,9 jt", "2,5 M", "19.790"} <= set(texts("id"))
    assert {"1.9M", "2.5B", "19,790"} <= set(texts("en"))
