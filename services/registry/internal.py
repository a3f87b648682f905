"""/internal/v1/: signed calls from the other services."""

from __future__ import annotations

from flask import current_app, jsonify, request

from services.kernel.web.internal import internal_blueprint
from services.kernel.web.responses import error_response
from services.registry.usecases import staff as staff_usecases
from services.registry.usecases import tokens
from services.registry.usecases import umkm as usecases

bp = internal_blueprint("registry_internal", __name__)

_PUBLIC_FIELDS = ("id", "status", "business_name", "owner_name", "sector", "scale", "kecamatan",
                  "kelurahan", "phone", "email", "registered_on", "verified_at")


@bp.get("/staff")
def staff():
    """Active staff by role (and kecamatan covered): whom to assign or tell."""
    people = staff_usecases.list_staff(
        current_app.extensions["registry"].uow, role=request.args.get("role") or None,
        kecamatan=request.args.get("kecamatan") or None)
    return jsonify(items=people, total=len(people))


@bp.get("/umkm/<string:umkm_id>")
def umkm(umkm_id: str):
    """Does this UMKM exist, and is it verified? No NIK crosses this line."""
    view = usecases.get_umkm(current_app.extensions["registry"].uow, umkm_id)
    answer = {key: view[key] for key in _PUBLIC_FIELDS}
    answer["registered_on"] = view["registered_on"].isoformat()
    answer["verified_at"] = view["verified_at"].isoformat() if view["verified_at"] else None
    return jsonify(answer)


@bp.post("/tokens/resolve")
def resolve_token():
    """Whose personal API token is this (its owner's current roles), or 404."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error_response(400, "bad_request", "a JSON object with the token is needed")
    claims = tokens.resolve_token(current_app.extensions["registry"].uow,
                                  str(body.get("token") or ""))
    if claims is None:
        return error_response(404, "not_found", "unknown token")
    return jsonify(claims=claims)
