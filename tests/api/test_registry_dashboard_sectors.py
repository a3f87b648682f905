"""The dashboard's "Per sektor" chart: each bar's label fits the chart's label column (a long
sector name is not cut off at the left edge), and the table beside it names every sector in
full with its count, in the page's language."""

import html
import re

import pytest

from services.registry.web.dashboard import CHART_LABEL_CHARS, chart_label
from tests.api.test_registry_pages import login
from tests.api.test_registry_status import register

SECTORS = {"kuliner": 3, "kriya": 2, "pertanian": 1, "jasa": 1}


def _part(page: str, testid: str, tag: str) -> str:
    found = re.search(rf'<{tag}[^>]*data-testid="{testid}".*?</{tag}>', page, re.S)
    assert found, testid
    return found.group(0)


def _bar_labels(chart: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'text-anchor="end"[^>]*>([^<]*)</text>', chart)]


def _table(table: str) -> dict[str, str]:
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", table)
    return {html.unescape(name): count for name, count in rows}


@pytest.mark.parametrize("lang, labels, names", [
    ("id", ["Kuliner", "Kriya", "Jasa", "Pertanian…"],
     ["Kuliner (makanan & minuman)", "Kriya (kerajinan, suvenir, tapis)", "Jasa",
      "Pertanian & perikanan"]),
    ("en", ["Culinary", "Crafts", "Services", "Agriculture…"],
     ["Culinary (food & beverages)", "Crafts (handicrafts, souvenirs, tapis)", "Services",
      "Agriculture & fisheries"]),
])
def test_sector_bars_have_labels_that_fit_and_the_table_names_them_in_full(
        client, auth, lang, labels, names):
    for sector, count in SECTORS.items():
        for _ in range(count):
            register(client, auth, sector=sector)
    login(client)
    client.get(f"/lang/{lang}")
    page = client.get("/dashboard").get_data(as_text=True)
    bars = _bar_labels(_part(page, "sector-chart", "figure"))
    assert sorted(bars) == sorted(labels)
    assert all(len(label) <= CHART_LABEL_CHARS for label in bars)
    table = _table(_part(page, "sector-table", "table"))
    assert table == dict(zip(names, ["3", "2", "1", "1"], strict=True))


@pytest.mark.parametrize("name, short", [
    ("Kuliner (makanan & minuman)", "Kuliner"),
    ("Batik", "Batik"),
    ("Pertanian & perikanan", "Pertanian…"),
    ("Perdagangan besar dan eceran", "Perdagangan besar…"),
    ("Perdagangan", "Perdagangan"),
    ("Ekonomikreatifdandigitalisasi", "Ekonomikreatifdan…"),
    ("(tanpa nama sektor yang jelas)", "(tanpa nama…"),
])
def test_a_chart_label_is_the_name_before_a_parenthesis_or_the_words_that_fit(name, short):
    assert chart_label(name) == short
    assert len(chart_label(name)) <= CHART_LABEL_CHARS
