"""Read models the use cases return: plain dicts, NIK masked unless asked otherwise."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from services.registry.domain.nik import mask_nik
from services.registry.models import Business, ImportJob, Owner, StatusChange


def umkm_view(business: Business, *, full_nik: bool = False) -> dict:
    owner = business.owner
    return {
        "id": business.id,
        "status": business.status,
        "status_reason": business.status_reason,
        "scale": business.scale,
        "scale_basis": business.scale_basis,
        "scale_regulation": business.scale_regulation,
        "owner_id": owner.id,
        "owner_name": owner.name,
        "owner_sex": owner.sex,
        "nik": owner.nik if full_nik else mask_nik(owner.nik),
        "nik_masked": not full_nik,
        "business_name": business.name,
        "sector": business.sector,
        "kecamatan": business.kecamatan,
        "kelurahan": business.kelurahan,
        "address": business.address,
        "phone": owner.phone,
        "email": owner.email,
        "nib": business.nib,
        "kbli": business.kbli,
        "capital_idr": business.capital_idr,
        "annual_turnover_idr": business.annual_turnover_idr,
        "workers_male": business.workers_male,
        "workers_female": business.workers_female,
        "founded_year": business.founded_year,
        "latitude": business.latitude,
        "longitude": business.longitude,
        "registered_on": business.registered_on,
        "verified_at": business.verified_at,
        "verified_by": business.verified_by,
        "mb2_member": business.mb2_member,
        "created_at": business.created_at,
        "updated_at": business.updated_at,
    }


_B, _O, _H = Business.__table__.c, Owner.__table__.c, StatusChange.__table__.c
# umkm_view's keys read by one plain statement, for the single-record read (no ORM objects).
_OWNER_KEYS = {"owner_id": _O.id, "owner_name": _O.name, "owner_sex": _O.sex, "nik": _O.nik,
               "phone": _O.phone, "email": _O.email}
_BUSINESS_KEYS = ("id", "status", "status_reason", "scale", "scale_basis", "scale_regulation",
                  "sector", "kecamatan", "kelurahan", "address", "nib", "kbli", "capital_idr",
                  "annual_turnover_idr", "workers_male", "workers_female", "founded_year",
                  "latitude", "longitude", "registered_on", "verified_at", "verified_by",
                  "mb2_member", "created_at", "updated_at")
_VIEW_COLUMNS = (*(_B[key] for key in _BUSINESS_KEYS), _B.name.label("business_name"),
                 *(column.label(key) for key, column in _OWNER_KEYS.items()))
_VIEW_KEYS = tuple(column.key for column in _VIEW_COLUMNS)
_HISTORY_KEYS = ("from_status", "to_status", "reason", "actor", "at")
# The record with one row per status change, oldest first (to_status is never null).
_UMKM_ROWS = (
    select(*_VIEW_COLUMNS, *(_H[key] for key in _HISTORY_KEYS))
    .select_from(Business.__table__.join(Owner.__table__, _B.owner_id == _O.id)
                 .outerjoin(StatusChange.__table__, _H.business_id == _B.id))
    .where(_B.id == bindparam("umkm_id")).order_by(_H.id)
)


def read_umkm(session: Session, umkm_id: str) -> dict | None:
    """umkm_view (NIK masked) of one business with its status history (oldest first), or None
    when there is none: one statement."""
    rows = session.execute(_UMKM_ROWS, {"umkm_id": umkm_id}).all()
    if not rows:
        return None
    width = len(_VIEW_KEYS)
    view = dict(zip(_VIEW_KEYS, rows[0][:width], strict=True))
    view["nik"], view["nik_masked"] = mask_nik(view["nik"]), True
    view["history"] = [dict(zip(_HISTORY_KEYS, row[width:], strict=True)) for row in rows
                       if row[width + 1] is not None]
    return view


def snapshot(business: Business) -> dict:
    """What other contexts may know (the umkm.* event payload): no NIK."""
    owner = business.owner
    return {
        "umkm_id": business.id,
        "owner_id": business.owner_id,
        "business_name": business.name,
        "owner_name": owner.name,
        "sector": business.sector,
        "scale": business.scale,
        "kecamatan": business.kecamatan,
        "kelurahan": business.kelurahan,
        "status": business.status,
        "phone": owner.phone,
        "email": owner.email,
        "locale": owner.locale or "id",
        "registered_on": business.registered_on,
    }


def import_view(job: ImportJob) -> dict:
    return {
        "id": job.id, "filename": job.filename, "kind": job.kind, "mode": job.mode,
        "status": job.status, "total": job.total, "processed": job.processed,
        "imported": job.imported, "updated": job.updated, "skipped": job.skipped,
        "rejected": job.rejected, "message": job.message, "created_by": job.created_by,
        "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at,
        "percent": round(100 * job.processed / job.total) if job.total else
        (100 if job.status in ("done", "failed") else 0),
    }
