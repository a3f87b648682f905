"""Friday local batik (Perwali): government offices buy batik made by Metro craftspeople.

Offices are OPDs (the city's own offices, bound by the Perwali) or vertical institutions
(national bodies in Kota Metro, asked by a circular letter, whose reference is kept).
A craftsperson is an UMKM of the batik sector in the department's directory.

An order (items, quantity, unit price) is `ordered`; each delivery adds delivered quantities
(never more than ordered), making it `partially_delivered` and, once every item is complete,
`delivered`. An order not yet complete may be `cancelled` (what was delivered stays bought).
`delivered` and `cancelled` are final.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

OPD, VERTICAL = "opd", "vertikal"
OFFICE_KINDS = (OPD, VERTICAL)
KIND_LABELS = {OPD: _l("OPD"), VERTICAL: lazy_pgettext("jenis instansi", "Instansi vertikal")}
ORDERED, PARTIAL, DELIVERED, CANCELLED = ("ordered", "partially_delivered", "delivered",
                                           "cancelled")
STATUSES = (ORDERED, PARTIAL, DELIVERED, CANCELLED)
STATUS_LABELS = {ORDERED: _l("Dipesan"), PARTIAL: _l("Dikirim sebagian"),
                 DELIVERED: _l("Terkirim"), CANCELLED: _l("Dibatalkan")}
OPEN = (ORDERED, PARTIAL)
TRANSITIONS = {
    ORDERED: {PARTIAL, DELIVERED, CANCELLED},
    PARTIAL: {PARTIAL, DELIVERED, CANCELLED},
    DELIVERED: set(),
    CANCELLED: set(),
}
BATIK_SECTORS = ("batik",)
MAX_ITEMS = 50
MAX_QUANTITY = 100_000
MAX_UNIT_PRICE = 100_000_000


class TransitionError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def office_errors(kind: str | None, circular_letter: str | None) -> dict:
    """A vertical institution needs its circular letter; an OPD has none (the Perwali binds it)."""
    errors: dict = {}
    if kind not in OFFICE_KINDS:
        errors["kind"] = _l("Jenis instansi: opd atau vertikal.")
    elif kind == VERTICAL and not (circular_letter or "").strip():
        errors["circular_letter"] = _l("Instansi vertikal wajib disertai nomor surat edaran.")
    elif kind == OPD and (circular_letter or "").strip():
        errors["circular_letter"] = _l("Surat edaran hanya untuk instansi vertikal; OPD terikat "
                                       "Perwali.")
    return errors


def is_craftsperson(umkm: Mapping | None) -> bool:
    return bool(umkm) and umkm.get("sector") in BATIK_SECTORS


@dataclass(frozen=True)
class Line:
    """One item of an order: what was ordered and what has come."""

    quantity: int
    delivered: int = 0

    @property
    def remaining(self) -> int:
        return self.quantity - self.delivered


def status_of(lines: Sequence[Line], cancelled: bool = False) -> str:
    if cancelled:
        return CANCELLED
    if lines and all(line.remaining <= 0 for line in lines):
        return DELIVERED
    if any(line.delivered > 0 for line in lines):
        return PARTIAL
    return ORDERED


def deliver(status: str, lines: Sequence[Line], quantities: Sequence[int]) -> tuple[
        str, list[Line], dict]:
    """A delivery of `quantities` (one per line, 0 for none) -> (new status, lines, errors).

    Errors are keyed by the line's index ("items" when nothing at all was delivered); a final
    order raises TransitionError."""
    if status not in OPEN:
        raise TransitionError(_l("Pesanan berstatus %(s)s tidak dapat menerima pengiriman.",
                                 s=STATUS_LABELS.get(status, status)))
    errors: dict = {}
    if len(quantities) != len(lines):
        raise ValueError("one quantity per line")
    for index, (line, quantity) in enumerate(zip(lines, quantities, strict=True)):
        if quantity < 0:
            errors[index] = _l("Jumlah tidak boleh negatif.")
        elif quantity > line.remaining:
            errors[index] = _l("Melebihi sisa pesanan (%(n)s).", n=line.remaining)
    if not errors and not any(quantities):
        errors["items"] = _l("Isi jumlah yang dikirim untuk sedikitnya satu barang.")
    if errors:
        return status, list(lines), errors
    updated = [Line(line.quantity, line.delivered + quantity)
               for line, quantity in zip(lines, quantities, strict=True)]
    new_status = status_of(updated)
    assert new_status in TRANSITIONS[status]
    return new_status, updated, {}


def cancel(status: str) -> str:
    if CANCELLED not in TRANSITIONS[status]:
        raise TransitionError(_l("Pesanan berstatus %(s)s tidak dapat dibatalkan.",
                                 s=STATUS_LABELS.get(status, status)))
    return CANCELLED


@dataclass(frozen=True)
class OrderFact:
    """What the report needs of one order."""

    office_id: str
    ordered_on: date
    status: str
    ordered_value: int  # sum of quantity x unit price
    delivered_value: int  # sum of delivered quantity x unit price
    pieces: int
    delivered_pieces: int

    @property
    def bought_value(self) -> int:
        """What the office buys: the whole order, or what came before it was cancelled."""
        return self.delivered_value if self.status == CANCELLED else self.ordered_value

    @property
    def bought_pieces(self) -> int:
        return self.delivered_pieces if self.status == CANCELLED else self.pieces


@dataclass(frozen=True)
class OfficeFact:
    id: str
    name: str
    kind: str
    active: bool = True


def purchase_report(offices: Iterable[OfficeFact], orders: Iterable[OrderFact],
                    year: int) -> dict:
    """Per office and per month of `year` (by order date): orders, pieces and rupiah bought
    (cancelled orders count what was delivered), and the active offices that bought nothing."""
    known = {office.id: office for office in offices}
    per_office: dict[str, dict] = {}
    months = {m: {"month": m, "orders": 0, "pieces": 0, "value_idr": 0} for m in range(1, 13)}
    for order in orders:
        if order.ordered_on.year != year or order.office_id not in known:
            continue
        if order.bought_pieces <= 0:  # cancelled before anything came
            continue
        office = known[order.office_id]
        row = per_office.setdefault(office.id, {
            "office_id": office.id, "name": office.name, "kind": office.kind, "orders": 0,
            "pieces": 0, "value_idr": 0, "delivered_idr": 0,
            "by_month": defaultdict(int)})
        row["orders"] += 1
        row["pieces"] += order.bought_pieces
        row["value_idr"] += order.bought_value
        row["delivered_idr"] += order.delivered_value
        row["by_month"][order.ordered_on.month] += order.bought_value
        month = months[order.ordered_on.month]
        month["orders"] += 1
        month["pieces"] += order.bought_pieces
        month["value_idr"] += order.bought_value
    buyers = sorted(per_office.values(), key=lambda r: (-r["value_idr"], r["name"]))
    for row in buyers:
        row["by_month"] = [row["by_month"].get(m, 0) for m in range(1, 13)]
    none = sorted((o for o in known.values() if o.active and o.id not in per_office),
                  key=lambda o: (o.kind, o.name))
    return {
        "year": year,
        "value_idr": sum(r["value_idr"] for r in buyers),
        "delivered_idr": sum(r["delivered_idr"] for r in buyers),
        "pieces": sum(r["pieces"] for r in buyers),
        "orders": sum(r["orders"] for r in buyers),
        "offices": buyers,
        "months": [months[m] for m in range(1, 13)],
        "offices_without_purchase": [{"office_id": o.id, "name": o.name, "kind": o.kind}
                                     for o in none],
    }
