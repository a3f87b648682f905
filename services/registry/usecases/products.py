"""Products of a business with their certificates, MB2 membership, the certificate-expiry job
and the public MB2 catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.clock import today_wib
from services.kernel.contains import containing
from services.kernel.errors import InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain.status import VERIFIED
from services.registry.models import Business, CertificateNotice, Owner, Product
from services.registry.usecases import audit
from services.registry.usecases.photos import etags, prepare_photo, store_photo
from services.registry.usecases.search import refresh_search_text
from services.registry.usecases.umkm import business_or_404
from services.registry.usecases.views import snapshot

CERTIFICATES = ("halal", "pirt", "bpom")
NOTICE_DAYS = 60
TEXT_LIMITS = {"name": 160, "category": 60, "photo_url": 500,
               **{f"{c}_number": 60 for c in CERTIFICATES}}


def product_view(product: Product, photo_etag: str | None = None) -> dict:
    return {"id": product.id, "umkm_id": product.business_id, "name": product.name,
            "category": product.category, "price_idr": product.price_idr,
            "photo_url": product.photo_url, "photo_etag": photo_etag, "active": product.active,
            **{f"{c}_number": getattr(product, f"{c}_number") for c in CERTIFICATES},
            **{f"{c}_expires_on": getattr(product, f"{c}_expires_on") for c in CERTIFICATES}}


def add_product(uow: UnitOfWorkFactory, umkm_id: str, data: Mapping, actor: StaffIdentity,
                today: date | None = None, photo: bytes | None = None) -> dict:
    """A product (and its photo, when one is given), or one message per bad field."""
    today = today or today_wib()
    errors = {}
    prepared = None
    if photo:
        try:
            prepared = prepare_photo(photo)
        except InvalidInput as bad:
            errors.update(bad.fields)
    name, category = (data.get("name") or "").strip(), (data.get("category") or "").strip()
    if len(name) < 2:
        errors["name"] = _l("Nama produk wajib diisi.")
    if len(category) < 2:
        errors["category"] = _l("Kategori wajib diisi.")
    texts = {"name": name, "category": category, "photo_url": data.get("photo_url") or "",
             **{f"{c}_number": (data.get(f"{c}_number") or "").strip() for c in CERTIFICATES}}
    for field, limit in TEXT_LIMITS.items():  # as the columns hold them
        if len(texts[field]) > limit:
            errors[field] = _l("Paling banyak %(n)s karakter.", n=limit)
    price = data.get("price_idr")
    if price is not None and price < 0:
        errors["price_idr"] = _l("Harga tidak boleh negatif.")
    for cert in CERTIFICATES:
        number, expires = data.get(f"{cert}_number"), data.get(f"{cert}_expires_on")
        if number and not expires:
            errors[f"{cert}_expires_on"] = _l("Tanggal berlaku sampai wajib diisi.")
        if expires and not number:
            errors[f"{cert}_number"] = _l("Nomor sertifikat wajib diisi.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        product = Product(business_id=business.id, name=name, category=category.lower(),
                          price_idr=price, photo_url=data.get("photo_url") or None,
                          **{f"{c}_number": (data.get(f"{c}_number") or "").strip() or None
                             for c in CERTIFICATES},
                          **{f"{c}_expires_on": data.get(f"{c}_expires_on")
                             for c in CERTIFICATES})
        unit.session.add(product)
        unit.session.flush()
        refresh_search_text(unit.session, [business.id])
        audit.record(unit.session, actor, "product.create", "product", product.id,
                     {"business_id": business.id})
        if prepared:
            store_photo(unit.session, product, prepared, actor)
        view = product_view(product, prepared.etag if prepared else None)
        unit.commit()
    return view


def list_products(uow: UnitOfWorkFactory, umkm_id: str) -> list[dict]:
    with uow(readonly=True) as unit:
        business_or_404(unit.session, umkm_id)
        rows = unit.session.execute(select(Product).where(
            Product.business_id == umkm_id).order_by(Product.name)).scalars().all()
        photos = etags(unit.session, [p.id for p in rows])
        return [product_view(p, photos.get(p.id)) for p in rows]


def set_mb2(uow: UnitOfWorkFactory, umkm_id: str, member: bool, actor: StaffIdentity) -> dict:
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        if business.mb2_member != member:
            business.mb2_member = member
            audit.record(unit.session, actor, "umkm.mb2", "business", business.id,
                         {"member": member})
            unit.publish("umkm.updated", {**snapshot(business), "changed": ["mb2_member"]})
        answer = {"id": business.id, "mb2_member": business.mb2_member}
        unit.commit()
    return answer


def announce_expiring_certificates(uow: UnitOfWorkFactory, today: date | None = None) -> int:
    """`product.certificate_expiring` for each halal / P-IRT / BPOM number that expires within
    60 days, once per certificate and expiry date. Returns how many were announced."""
    today = today or today_wib()
    horizon = today + timedelta(days=NOTICE_DAYS)
    announced = 0
    with uow() as unit:
        for cert in CERTIFICATES:
            expires = getattr(Product, f"{cert}_expires_on")
            number = getattr(Product, f"{cert}_number")
            noticed = select(CertificateNotice.product_id).where(
                CertificateNotice.product_id == Product.id,
                CertificateNotice.certificate == cert,
                CertificateNotice.expires_on == expires)
            rows = unit.session.execute(
                select(Product).where(Product.active.is_(True), number.is_not(None),
                                      expires >= today, expires <= horizon,
                                      ~noticed.exists())).scalars().all()
            for product in rows:
                business = product.business
                when = getattr(product, f"{cert}_expires_on")
                unit.session.add(CertificateNotice(product_id=product.id, certificate=cert,
                                                   expires_on=when))
                unit.publish("product.certificate_expiring", {
                    "umkm_id": business.id, "business_name": business.name,
                    "owner_name": business.owner.name, "product_id": product.id,
                    "product_name": product.name, "certificate": cert,
                    "number": getattr(product, f"{cert}_number"), "expires_on": when,
                    "days_left": (when - today).days})
                announced += 1
        unit.commit()
    return announced


CATALOGUE_PAGE = 48


def mb2_catalogue(uow: UnitOfWorkFactory, q: str | None = None, category: str | None = None,
                  page: int = 1, per_page: int = CATALOGUE_PAGE) -> dict:
    """Public: active products of verified MB2 businesses, with the owner's public contact,
    by category and name, a page at a time."""
    query = (select(Product, Business, Owner).join(Business, Product.business_id == Business.id)
             .join(Owner, Business.owner_id == Owner.id)
             .where(Product.active.is_(True), Business.mb2_member.is_(True),
                    Business.status == VERIFIED))
    if q:
        query = query.where(containing(q, Product.name, Business.name))
    if category:
        query = query.where(Product.category == category.strip().lower())
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(query.subquery())).scalar_one()
        rows = unit.session.execute(query.order_by(Product.category, Product.name, Product.id)
                                    .offset((page - 1) * per_page).limit(per_page)).all()
        categories = unit.session.execute(
            select(Product.category).join(Business, Product.business_id == Business.id)
            .where(Product.active.is_(True), Business.mb2_member.is_(True),
                   Business.status == VERIFIED).distinct().order_by(Product.category)
        ).scalars().all()
        photos = etags(unit.session, [p.id for p, _b, _o in rows])
        items = [{"product_id": p.id, "product": p.name, "category": p.category,
                  "price_idr": p.price_idr, "photo_url": p.photo_url,
                  "photo_etag": photos.get(p.id), "business_name": b.name, "owner_name": o.name,
                  "phone": o.phone, "kecamatan": b.kecamatan, "halal": bool(p.halal_number)}
                 for p, b, o in rows]
    return {"items": items, "categories": categories, "total": total, "page": page,
            "per_page": per_page}
