"""/api/v1/duplicates: likely duplicate records, merge, or "not a duplicate"."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, fields

from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.api import PageArgs, page_schema
from services.kernel.web.auth import current_staff, require_roles
from services.registry.usecases import duplicates as usecases

blp = Blueprint("duplicates", __name__, url_prefix="/api/v1/duplicates",
                description="Likely duplicate UMKM records and what staff decide about them.")

SECURITY = [{"bearerAuth": []}]


class Side(Schema):
    id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    phone = fields.String()
    kecamatan = fields.String()
    kelurahan = fields.String()
    address = fields.String()
    nib = fields.String(allow_none=True)
    status = fields.String()
    registered_on = fields.Date()


class Pair(Schema):
    a = fields.Nested(Side)
    b = fields.Nested(Side)
    reasons = fields.List(fields.String(), metadata={"description": "same_phone, similar_name"})
    similarity = fields.Float(metadata={"description": "business names, 0..1"})


PairPage = page_schema(Pair, "DuplicatePage")


class MergeBody(Schema):
    class Meta:
        unknown = RAISE

    keep_id = fields.String(required=True, metadata={"description": "The record that stays"})
    drop_id = fields.String(required=True,
                            metadata={"description": "Becomes inactive, merged into keep_id"})


class MergeResult(Schema):
    kept = fields.Nested(Side)
    merged = fields.Nested(Side)
    took = fields.List(fields.String(), metadata={"description": "Fields filled from the merged"})


class DismissBody(Schema):
    class Meta:
        unknown = RAISE

    a_id = fields.String(required=True)
    b_id = fields.String(required=True)


def _uow():
    return current_app.extensions["registry"].uow


@blp.route("")
class Duplicates(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, PairPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Active records of different owners with the same phone or a near-identical
        business name, most alike first."""
        return usecases.likely_duplicates(_uow(), args["page"], args["per_page"])


@blp.route("/merge")
class Merge(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(MergeBody)
    @blp.response(200, MergeResult)
    @blp.alt_response(409, schema="Error", description="Already merged, or keep is inactive")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Merge `drop_id` into `keep_id`: products and timeline move, gaps are filled,
        the duplicate becomes inactive (`umkm.deactivated`, `umkm.updated`)."""
        return usecases.merge_duplicate(_uow(), data["keep_id"], data["drop_id"],
                                        current_staff())


@blp.route("/dismiss")
class Dismiss(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(DismissBody)
    @blp.response(204)
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Two records are different businesses: the pair is not proposed again."""
        usecases.not_a_duplicate(_uow(), data["a_id"], data["b_id"], current_staff())
