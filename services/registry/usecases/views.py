"""Read models the use cases return: plain dicts, NIK masked unless asked otherwise."""

from __future__ import annotations

from services.registry.domain.nik import mask_nik
from services.registry.models import Business, ImportJob


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


def history_view(business: Business) -> list[dict]:
    return [
        {"from_status": h.from_status, "to_status": h.to_status, "reason": h.reason,
         "actor": h.actor, "at": h.at}
        for h in business.history
    ]


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
