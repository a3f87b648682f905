"""The activity timeline: other contexts' events about an UMKM, kept as a local read model."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from services.kernel.events.catalogue import Event
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory
from services.registry.domain.activity import KINDS, activity_of, kinds_sharing_entry
from services.registry.models import Activity, Business
from services.registry.usecases.umkm import business_or_404


def record_activity(event: Event, unit: UnitOfWork) -> None:
    """The handler for every timeline event (in the consumer's transaction): one row per
    subject; a newer event about the same subject (a corrected report, or the cancellation of
    the bazaar an allocated stall was at) replaces it."""
    entry = activity_of(event.type, event.payload, event.occurred_at)
    session = unit.session
    entry = replace(entry, umkm_id=_surviving_id(session, entry.umkm_id))
    row = session.execute(select(Activity).where(
        Activity.umkm_id == entry.umkm_id, Activity.kind.in_(kinds_sharing_entry(entry.kind)),
        Activity.subject_id == entry.subject_id)).scalar()
    if row is None:
        session.add(Activity(umkm_id=entry.umkm_id, kind=entry.kind,
                             subject_id=entry.subject_id, happened_on=entry.on,
                             summary=entry.summary,
                             event_id=event.event_id, occurred_at=event.occurred_at))
    elif row.occurred_at <= event.occurred_at:
        row.kind, row.happened_on, row.summary = entry.kind, entry.on, entry.summary
        row.event_id, row.occurred_at = event.event_id, event.occurred_at


def _surviving_id(session, umkm_id: str) -> str:
    """The record an UMKM's history now lives on: the one it was merged into, if it was (other
    contexts still hold the old id, and their later events about it carry that id)."""
    seen = {umkm_id}
    while (merged_into := session.execute(select(Business.merged_into)
                                          .where(Business.id == umkm_id)).scalar()):
        if merged_into in seen:  # never expected; stop rather than loop
            break
        seen.add(merged_into)
        umkm_id = merged_into
    return umkm_id


def handlers() -> dict:
    return {kind: record_activity for kind in KINDS}


def timeline(uow: UnitOfWorkFactory, umkm_id: str, page: int = 1, per_page: int = 50) -> dict:
    """Newest first: what the UMKM did, with the facts each context reported."""
    with uow(readonly=True) as unit:
        business_or_404(unit.session, umkm_id)
        where = Activity.umkm_id == umkm_id
        total = unit.session.execute(select(func.count()).where(where)).scalar_one()
        rows = unit.session.execute(
            select(Activity).where(where)
            .order_by(Activity.happened_on.desc(), Activity.id.desc())
            .offset((page - 1) * per_page).limit(per_page)).scalars()
        items = [{"kind": r.kind, "on": r.happened_on, "summary": r.summary,
                  "occurred_at": r.occurred_at} for r in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}
