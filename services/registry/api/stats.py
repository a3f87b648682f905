"""/api/v1/stats/umkm: counts and running totals by period or category."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.kernel.reference import KECAMATAN, SECTORS
from services.kernel.web.auth import require_roles
from services.registry.domain.stats import GROUPS
from services.registry.domain.status import STATUSES
from services.registry.usecases import stats as usecases

blp = Blueprint("stats", __name__, url_prefix="/api/v1/stats",
                description="Statistics of the register.")


class StatsArgs(Schema):
    group_by = fields.String(required=True, validate=validate.OneOf(GROUPS))
    status = fields.String(validate=validate.OneOf(STATUSES), metadata={
        "description": "Only this status (default: every UMKM except rejected registrations)."})
    kecamatan = fields.String(validate=validate.OneOf(list(KECAMATAN)))
    sector = fields.String(validate=validate.OneOf(list(SECTORS)))
    since = fields.Date(metadata={"description": "Registered on or after (ISO date)."})
    until = fields.Date(metadata={"description": "Registered on or before (ISO date)."})


class StatsItem(Schema):
    key = fields.String(required=True, metadata={
        "description": "2023, 2023-12, a kecamatan, a sector or a scale"})
    count = fields.Integer(required=True, metadata={"description": "Registered in the period"})
    cumulative = fields.Integer(required=True, metadata={
        "description": "Registered by the period's end (categories: running total)"})


class Stats(Schema):
    group_by = fields.String(required=True)
    items = fields.List(fields.Nested(StatsItem), required=True)


@blp.route("/umkm")
class UmkmStats(MethodView):
    @require_roles()
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, Stats)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """UMKM registered per year, month, kecamatan, sector or scale, with running totals."""
        return usecases.umkm_stats(current_app.extensions["registry"].uow,
                                   usecases.StatsQuery(**args))
