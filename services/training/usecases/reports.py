"""The visit report from the field: still producing? units and sales since, the equipment,
photos, needs and the next step. Publishes `visit.completed`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from flask_babel import lazy_gettext as _l

from services.kernel.clock import today_wib
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.kernel.uploads import PHOTO_KINDS, check_upload
from services.training.domain.numbers import MAX_COUNT, MAX_IDR, cap
from services.training.models import COMPLETED, VisitReport
from services.training.usecases.visits import (
    OPEN,
    _visit,
    _visit_payload,
    check_officer,
    visit_view,
)

CONDITIONS = ("baik", "rusak_ringan", "rusak_berat", "hilang")
MAX_PHOTOS = 5


def _clean(data: Mapping, today: date) -> dict:
    errors = {}
    visited_on = data.get("visited_on") or today
    if visited_on > today:
        errors["visited_on"] = _l("Tanggal kunjungan tidak boleh di masa depan.")
    if data.get("still_producing") is None:
        errors["still_producing"] = _l("Jawab: apakah masih berproduksi?")
    for name in ("units_produced", "sales_idr"):
        if data.get(name) is not None and data[name] < 0:
            errors[name] = _l("Tidak boleh negatif.")
    cap(data.get("units_produced"), "units_produced", errors, MAX_COUNT)
    cap(data.get("sales_idr"), "sales_idr", errors, MAX_IDR, rupiah=True)
    condition = data.get("equipment_condition") or None
    if condition is not None and condition not in CONDITIONS:
        errors["equipment_condition"] = _l("Pilih salah satu kondisi.")
    if errors:
        raise InvalidInput(errors)
    return {"visited_on": visited_on, "still_producing": bool(data["still_producing"]),
            "units_produced": data.get("units_produced"), "sales_idr": data.get("sales_idr"),
            "equipment_in_use": data.get("equipment_in_use"),
            "equipment_condition": condition,
            "needs": (data.get("needs") or "").strip() or None,
            "next_step": (data.get("next_step") or "").strip() or None}


def file_report(uow: UnitOfWorkFactory, visit_id: str, data: Mapping,
                photos: Sequence[bytes], upload_dir: Path, max_bytes: int,
                actor: StaffIdentity | None, today: date | None = None) -> dict:
    values = _clean(data, today or today_wib())
    if len(photos) > MAX_PHOTOS:
        raise InvalidInput({"photos": _l("Paling banyak %(n)s foto.", n=MAX_PHOTOS)})
    kinds = [check_upload("photos", content, PHOTO_KINDS, max_bytes) for content in photos]
    saved: list[Path] = []
    with uow() as unit:
        visit = _visit(unit, visit_id, lock=True)
        check_officer(visit, actor)
        if visit.status not in OPEN:
            raise Conflict(str(_l("Laporan kunjungan ini sudah diisi.")))
        try:
            upload_dir.mkdir(parents=True, exist_ok=True)
            for content, kind in zip(photos, kinds, strict=True):
                path = upload_dir / f"visit-{visit.id[:8]}-{uuid.uuid4().hex[:8]}.{kind}"
                path.write_bytes(content)
                saved.append(path)
            unit.session.add(VisitReport(visit_id=visit.id, photos=[p.name for p in saved],
                                         reported_by=actor.email if actor else None, **values))
            visit.status = COMPLETED
            unit.session.flush()
            unit.publish("visit.completed", {
                **_visit_payload(visit), **{k: values[k] for k in (
                    "visited_on", "still_producing", "units_produced", "sales_idr",
                    "equipment_in_use")}})
            unit.session.refresh(visit)
            view = visit_view(visit, detail=True)
            unit.commit()
        except Exception:
            for path in saved:
                path.unlink(missing_ok=True)
            raise
    return view
