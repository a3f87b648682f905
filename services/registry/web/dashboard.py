"""The dashboard: growth over time and the register by kecamatan, sector and scale, as charts."""

from __future__ import annotations

from flask import current_app, render_template, request

from services.kernel.reference import SECTORS
from services.kernel.web.auth import require_roles
from services.kernel.web.labels import label
from services.registry.usecases.stats import StatsQuery, umkm_stats
from services.registry.web import bp

# What fits the label column of the dashboard's small bar charts (320 units wide, of which the
# kernel gives labels at most 45%): about 18 characters of a sector's name, cut at a word here
# rather than anywhere by the chart; the table beside the chart names each sector in full.
CHART_LABEL_CHARS = 18


def chart_label(name: str, limit: int = CHART_LABEL_CHARS) -> str:
    """A name short enough for a bar's label: the words before a parenthesis ("Kuliner" of
    "Kuliner (makanan & minuman)"), else the whole words that fit, ended with "…"."""
    short = name.split("(", 1)[0].strip() or name.strip()
    if len(short) <= limit:
        return short
    cut = short[:limit - 1]
    if " " in cut and short[limit - 1] != " ":  # no half word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" &,;:-/") + "…"


@bp.get("/dashboard")
@require_roles()
def dashboard():
    uow = current_app.extensions["registry"].uow
    by = "year" if request.args.get("by") == "year" else "month"
    growth = umkm_stats(uow, StatsQuery(group_by=by))["items"]
    years = umkm_stats(uow, StatsQuery(group_by="year"))["items"]
    groups = {group: umkm_stats(uow, StatsQuery(group_by=group))["items"]
              for group in ("kecamatan", "sector", "scale")}
    sector = [(str(SECTORS.get(item["key"], item["key"])), item["count"])
              for item in groups["sector"]]
    return render_template(
        "registry/dashboard.html", by=by, years=years,
        growth=[(item["key"], item["cumulative"]) for item in growth],
        monthly=[(item["key"], item["count"]) for item in growth],
        kecamatan=[(item["key"], item["count"]) for item in groups["kecamatan"]],
        sector=sector, sector_bars=[(chart_label(name), count) for name, count in sector],
        scale=[(label(item["key"], "scale"), item["count"]) for item in groups["scale"]],
        total=years[-1]["cumulative"] if years else 0,
    )
