"""Friday local batik (Perwali): offices, local batik craftspeople (batik UMKM of the directory),
orders and their deliveries, and the report of which offices buy local batik and how much."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.bazaar.domain import batik as rules
from services.bazaar.domain.batik import (
    MAX_ITEMS,
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    OPEN,
    ORDERED,
    VERTICAL,
    Line,
    OfficeFact,
    OrderFact,
    TransitionError,
)
from services.bazaar.domain.labels import word
from services.bazaar.models_batik import (
    BatikDelivery,
    BatikDeliveryLine,
    BatikOffice,
    BatikOrder,
    BatikOrderItem,
)
from services.bazaar.usecases.concurrent_edits import to_write
from services.kernel.clock import today_wib, utcnow
from services.kernel.contains import containing
from services.kernel.edits import plain_values, refuse_stale, version_of
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,28}$")
ORDER_YEARS_BACK = 5
MAX_DUE_DAYS = 366
OFFICE_EDITABLE = ("name", "kind", "circular_letter", "circular_letter_date", "contact_name",
                   "contact_phone", "active")


def _key(name: str) -> str:
    """Case and spacing aside; no longer than its column (case folding may lengthen a name:
    ß -> ss)."""
    return " ".join(name.split()).casefold()[:BatikOffice.name_key.type.length]


def _text(value, name: str, errors: dict, high: int, *, low: int = 1,
          required: bool = False) -> str | None:
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            errors[name] = _l("Wajib diisi.")
        return None
    if not low <= len(text) <= high:
        errors[name] = _l("Panjang %(low)s sampai %(high)s karakter.", low=low, high=high)
    return text


# -- offices ------------------------------------------------------------------------------------

def office_view(office: BatikOffice) -> dict:
    return {"id": office.id, "name": office.name, "kind": office.kind,
            "circular_letter": office.circular_letter,
            "circular_letter_date": office.circular_letter_date,
            "contact_name": office.contact_name, "contact_phone": office.contact_phone,
            "active": office.active, "created_at": office.created_at}


def _check_office(data: Mapping, current: BatikOffice | None = None) -> dict:
    merged = {} if current is None else office_view(current)
    merged.update({k: v for k, v in data.items() if k in OFFICE_EDITABLE})
    errors: dict = {}
    clean = {
        "name": _text(merged.get("name"), "name", errors, 200, low=3, required=True),
        "kind": merged.get("kind"),
        "circular_letter": _text(merged.get("circular_letter"), "circular_letter", errors, 120),
        "circular_letter_date": merged.get("circular_letter_date"),
        "contact_name": _text(merged.get("contact_name"), "contact_name", errors, 200),
        "contact_phone": _text(merged.get("contact_phone"), "contact_phone", errors, 30),
        "active": True if merged.get("active") is None else bool(merged.get("active")),
    }
    for name, message in rules.office_errors(clean["kind"], clean["circular_letter"]).items():
        errors.setdefault(name, message)
    letter_date = clean["circular_letter_date"]
    if letter_date is not None:
        if clean["kind"] != VERTICAL:
            errors["circular_letter_date"] = _l("Tanggal surat edaran hanya untuk instansi "
                                                "vertikal.")
        elif not isinstance(letter_date, date) or letter_date > today_wib():
            errors["circular_letter_date"] = _l("Tanggal surat edaran tidak boleh di masa "
                                                "depan.")
    if clean["contact_phone"] and not PHONE.match(clean["contact_phone"]):
        errors["contact_phone"] = _l("Tulis nomor telepon dengan angka, misalnya 0725 41234.")
    if errors:
        raise InvalidInput(errors)
    return clean


def _office_duplicate(name: str) -> Conflict:
    return Conflict(str(_l("Instansi %(name)s sudah terdaftar.", name=name)),
                    {"name": _l("Nama instansi sudah terdaftar.")})


def create_office(uow: UnitOfWorkFactory, data: Mapping, actor: StaffIdentity | None) -> dict:
    clean = _check_office(data)
    with uow() as unit:
        key = _key(clean["name"])
        if unit.session.execute(select(BatikOffice.id).where(
                BatikOffice.name_key == key)).first():
            raise _office_duplicate(clean["name"])
        office = BatikOffice(name_key=key, created_by=actor.email if actor else None, **clean)
        unit.session.add(office)
        try:
            unit.session.flush()
        except IntegrityError:
            raise _office_duplicate(clean["name"]) from None
        view = office_view(office)
        unit.commit()
    return view


def office_row(session, office_id: str) -> BatikOffice:
    office = session.get(BatikOffice, office_id)
    if office is None:
        raise NotFound(str(_l("Instansi tidak ditemukan.")))
    return office


def office_version(office: Mapping) -> str:
    """The version of an office's editable data (its ETag)."""
    return version_of(office, OFFICE_EDITABLE)


def office_shown(office: Mapping) -> dict:
    """The editable values of an office's view as its edit form carries them."""
    return plain_values(office, OFFICE_EDITABLE)


def update_office(uow: UnitOfWorkFactory, office_id: str, data: Mapping, *,
                  shown: Mapping | None = None, if_match: str | None = None) -> dict:
    """Change what was given. A form's `shown` values keep a colleague's change to a field this
    person did not touch, and refuse one to a field they changed (EditConflict); an API
    client's `if_match` refuses a change to a version no longer stored."""
    with uow() as unit:
        office = office_row(unit.session, office_id)
        stored = {name: getattr(office, name) for name in OFFICE_EDITABLE}
        refuse_stale(if_match, stored)
        clean = _check_office(data, office)
        if shown is not None:
            names = to_write(shown, {n: clean[n] for n in data if n in OFFICE_EDITABLE},
                             stored, kinds={"kind": "office_kind"})
            clean = _check_office({name: data[name] for name in names}, office)
        key = _key(clean["name"])
        if key != office.name_key and unit.session.execute(select(BatikOffice.id).where(
                BatikOffice.name_key == key)).first():
            raise _office_duplicate(clean["name"])
        for name, value in clean.items():
            setattr(office, name, value)
        office.name_key = key
        try:
            unit.session.flush()
        except IntegrityError:
            raise _office_duplicate(clean["name"]) from None
        view = office_view(office)
        unit.commit()
    return view


def get_office(uow: UnitOfWorkFactory, office_id: str) -> dict:
    with uow(readonly=True) as unit:
        return office_view(office_row(unit.session, office_id))


def list_offices(uow: UnitOfWorkFactory, *, kind: str | None = None, active: bool | None = None,
                 q: str | None = None, page: int = 1, per_page: int = 50) -> dict:
    query = select(BatikOffice)
    if kind:
        query = query.where(BatikOffice.kind == kind)
    if active is not None:
        query = query.where(BatikOffice.active.is_(active))
    if q:
        query = query.where(containing(_key(q), BatikOffice.name_key, fold=False))
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(query.subquery())).scalar_one()
        rows = unit.session.execute(query.order_by(BatikOffice.kind, BatikOffice.name_key)
                                    .offset((page - 1) * per_page).limit(per_page)).scalars()
        items = [office_view(o) for o in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


# -- craftspeople -------------------------------------------------------------------------------

def list_craftspeople(uow: UnitOfWorkFactory, directory: UmkmDirectory, *, q: str | None = None,
                      page: int = 1, per_page: int = 50) -> dict:
    """Verified UMKM of the batik sector (the department's directory), with what offices have
    ordered from each."""
    with uow(readonly=True) as unit:
        found, total = directory.search(unit, q=q, status="verified", sector="batik", page=page,
                                        per_page=per_page)
        ids = [u["umkm_id"] for u in found]
        stats = {umkm_id: (orders, value) for umkm_id, orders, value in unit.session.execute(
            select(BatikOrder.umkm_id, func.count(func.distinct(BatikOrder.id)),
                   func.coalesce(func.sum(BatikOrderItem.quantity
                                          * BatikOrderItem.unit_price_idr), 0))
            .join(BatikOrderItem, BatikOrderItem.order_id == BatikOrder.id)
            .where(BatikOrder.umkm_id.in_(ids), BatikOrder.status != rules.CANCELLED)
            .group_by(BatikOrder.umkm_id))}
    items = [{"umkm_id": u["umkm_id"], "business_name": u["business_name"],
              "owner_name": u["owner_name"], "kecamatan": u["kecamatan"],
              "kelurahan": u["kelurahan"], "scale": u["scale"],
              "orders": stats.get(u["umkm_id"], (0, 0))[0],
              "ordered_idr": int(stats.get(u["umkm_id"], (0, 0))[1])} for u in found]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


# -- orders -------------------------------------------------------------------------------------

def order_view(order: BatikOrder, today: date | None = None) -> dict:
    today = today or today_wib()
    names = {item.id: item.item for item in order.items}
    items = [{"id": i.id, "item": i.item, "quantity": i.quantity,
              "unit_price_idr": i.unit_price_idr, "delivered_quantity": i.delivered_quantity,
              "value_idr": i.quantity * i.unit_price_idr} for i in order.items]
    return {
        "id": order.id, "office_id": order.office_id, "office_name": order.office.name,
        "office_kind": order.office.kind, "umkm_id": order.umkm_id,
        "business_name": order.business_name, "owner_name": order.owner_name,
        "ordered_on": order.ordered_on, "due_on": order.due_on, "status": order.status,
        "overdue": order.status in OPEN and order.due_on < today,
        "notes": order.notes, "cancel_reason": order.cancel_reason,
        "items": items,
        "pieces": sum(i.quantity for i in order.items),
        "delivered_pieces": sum(i.delivered_quantity for i in order.items),
        "total_idr": sum(i["value_idr"] for i in items),
        "delivered_idr": sum(i.delivered_quantity * i.unit_price_idr for i in order.items),
        "deliveries": [{"id": d.id, "delivered_on": d.delivered_on, "note": d.note,
                        "recorded_by": d.recorded_by, "recorded_at": d.recorded_at,
                        "lines": [{"item_id": ln.item_id, "item": names.get(ln.item_id, ""),
                                   "quantity": ln.quantity} for ln in d.lines]}
                       for d in order.deliveries],
        "created_by": order.created_by, "created_at": order.created_at,
        "updated_at": order.updated_at,
    }


def _int(value, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def _check_items(raw, errors: dict) -> list[dict]:
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        errors["items"] = _l("Isi sedikitnya satu barang.")
        return []
    if len(raw) > MAX_ITEMS:
        errors["items"] = _l("Paling banyak %(n)s barang per pesanan.", n=MAX_ITEMS)
        return []
    clean = []
    for index, line in enumerate(raw):
        line = line if isinstance(line, Mapping) else {}
        prefix = f"items.{index}"
        item = _text(line.get("item"), f"{prefix}.item", errors, 200, low=2, required=True)
        quantity = _int(line.get("quantity"), 1, MAX_QUANTITY)
        if quantity is None:
            errors[f"{prefix}.quantity"] = _l("Jumlah 1 sampai %(n)s.", n=MAX_QUANTITY)
        price = _int(line.get("unit_price_idr"), 1, MAX_UNIT_PRICE)
        if price is None:
            errors[f"{prefix}.unit_price_idr"] = _l("Harga satuan Rp1 sampai Rp%(n)s.",
                                                    n=f"{MAX_UNIT_PRICE:,}".replace(",", "."))
        clean.append({"item": item, "quantity": quantity, "unit_price_idr": price})
    return clean


def create_order(uow: UnitOfWorkFactory, directory: UmkmDirectory, data: Mapping,
                 actor: StaffIdentity | None) -> dict:
    """An office orders batik from a local craftsperson (a verified batik UMKM)."""
    errors: dict = {}
    today = today_wib()
    ordered_on = data.get("ordered_on") or today
    due_on = data.get("due_on")
    if not isinstance(ordered_on, date):
        errors["ordered_on"] = _l("Wajib diisi.")
    elif ordered_on > today:
        errors["ordered_on"] = _l("Tanggal pesan tidak boleh di masa depan.")
    elif ordered_on < today - timedelta(days=366 * ORDER_YEARS_BACK):
        errors["ordered_on"] = _l("Tanggal pesan paling lama %(n)s tahun lalu.",
                                  n=ORDER_YEARS_BACK)
    if not isinstance(due_on, date):
        errors["due_on"] = _l("Wajib diisi: tanggal barang harus diterima.")
    elif isinstance(ordered_on, date) and not (
            ordered_on <= due_on and (due_on - ordered_on).days <= MAX_DUE_DAYS):
        errors["due_on"] = _l("Tenggat pada atau setelah tanggal pesan, paling lama setahun.")
    items = _check_items(data.get("items"), errors)
    notes = str(data.get("notes") or "").strip() or None
    if notes and len(notes) > 2000:
        errors["notes"] = _l("Paling banyak %(n)s karakter.", n=2000)
    if not data.get("office_id"):
        errors["office_id"] = _l("Pilih instansi.")
    if not data.get("umkm_id"):
        errors["umkm_id"] = _l("Pilih perajin batik.")
    with uow() as unit:
        office = unit.session.get(BatikOffice, data["office_id"]) if data.get(
            "office_id") else None
        if data.get("office_id") and office is None:
            errors["office_id"] = _l("Instansi tidak dikenal.")
        elif office is not None and not office.active:
            errors["office_id"] = _l("Instansi ini tidak aktif.")
        umkm = directory.get(unit, data["umkm_id"]) if data.get("umkm_id") else None
        if data.get("umkm_id"):
            if umkm is None:
                errors["umkm_id"] = _l("UMKM tidak dikenal.")
            elif not rules.is_craftsperson(umkm):
                errors["umkm_id"] = _l("Bukan perajin batik lokal: sektor UMKM ini %(s)s.",
                                       s=word("sector", umkm["sector"]))
            elif umkm["status"] != "verified":
                errors["umkm_id"] = _l("Hanya perajin batik terverifikasi yang dapat menerima "
                                       "pesanan.")
        if errors:
            raise InvalidInput(errors)
        order = BatikOrder(
            office_id=office.id, umkm_id=umkm["umkm_id"], business_name=umkm["business_name"],
            owner_name=umkm["owner_name"], ordered_on=ordered_on, due_on=due_on,
            status=ORDERED, notes=notes, created_by=actor.email if actor else None)
        order.office = office
        order.items = [BatikOrderItem(position=n, delivered_quantity=0, **line)
                       for n, line in enumerate(items)]
        unit.session.add(order)
        unit.session.flush()
        view = order_view(order)
        unit.commit()
    return view


def order_row(session, order_id: str, *, lock: bool = False) -> BatikOrder:
    order = session.get(BatikOrder, order_id, with_for_update=lock or None)
    if order is None:
        raise NotFound(str(_l("Pesanan tidak ditemukan.")))
    return order


def get_order(uow: UnitOfWorkFactory, order_id: str) -> dict:
    with uow(readonly=True) as unit:
        return order_view(order_row(unit.session, order_id))


def list_orders(uow: UnitOfWorkFactory, *, office_id: str | None = None,
                umkm_id: str | None = None, status: str | None = None, year: int | None = None,
                page: int = 1, per_page: int = 20) -> dict:
    """Orders, newest order date first."""
    query = select(BatikOrder)
    if office_id:
        query = query.where(BatikOrder.office_id == office_id)
    if umkm_id:
        query = query.where(BatikOrder.umkm_id == umkm_id)
    if status:
        query = query.where(BatikOrder.status == status)
    if year:
        query = query.where(BatikOrder.ordered_on >= date(year, 1, 1),
                            BatikOrder.ordered_on <= date(year, 12, 31))
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(query.subquery())).scalar_one()
        rows = unit.session.execute(query.order_by(
            BatikOrder.ordered_on.desc(), BatikOrder.created_at.desc()).offset(
            (page - 1) * per_page).limit(per_page)).scalars().all()
        today = today_wib()
        items = [order_view(o, today) for o in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def record_delivery(uow: UnitOfWorkFactory, order_id: str, data: Mapping,
                    actor: StaffIdentity | None) -> dict:
    """What the craftsperson delivered (per item) and when: partly or wholly delivered."""
    errors: dict = {}
    today = today_wib()
    delivered_on = data.get("delivered_on") or today
    if not isinstance(delivered_on, date) or delivered_on > today:
        errors["delivered_on"] = _l("Tanggal terima tidak boleh di masa depan.")
    note = _text(data.get("note"), "note", errors, 300)
    raw = data.get("items")
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        errors["items"] = _l("Isi jumlah yang dikirim untuk sedikitnya satu barang.")
        raw = []
    with uow() as unit:
        order = order_row(unit.session, order_id, lock=True)
        if order.status not in OPEN:
            raise Conflict(str(_l("Pesanan berstatus %(s)s tidak dapat menerima pengiriman.",
                                  s=word("batik_order", order.status))))
        if isinstance(delivered_on, date) and delivered_on < order.ordered_on:
            errors["delivered_on"] = _l("Tanggal terima tidak boleh sebelum tanggal pesan.")
        position = {item.id: n for n, item in enumerate(order.items)}
        quantities = [0] * len(order.items)
        asked_at: dict[int, int] = {}  # the item's position -> its line in the request
        for index, line in enumerate(raw):
            line = line if isinstance(line, Mapping) else {}
            at = position.get(line.get("item_id"))
            quantity = _int(line.get("quantity"), 0, MAX_QUANTITY)
            if at is None:
                errors[f"items.{index}.item_id"] = _l("Barang ini tidak ada di pesanan.")
            elif at in asked_at:
                errors[f"items.{index}.item_id"] = _l("Barang ini tertulis dua kali.")
            if quantity is None:
                errors[f"items.{index}.quantity"] = _l("Jumlah 0 sampai %(n)s.", n=MAX_QUANTITY)
            elif at is not None and at not in asked_at:
                quantities[at], asked_at[at] = quantity, index
        if errors:
            raise InvalidInput(errors)
        lines = [Line(i.quantity, i.delivered_quantity) for i in order.items]
        try:
            status, updated, problems = rules.deliver(order.status, lines, quantities)
        except TransitionError as error:
            raise Conflict(str(error.message)) from None
        if problems:
            raise InvalidInput({"items" if key == "items" else
                                f"items.{asked_at[key]}.quantity": message
                                for key, message in problems.items()})
        delivery = BatikDelivery(delivered_on=delivered_on, note=note,
                                 recorded_by=actor.email if actor else None,
                                 recorded_at=utcnow())
        delivery.lines = [BatikDeliveryLine(item_id=item.id, quantity=q)
                          for item, q in zip(order.items, quantities, strict=True) if q]
        order.deliveries.append(delivery)
        for item, line in zip(order.items, updated, strict=True):
            item.delivered_quantity = line.delivered
        order.status, order.updated_at = status, utcnow()
        unit.session.flush()
        view = order_view(order)
        unit.commit()
    return view


def cancel_order(uow: UnitOfWorkFactory, order_id: str, reason: str | None,
                 actor: StaffIdentity | None) -> dict:
    """Cancel what has not come yet (with a reason); what was delivered stays bought."""
    errors: dict = {}
    text = _text(reason, "reason", errors, 500, low=3, required=True)
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        order = order_row(unit.session, order_id, lock=True)
        try:
            order.status = rules.cancel(order.status)
        except TransitionError as error:
            raise Conflict(str(error.message)) from None
        order.cancel_reason, order.updated_at = text, utcnow()
        view = order_view(order)
        unit.commit()
    return view


# -- the report ---------------------------------------------------------------------------------

def purchase_report(uow: UnitOfWorkFactory, year: int | None = None) -> dict:
    """Which offices buy local batik and how much (per office, per month of the order date),
    and the active offices that bought nothing in `year` (default: this year, WIB)."""
    year = year or today_wib().year
    if not 2000 <= year <= 2100:
        raise InvalidInput({"year": _l("Tahun 2000 sampai 2100.")})
    value = BatikOrderItem.quantity * BatikOrderItem.unit_price_idr
    delivered = BatikOrderItem.delivered_quantity * BatikOrderItem.unit_price_idr
    with uow(readonly=True) as unit:
        offices = [OfficeFact(o.id, o.name, o.kind, o.active) for o in
                   unit.session.execute(select(BatikOffice)).scalars()]
        rows = unit.session.execute(
            select(BatikOrder.office_id, BatikOrder.ordered_on, BatikOrder.status,
                   func.sum(value), func.sum(delivered), func.sum(BatikOrderItem.quantity),
                   func.sum(BatikOrderItem.delivered_quantity))
            .join(BatikOrderItem, BatikOrderItem.order_id == BatikOrder.id)
            .where(BatikOrder.ordered_on >= date(year, 1, 1),
                   BatikOrder.ordered_on <= date(year, 12, 31))
            .group_by(BatikOrder.id, BatikOrder.office_id, BatikOrder.ordered_on,
                      BatikOrder.status)).all()
    orders = [OrderFact(office_id, ordered_on, status, int(v or 0), int(d or 0), int(p or 0),
                        int(dp or 0))
              for office_id, ordered_on, status, v, d, p, dp in rows]
    return rules.purchase_report(offices, orders, year)

