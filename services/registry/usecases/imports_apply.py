"""One row of an import against what the register already holds: new, skipped or updated.

A batch's new owners and businesses are plain rows, written in one INSERT statement each when
the batch ends (`ImportBatch.write_new`); records already in the database are models, which an
update changes in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput
from services.kernel.uow import UnitOfWork
from services.registry.domain.business import name_key
from services.registry.domain.nik import normalize_nik
from services.registry.models import Business, Owner
from services.registry.usecases.editing import apply_changes, current_values
from services.registry.usecases.registering import business_row, insert_rows, owner_row
from services.registry.usecases.views import snapshot


@dataclass
class RowOutcome:
    result: str = "skipped"  # imported | updated | skipped
    errors: dict = field(default_factory=dict)
    event: tuple[str, dict] | None = None  # published with the batch


@dataclass
class ImportBatch:
    """What one batch knows: the stored records its rows name, and the ones it adds."""

    unit: UnitOfWork
    mode: str
    today: date
    now: datetime
    validate: Callable
    owners: dict[str, Owner]  # stored, by NIK, with their businesses
    by_nib: dict[str, Business]  # stored
    new_owners: dict[str, SimpleNamespace] = field(default_factory=dict)  # by NIK
    new_by_nib: dict[str, SimpleNamespace] = field(default_factory=dict)
    new_by_key: dict[tuple[str, str], SimpleNamespace] = field(default_factory=dict)
    _unwritten_owners: list[SimpleNamespace] = field(default_factory=list)
    _unwritten_businesses: list[SimpleNamespace] = field(default_factory=list)

    def apply(self, data: dict) -> RowOutcome:
        existing = self._known(data)
        if existing is None:
            try:
                reg = self.validate(data, self.today)
            except InvalidInput as invalid:
                return RowOutcome(errors=invalid.fields)
            return self._add(reg)
        if self.mode == "skip":
            return RowOutcome("skipped")
        if isinstance(existing, SimpleNamespace):  # added earlier in this batch: store it first
            self.write_new()
            existing = self.unit.session.get(Business, existing.id)
        nib = existing.nib
        outcome = _update(existing, data, self.today, self.validate)
        if existing.nib and existing.nib != nib:  # the rows after it find it by its new NIB
            self.by_nib.pop(nib, None)
            self.by_nib[existing.nib] = existing
        return outcome

    def write_new(self) -> None:
        """INSERT the owners and businesses added since the last write."""
        insert_rows(self.unit.session, self._unwritten_owners, self._unwritten_businesses)
        self._unwritten_owners, self._unwritten_businesses = [], []

    def _known(self, data: dict) -> Business | SimpleNamespace | None:
        nib = data.get("nib")
        if nib and (nib in self.by_nib or nib in self.new_by_nib):
            return self.by_nib.get(nib) or self.new_by_nib[nib]
        nik = normalize_nik(str(data.get("nik") or ""))
        key = name_key(str(data.get("business_name") or ""))
        if (nik, key) in self.new_by_key:
            return self.new_by_key[nik, key]
        owner = self.owners.get(nik)
        if owner is None:
            return None
        return next((b for b in owner.businesses if b.name_key == key), None)

    def _add(self, reg) -> RowOutcome:
        nik = reg.nik.nik
        owner = self.owners.get(nik) or self.new_owners.get(nik)
        if owner is None:
            owner = self.new_owners[nik] = owner_row(reg, self.now)
            self._unwritten_owners.append(owner)
        business = business_row(owner, reg, None, self.now)
        self._unwritten_businesses.append(business)
        self.new_by_key[nik, business.name_key] = business
        if reg.nib:
            self.new_by_nib[reg.nib] = business
        return RowOutcome("imported", event=(
            "umkm.registered", {**snapshot(business), "source": "import"}))


def _update(business: Business, data: dict, today: date, validate: Callable) -> RowOutcome:
    current = current_values(business)
    if data.get("nik") and normalize_nik(str(data["nik"])) != current["nik"]:
        return RowOutcome(errors={"nik": _l("NIK berbeda dengan pemilik usaha yang ber-NIB "
                                            "ini.")})
    try:
        reg = validate({**current, **data}, today)
    except InvalidInput as invalid:
        return RowOutcome(errors=invalid.fields)
    changed = apply_changes(business, reg, data)
    if not changed:
        return RowOutcome("skipped")
    return RowOutcome("updated", event=(
        "umkm.updated", {**snapshot(business), "changed": sorted(changed)}))
