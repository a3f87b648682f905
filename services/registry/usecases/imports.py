"""Bulk import of existing spreadsheets: queue the file, then work through it in batches.

Each batch is one transaction holding its businesses, their history, their outbox rows, the
row errors and the job's progress, so a worker that dies mid-file resumes where the last batch
ended, and nothing is imported twice. Records already known (same NIB, or same NIK with the
same business name) are skipped or updated, as the person importing chose; an empty cell
never overwrites what is known.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import selectinload

from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.said import keep, said
from services.kernel.spreadsheets import to_csv, xlsx_rows
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory
from services.registry import spreadsheets
from services.registry.domain.importing import (
    MODES,
    HeaderError,
    check_header,
    coerce_row,
    is_blank,
)
from services.registry.domain.nik import normalize_nik
from services.registry.domain.registration import validate_registration
from services.registry.domain.status import PENDING
from services.registry.models import (
    Business,
    ImportFile,
    ImportJob,
    ImportRowError,
    Owner,
    StatusChange,
)
from services.registry.usecases import audit
from services.registry.usecases.imports_apply import ImportBatch, RowOutcome
from services.registry.usecases.views import import_view

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
BATCH = 500
LEASE = timedelta(seconds=120)
MAX_BYTES = 25 * 1024 * 1024

Progress = Callable[[dict], None]


def start_import(uow: UnitOfWorkFactory, filename: str, content: bytes, mode: str,
                 actor: StaffIdentity | None, *, claim: bool = False) -> dict:
    """Check the file and its header now (one clear error), queue the rest for the worker."""
    errors = {}
    if mode not in MODES:
        errors["mode"] = _l("Pilih salah satu: %(modes)s.", modes=", ".join(MODES))
    kind = spreadsheets.kind_of(filename or "", content) if content else None
    if not content:
        errors["file"] = _l("Berkas kosong atau belum dipilih.")
    elif len(content) > MAX_BYTES:
        errors["file"] = _l("Berkas terlalu besar (maksimal %(mb)s MB).", mb=MAX_BYTES // 2**20)
    elif kind is None:
        errors["file"] = _l("Bukan berkas CSV atau XLSX.")
    else:
        try:
            check_header(spreadsheets.header(content, kind))
        except HeaderError as error:
            errors["file"] = error.message
        except spreadsheets.UnreadableFile:
            errors["file"] = (_l("Berkas XLSX tidak dapat dibaca.") if kind == "xlsx"
                              else _l("Berkas CSV tidak dapat dibaca."))
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        job = ImportJob(filename=(filename or "upload")[:255], kind=kind, mode=mode,
                        status=RUNNING if claim else QUEUED,
                        created_by=actor.email if actor else None)
        if claim:
            job.started_at, job.lease_until = utcnow(), utcnow() + LEASE
        unit.session.add(job)
        unit.session.flush()
        unit.session.add(ImportFile(job_id=job.id, content=content))
        audit.record(unit.session, actor, "umkm.import", "import", job.id,
                     {"filename": job.filename, "mode": mode})
        view = import_view(job)
        unit.commit()
    return view


def get_import(uow: UnitOfWorkFactory, job_id: str, *, errors_limit: int | None = 1000) -> dict:
    with uow(readonly=True) as unit:
        job = unit.session.get(ImportJob, job_id)
        if job is None:
            raise NotFound(str(_l("Impor tidak ditemukan.")))
        query = select(ImportRowError).where(ImportRowError.job_id == job_id).order_by(
            ImportRowError.row, ImportRowError.id)
        if errors_limit is not None:
            query = query.limit(errors_limit)
        found = unit.session.execute(query).scalars().all()
        return {**import_view(job), "errors": [
            {"row": e.row, "field": e.field, "message": said(e.message, e.message_kept)}
            for e in found]}


def error_report(uow: UnitOfWorkFactory, job_id: str, kind: str = "csv") -> bytes:
    """Every bad row with its field and message, as CSV or XLSX."""
    errors = get_import(uow, job_id, errors_limit=None)["errors"]
    records = [(e["row"], e["field"] or "", e["message"]) for e in errors]
    write = xlsx_rows if kind == "xlsx" else to_csv
    return write(["row", "field", "message"], records)


def claim_next(uow: UnitOfWorkFactory) -> str | None:
    """Take the oldest queued import, or one whose worker stopped renewing its lease."""
    now = utcnow()
    with uow() as unit:
        job = unit.session.execute(
            select(ImportJob).where(or_(
                ImportJob.status == QUEUED,
                (ImportJob.status == RUNNING) & (ImportJob.lease_until < now)))
            .order_by(ImportJob.created_at).limit(1)
        ).scalar()
        if job is None:
            return None
        same = [ImportJob.id == job.id, ImportJob.status == job.status]
        if job.lease_until is not None:
            same.append(ImportJob.lease_until == job.lease_until)
        taken = unit.session.execute(
            update(ImportJob).where(*same).values(
                status=RUNNING, lease_until=now + LEASE, started_at=job.started_at or now)
        ).rowcount
        unit.commit()
    return job.id if taken else None


def run_next_import(uow: UnitOfWorkFactory) -> str | None:
    """The worker's periodic job: run one waiting import to its end."""
    job_id = claim_next(uow)
    if job_id:
        run_import(uow, job_id)
    return job_id


def run_import(uow: UnitOfWorkFactory, job_id: str, progress: Progress | None = None,
               today: date | None = None) -> dict:
    """Work through a claimed import from where it stands; `progress` hears after each batch."""
    today = today or today_wib()
    with uow(readonly=True) as unit:
        job = unit.session.get(ImportJob, job_id)
        stored = unit.session.get(ImportFile, job_id)
        kind, mode, start = job.kind, job.mode, job.processed
        content = stored.content if stored else b""
    try:
        all_rows = spreadsheets.rows(content, kind)
        columns = check_header(next(all_rows, []))
        data_rows = [(number, cells) for number, cells in enumerate(all_rows, start=2)
                     if not is_blank(cells)]
    except HeaderError as error:
        return _finish(uow, job_id, FAILED, error.message)
    except spreadsheets.UnreadableFile as error:
        return _finish(uow, job_id, FAILED, _l(
            "Berkas %(kind)s tidak dapat dibaca mulai baris %(row)s, sehingga tidak ada baris "
            "yang diimpor. Simpan ulang berkas itu dari program spreadsheet, lalu impor lagi.",
            kind=kind.upper(), row=error.row))
    _update(uow, job_id, total=len(data_rows))
    if progress:
        progress(get_import(uow, job_id, errors_limit=0))
    for offset in range(start, len(data_rows), BATCH):
        with uow() as unit:
            counts = _batch(unit, data_rows[offset:offset + BATCH], columns, mode, today)
            unit.session.execute(update(ImportJob).where(ImportJob.id == job_id).values(
                processed=min(offset + BATCH, len(data_rows)),
                imported=ImportJob.imported + counts["imported"],
                updated=ImportJob.updated + counts["updated"],
                skipped=ImportJob.skipped + counts["skipped"],
                rejected=ImportJob.rejected + counts["rejected"],
                lease_until=utcnow() + LEASE))
            unit.session.add_all(ImportRowError(job_id=job_id, row=row, field=field,
                                                message=str(message), message_kept=keep(message))
                                 for row, field, message in counts["errors"])
            unit.commit()
        if progress:
            progress(get_import(uow, job_id, errors_limit=0))
    return _finish(uow, job_id, DONE, None)


def _batch(unit: UnitOfWork, batch, columns, mode: str, today: date) -> dict:
    counts = {"imported": 0, "updated": 0, "skipped": 0, "rejected": 0, "errors": []}
    parsed = []
    for number, cells in batch:
        data, errors = coerce_row(columns, cells)
        parsed.append((number, data, errors))
    session = unit.session
    niks = {normalize_nik(str(d.get("nik") or "")) for _, d, _ in parsed}
    nibs = {d["nib"] for _, d, _ in parsed if d.get("nib")}
    owners = {o.nik: o for o in session.execute(
        select(Owner).where(Owner.nik.in_(niks)).options(selectinload(Owner.businesses))
    ).scalars()}
    by_nib = {b.nib: b for b in session.execute(
        select(Business).where(Business.nib.in_(nibs))).unique().scalars()} if nibs else {}
    events: dict[str, list[dict]] = {}
    rows = ImportBatch(unit, mode, today, utcnow(), validate_registration, owners, by_nib)
    with session.no_autoflush:
        for number, data, errors in parsed:
            if not errors:
                outcome: RowOutcome = rows.apply(data)
                errors, result = outcome.errors, outcome.result
                if outcome.event:
                    events.setdefault(outcome.event[0], []).append(outcome.event[1])
            if errors:
                counts["rejected"] += 1
                counts["errors"].extend((number, field, message) for field, message in
                                        errors.items())
            else:
                counts[result] += 1
    session.flush()
    rows.write_new()
    created = [payload["umkm_id"] for payload in events.get("umkm.registered", [])]
    if created:
        session.execute(insert(StatusChange), [
            {"business_id": umkm_id, "from_status": None, "to_status": PENDING}
            for umkm_id in created])
    for name, payloads in events.items():
        unit.publish_many(name, payloads)
    return counts


def _update(uow: UnitOfWorkFactory, job_id: str, **values) -> None:
    with uow() as unit:
        unit.session.execute(update(ImportJob).where(ImportJob.id == job_id).values(**values))
        unit.commit()


def _finish(uow: UnitOfWorkFactory, job_id: str, status: str, message: object | None) -> dict:
    """The job done or failed; a failure's message kept to be said in its reader's language."""
    with uow() as unit:
        unit.session.execute(update(ImportJob).where(ImportJob.id == job_id).values(
            status=status, message=None if message is None else str(message),
            message_kept=keep(message), finished_at=utcnow(), lease_until=None))
        unit.session.execute(delete(ImportFile).where(ImportFile.job_id == job_id))
        unit.commit()
    return get_import(uow, job_id)
