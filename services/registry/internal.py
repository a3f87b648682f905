"""/internal/v1/: signed calls from the other services."""

from __future__ import annotations

from flask import current_app, jsonify

from services.kernel.web.internal import internal_blueprint
from services.registry.usecases import umkm as usecases

bp = internal_blueprint("registry_internal", __name__)

_PUBLIC_FIELDS = ("id", "status", "business_name", "owner_name", "sector", "scale", "kecamatan",
                  "kelurahan", "phone", "email", "registered_on", "verified_at")


@bp.get("/umkm/<string:umkm_id>")
def umkm(umkm_id: str):
    """Does this UMKM exist, and is it verified? No NIK crosses this line."""
    view = usecases.get_umkm(current_app.extensions["registry"].uow, umkm_id)
    answer = {key: view[key] for key in _PUBLIC_FIELDS}
    answer["registered_on"] = view["registered_on"].isoformat()
    answer["verified_at"] = view["verified_at"].isoformat() if view["verified_at"] else None
    return jsonify(answer)
