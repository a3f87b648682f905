"""Export of any filtered list of UMKM to CSV or XLSX; the full NIK only for roles that may
see it, and every export in the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from services.kernel import spreadsheets
from services.kernel.identity import (
    ADMIN,
    BAZAAR_COORDINATOR,
    REGISTRY_OFFICER,
    TRAINING_COORDINATOR,
    StaffIdentity,
)
from services.kernel.uow import UnitOfWorkFactory
from services.registry.usecases import audit
from services.registry.usecases.umkm import UmkmQuery, filtered_query, sorted_query
from services.registry.usecases.views import umkm_view

COLUMNS = ("id", "status", "business_name", "owner_name", "nik", "owner_sex", "sector", "scale",
           "kecamatan", "kelurahan", "address", "phone", "email", "nib", "kbli", "capital_idr",
           "annual_turnover_idr", "workers_male", "workers_female", "founded_year", "latitude",
           "longitude", "registered_on", "verified_at")
CHUNK = 1000
# Who may export lists, and who of them sees the full NIK (the others get it masked).
EXPORTERS = (ADMIN, REGISTRY_OFFICER, BAZAAR_COORDINATOR, TRAINING_COORDINATOR)


def may_see_nik(actor: StaffIdentity) -> bool:
    return actor.has_any(ADMIN, REGISTRY_OFFICER)


def _records(uow: UnitOfWorkFactory, query: UmkmQuery, full_nik: bool) -> Iterator[list]:
    with uow(readonly=True) as unit:
        stmt = sorted_query(query, unit.session)
        result = unit.session.execute(stmt.execution_options(yield_per=CHUNK))
        for business in result.scalars():
            view = umkm_view(business, full_nik=full_nik)
            yield [view[column] if view[column] is not None else "" for column in COLUMNS]


def export_umkm(uow: UnitOfWorkFactory, query: UmkmQuery, kind: str,
                actor: StaffIdentity) -> Iterator[bytes] | bytes:
    """CSV as a stream of chunks (any size), XLSX as one workbook."""
    full_nik = may_see_nik(actor)
    filtered_query(query)  # bad filters fail here, before anything is written or streamed
    with uow() as unit:
        audit.record(unit.session, actor, "umkm.export", "business", None,
                     {"format": kind, "full_nik": full_nik,
                      "filters": {k: v for k, v in asdict(query).items()
                                  if v not in (None, "") and k not in ("page", "per_page")}})
        unit.commit()
    records = _records(uow, query, full_nik)
    if kind == "xlsx":
        return spreadsheets.xlsx_rows(COLUMNS, records)
    return spreadsheets.csv_stream(COLUMNS, records)
