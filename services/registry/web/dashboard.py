"""The dashboard: growth over time and the register by kecamatan, sector and scale, as charts."""

from __future__ import annotations

from flask import current_app, render_template, request

from services.kernel.reference import SECTORS
from services.kernel.web.auth import require_roles
from services.kernel.web.labels import label
from services.registry.usecases.stats import StatsQuery, umkm_stats
from services.registry.web import bp


@bp.get("/dashboard")
@require_roles()
def dashboard():
    uow = current_app.extensions["registry"].uow
    by = "year" if request.args.get("by") == "year" else "month"
    growth = umkm_stats(uow, StatsQuery(group_by=by))["items"]
    years = umkm_stats(uow, StatsQuery(group_by="year"))["items"]
    groups = {group: umkm_stats(uow, StatsQuery(group_by=group))["items"]
              for group in ("kecamatan", "sector", "scale")}
    return render_template(
        "registry/dashboard.html", by=by, years=years,
        growth=[(item["key"], item["cumulative"]) for item in growth],
        monthly=[(item["key"], item["count"]) for item in growth],
        kecamatan=[(item["key"], item["count"]) for item in groups["kecamatan"]],
        sector=[(str(SECTORS.get(item["key"], item["key"])), item["count"])
                for item in groups["sector"]],
        scale=[(label(item["key"], "scale"), item["count"]) for item in groups["scale"]],
        total=years[-1]["cumulative"] if years else 0,
    )
