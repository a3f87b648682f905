"""Read models the use cases return: plain dicts, NIK masked unless asked otherwise."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from services.kernel.said import said
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain.nik import mask_nik
from services.registry.models import Business, ImportJob, Owner, StatusChange

_B, _O, _H = Business.__table__.c, Owner.__table__.c, StatusChange.__table__.c
# An UMKM as the use cases return it, key by key: from the business or from its owner. The
# NIK comes masked unless asked otherwise, with nik_masked saying which.
_VIEW = (
    ("id", _B.id), ("status", _B.status), ("status_reason", _B.status_reason),
    ("scale", _B.scale), ("scale_basis", _B.scale_basis),
    ("scale_regulation", _B.scale_regulation), ("owner_id", _O.id), ("owner_name", _O.name),
    ("owner_sex", _O.sex), ("nik", _O.nik), ("nik_masked", None), ("business_name", _B.name),
    ("sector", _B.sector), ("kecamatan", _B.kecamatan), ("kelurahan", _B.kelurahan),
    ("address", _B.address), ("phone", _O.phone), ("email", _O.email), ("nib", _B.nib),
    ("kbli", _B.kbli),
    ("capital_idr", _B.capital_idr), ("annual_turnover_idr", _B.annual_turnover_idr),
    ("workers_male", _B.workers_male), ("workers_female", _B.workers_female),
    ("founded_year", _B.founded_year), ("latitude", _B.latitude), ("longitude", _B.longitude),
    ("registered_on", _B.registered_on), ("verified_at", _B.verified_at),
    ("verified_by", _B.verified_by), ("mb2_member", _B.mb2_member),
    ("created_at", _B.created_at), ("updated_at", _B.updated_at),
)
_COLUMNS = tuple((key, column) for key, column in _VIEW if column is not None)
_FROM_OBJECTS = tuple((key, column.table is Owner.__table__, column.key)
                      for key, column in _COLUMNS)


def umkm_view(business: Business, *, full_nik: bool = False) -> dict:
    """The view of a business object (or anything with its attributes and an `owner`)."""
    owner = business.owner
    values = {key: getattr(owner if of_owner else business, attr)
              for key, of_owner, attr in _FROM_OBJECTS}
    return _finish(values, full_nik)


def _finish(values: dict, full_nik: bool) -> dict:
    view = {key: values.get(key) for key, _ in _VIEW}
    view["nik"] = values["nik"] if full_nik else mask_nik(values["nik"])
    view["nik_masked"] = not full_nik
    return view


# The same read by one plain statement, for the single-record read (no ORM objects).
_VIEW_COLUMNS = tuple(column.label(key) for key, column in _COLUMNS)
_VIEW_KEYS = tuple(key for key, _ in _COLUMNS)
_HISTORY_KEYS = ("from_status", "to_status", "reason", "actor", "at")
# The record with one row per status change, oldest first (to_status is never null).
_UMKM_ROWS = (
    select(*_VIEW_COLUMNS, *(_H[key] for key in _HISTORY_KEYS))
    .select_from(Business.__table__.join(Owner.__table__, _B.owner_id == _O.id)
                 .outerjoin(StatusChange.__table__, _H.business_id == _B.id))
    .where(_B.id == bindparam("umkm_id")).order_by(_H.id)
)


def read_umkm(uow: UnitOfWorkFactory, umkm_id: str) -> dict | None:
    """umkm_view (NIK masked) of one business with its status history (oldest first), or None
    when there is none: one statement."""
    rows = uow.read_rows(_UMKM_ROWS, {"umkm_id": umkm_id})
    if not rows:
        return None
    width = len(_VIEW_KEYS)
    view = _finish(dict(zip(_VIEW_KEYS, rows[0][:width], strict=True)), full_nik=False)
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
        "rejected": job.rejected, "message": said(job.message, job.message_kept)
        if job.message else None, "created_by": job.created_by,
        "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at,
        "percent": round(100 * job.processed / job.total) if job.total else
        (100 if job.status in ("done", "failed") else 0),
    }
