"""Aid inventory and handovers: stock locked and never negative, `aid.handed_over` published."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.kernel.uploads import SCAN_KINDS, check_upload, mime_of
from services.training.domain.aid import (
    MAX_STOCK,
    NOTE_MAX,
    RECEIVED_BY_MAX,
    UNIT_MAX,
    GivenLine,
    item_key,
    item_name,
    serials,
)
from services.training.domain.numbers import MAX_IDR, cap
from services.training.domain.text import text
from services.training.models import (
    CANCELLED,
    ENROLLED,
    AidItem,
    Enrollment,
    Handover,
    HandoverLine,
    StockMovement,
)
from services.training.usecases.programs import get_program_row
from services.training.usecases.views import handover_view, program_ref, umkm_ref


def item_view(item: AidItem) -> dict:
    return {"id": item.id, "name": item.name, "unit": item.unit,
            "unit_value_idr": item.unit_value_idr, "stock": item.stock}


def list_aid_items(uow: UnitOfWorkFactory) -> dict:
    with uow(readonly=True) as unit:
        items = [item_view(i) for i in unit.session.execute(
            select(AidItem).order_by(AidItem.name)).scalars()]
    return {"items": items, "total": len(items), "page": 1, "per_page": max(len(items), 1)}


def create_aid_item(uow: UnitOfWorkFactory, data: Mapping, actor: StaffIdentity | None) -> dict:
    errors = {}
    name = item_name(data.get("name"), "name", errors)
    unit_name = text(data.get("unit"), "unit", errors, max_length=UNIT_MAX,
                     required=False) or "unit"
    stock, value = data.get("stock") or 0, data.get("unit_value_idr")
    if stock < 0:
        errors["stock"] = _l("Stok tidak boleh negatif.")
    elif stock > MAX_STOCK:
        errors["stock"] = _l("Stok paling banyak %(n)s.", n=MAX_STOCK)
    if value is not None and value < 0:
        errors["unit_value_idr"] = _l("Nilai satuan tidak boleh negatif.")
    cap(value, "unit_value_idr", errors, MAX_IDR, rupiah=True)
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        item = AidItem(name=name, name_key=item_key(name), unit=unit_name,
                       unit_value_idr=value, stock=stock)
        unit.session.add(item)
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Barang \"%(name)s\" sudah ada di inventaris.", name=name)),
                           {"name": _l("Sudah ada.")}) from None
        if stock:
            unit.session.add(StockMovement(aid_item_id=item.id, change=stock,
                                           note=str(_l("Stok awal")),
                                           actor=actor.email if actor else None))
        view = item_view(item)
        unit.commit()
    return view


def receive_stock(uow: UnitOfWorkFactory, aid_item_id: str, quantity: int | None,
                  note: str | None, actor: StaffIdentity | None) -> dict:
    """Stock in (or a correction out); the row is locked, the stock never goes below zero."""
    errors = {}
    if quantity is None:
        errors["quantity"] = _l("Wajib diisi.")
    elif quantity == 0:
        errors["quantity"] = _l("Jumlah tidak boleh nol.")
    elif quantity > MAX_STOCK:
        errors["quantity"] = _l("Stok paling banyak %(n)s.", n=MAX_STOCK)
    note = text(note, "note", errors, max_length=NOTE_MAX, required=False)
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        item = unit.session.execute(select(AidItem).where(AidItem.id == aid_item_id)
                                    .with_for_update()
                                    .execution_options(populate_existing=True)).scalar()
        if item is None:
            raise NotFound(str(_l("Barang tidak ditemukan.")))
        if item.stock + quantity < 0:
            raise Conflict(str(_l("Stok %(name)s tinggal %(n)s.", name=item.name, n=item.stock)),
                           {"quantity": _l("Melebihi stok: tinggal %(n)s.", n=item.stock)})
        if item.stock + quantity > MAX_STOCK:
            raise InvalidInput({"quantity": _l("Stok paling banyak %(n)s.", n=MAX_STOCK)})
        item.stock += quantity
        unit.session.add(StockMovement(aid_item_id=item.id, change=quantity, note=note,
                                       actor=actor.email if actor else None))
        view = item_view(item)
        unit.commit()
    return view


def _wanted(session, program, items) -> list[tuple[AidItem, int, tuple, int | None]]:
    if not items:
        return [(line.aid_item, line.quantity, (), line.unit_value_idr)
                for line in program.aid_package]
    wanted, errors = [], {}
    for index, given in enumerate(items):
        ref = given.get("aid_item_id")
        item = session.get(AidItem, ref) if ref else session.execute(
            select(AidItem).where(AidItem.name_key == item_key(given.get("item") or ""))).scalar()
        quantity = given.get("quantity") or 0
        numbers = serials(given.get("serial_numbers"))
        if item is None:
            errors[f"items.{index}.item"] = _l("Barang tidak ada di inventaris.")
        if quantity < 1:
            errors[f"items.{index}.quantity"] = _l("Jumlah minimal 1.")
        elif numbers and len(numbers) != quantity:
            errors[f"items.{index}.serial_numbers"] = _l(
                "Tulis %(n)s nomor seri, satu untuk setiap barang.", n=quantity)
        if item is not None:
            package = next((p for p in program.aid_package if p.aid_item_id == item.id), None)
            wanted.append((item, quantity, numbers, package.unit_value_idr if package else None))
    if errors:
        raise InvalidInput(errors)
    return wanted


def hand_over(uow: UnitOfWorkFactory, program_id: str, data: Mapping,
              actor: StaffIdentity | None, today: date | None = None) -> dict:
    """One participant's handover: the stock of every item is locked and taken, or nothing."""
    errors = {}
    received_by = text(data.get("received_by"), "received_by", errors,
                       max_length=RECEIVED_BY_MAX, required=False)
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        db = unit.session
        program = get_program_row(db, program_id, lock=True)
        if program.status == CANCELLED:
            raise Conflict(str(_l("Program ini dibatalkan.")))
        enrollment = db.execute(select(Enrollment).where(
            Enrollment.program_id == program.id,
            Enrollment.umkm_id == (data.get("umkm_id") or ""))).scalar()
        if enrollment is None or enrollment.status != ENROLLED:
            raise InvalidInput({"umkm_id": _l("Bukan peserta terdaftar program ini.")})
        if db.execute(select(Handover.id).where(Handover.enrollment_id == enrollment.id)).first():
            raise Conflict(str(_l("Bantuan untuk %(name)s sudah diserahkan.",
                                  name=enrollment.business_name)))
        wanted = _wanted(db, program, data.get("items"))
        if not wanted:
            raise InvalidInput({"items": _l("Program ini tidak memiliki paket bantuan.")})
        ids = sorted({item.id for item, *_ in wanted})
        locked = {i.id: i for i in db.execute(select(AidItem).where(AidItem.id.in_(ids))
                                              .order_by(AidItem.id).with_for_update()
                                              .execution_options(populate_existing=True))
                  .scalars()}
        need: dict[str, int] = {}
        for item, quantity, *_ in wanted:
            need[item.id] = need.get(item.id, 0) + quantity
        short = {f"items.{n}.quantity": _l("Stok %(name)s tinggal %(s)s.", name=item.name,
                                           s=locked[item.id].stock)
                 for n, (item, *_) in enumerate(wanted) if locked[item.id].stock < need[item.id]}
        if short:
            raise Conflict(str(_l("Stok tidak cukup; tidak ada yang diserahkan.")), short)
        lines = [GivenLine(item.id, item.name, quantity,
                           value if value is not None else item.unit_value_idr, numbers)
                 for item, quantity, numbers, value in wanted]
        handover = Handover(
            id=str(uuid.uuid4()), program_id=program.id, enrollment_id=enrollment.id,
            umkm_id=enrollment.umkm_id, handed_over_on=data.get("handed_over_on") or today
            or today_wib(), received_by=received_by or enrollment.owner_name,
            handed_over_by=actor.name or actor.email if actor else "-",
            total_value_idr=sum(line.value_idr for line in lines))
        handover.number = f"BAST-{handover.handed_over_on:%Y%m%d}-{handover.id[:8].upper()}"
        db.add(handover)
        for line in lines:
            db.add(HandoverLine(handover=handover, aid_item_id=line.aid_item_id, item=line.item,
                                quantity=line.quantity, unit_value_idr=line.unit_value_idr,
                                serial_numbers=list(line.serial_numbers)))
            db.execute(update(AidItem).where(AidItem.id == line.aid_item_id)
                       .values(stock=AidItem.stock - line.quantity))
            db.add(StockMovement(aid_item_id=line.aid_item_id, change=-line.quantity,
                                 handover_id=handover.id, note=handover.number,
                                 actor=actor.email if actor else None))
        try:
            db.flush()
        except IntegrityError:  # the database's own guard: stock >= 0, one per participant
            raise Conflict(str(_l("Stok tidak cukup atau bantuan sudah diserahkan."))) from None
        db.refresh(handover)
        view = handover_view(handover)
        unit.publish("aid.handed_over", {
            "handover_id": handover.id, "program": program_ref(program), **umkm_ref(handover),
            "items": [{k: v for k, v in line.items() if k != "aid_item_id"}
                      for line in view["items"]],
            "total_value_idr": handover.total_value_idr,
            "handed_over_on": handover.handed_over_on, "received_by": handover.received_by})
        unit.commit()
    return view


def get_handover(uow: UnitOfWorkFactory, handover_id: str) -> dict:
    with uow(readonly=True) as unit:
        handover = unit.session.get(Handover, handover_id)
        if handover is None:
            raise NotFound(str(_l("Berita acara tidak ditemukan.")))
        return handover_view(handover)


def list_handovers(uow: UnitOfWorkFactory, program_id: str) -> list[dict]:
    with uow(readonly=True) as unit:
        rows = unit.session.execute(select(Handover).where(Handover.program_id == program_id)
                                    .order_by(Handover.created_at)).scalars().all()
        return [handover_view(h) for h in rows]


def attach_scan(uow: UnitOfWorkFactory, upload_dir: Path, handover_id: str, content: bytes,
                max_bytes: int) -> dict:
    """Keep the signed BAST (scan or photo); a new upload replaces the previous one."""
    kind = check_upload("file", content, SCAN_KINDS, max_bytes)
    upload_dir.mkdir(parents=True, exist_ok=True)
    with uow() as unit:
        handover = unit.session.get(Handover, handover_id)
        if handover is None:
            raise NotFound(str(_l("Berita acara tidak ditemukan.")))
        name = f"{handover.number}-{uuid.uuid4().hex[:8]}.{kind}"
        path = upload_dir / name
        path.write_bytes(content)
        try:
            handover.scan_path, handover.scan_type = name, mime_of(kind)
            handover.scan_uploaded_at = utcnow()
            view = handover_view(handover)
            unit.commit()
        except Exception:
            path.unlink(missing_ok=True)
            raise
    return view


def scan_file(uow: UnitOfWorkFactory, upload_dir: Path, handover_id: str) -> tuple[Path, str]:
    with uow(readonly=True) as unit:
        handover = unit.session.get(Handover, handover_id)
        if handover is None or not handover.scan_path:
            raise NotFound(str(_l("Belum ada berkas BAST bertanda tangan.")))
        return upload_dir / handover.scan_path, handover.scan_type
