"""A consumer's local UMKM directory (built from umkm.* events), as an API and a staff page."""

from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import current_app, render_template, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.kernel.reference import KECAMATAN, SECTORS
from services.kernel.web.api import PageArgs, page_schema
from services.kernel.web.auth import require_roles


class DirectoryArgs(PageArgs):
    q = fields.String(load_default=None)
    status = fields.String(load_default=None)
    sector = fields.String(load_default=None, validate=validate.OneOf(list(SECTORS)))
    kecamatan = fields.String(load_default=None, validate=validate.OneOf(list(KECAMATAN)))


class DirectoryEntry(Schema):
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    sector = fields.String()
    scale = fields.String()
    kecamatan = fields.String()
    kelurahan = fields.String()
    status = fields.String()
    registered_on = fields.Date()
    as_of = fields.AwareDateTime()


DirectoryPage = page_schema(DirectoryEntry, "DirectoryPage")


def _search(args: dict) -> tuple[list[dict], int]:
    runtime = current_app.extensions["runtime"]
    directory = current_app.extensions["umkm_directory"]
    with runtime.uow(readonly=True) as uow:
        return directory.search(uow, **args)


api_blp = Blueprint("umkm_directory", __name__, url_prefix="/api/v1/umkm-directory",
                    description="UMKM as this service knows them (from the registry's events).")


@api_blp.route("")
class Directory(MethodView):
    @require_roles()
    @api_blp.arguments(DirectoryArgs, location="query")
    @api_blp.response(200, DirectoryPage)
    @api_blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """Search the local directory (no NIK, no contact details)."""
        items, total = _search(args)
        return {"items": items, "total": total, "page": args["page"],
                "per_page": args["per_page"]}


web_bp = FlaskBlueprint("umkm_directory_web", __name__)


@web_bp.get("/umkm-directory")
@require_roles()
def directory_page():
    args = {key: (request.args.get(key) or "").strip() or None
            for key in ("q", "status", "sector", "kecamatan")}
    if args["sector"] not in SECTORS:
        args["sector"] = None
    if args["kecamatan"] not in KECAMATAN:
        args["kecamatan"] = None
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    items, total = _search({**args, "page": page, "per_page": 25})
    return render_template("kernel/directory.html", items=items, total=total, page=page,
                           per_page=25, args={k: v or "" for k, v in args.items()},
                           sectors=SECTORS, kecamatan=KECAMATAN)
