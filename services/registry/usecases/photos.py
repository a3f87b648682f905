"""Product photos: uploaded by staff, shown on the UMKM's page and in the public catalogue."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.errors import NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.kernel.uploads import PHOTO_KINDS, check_upload, web_image
from services.registry.domain.status import VERIFIED
from services.registry.models import Business, Product, ProductPhoto
from services.registry.usecases import audit

MAX_UPLOAD = 8 * 1024 * 1024


def _product(session, umkm_id: str, product_id: str) -> Product:
    product = session.get(Product, product_id)
    if product is None or product.business_id != umkm_id:
        raise NotFound(str(_l("Produk tidak ditemukan.")))
    return product


@dataclass(frozen=True)
class WebPhoto:
    jpeg: bytes
    width: int
    height: int

    @property
    def etag(self) -> str:
        return hashlib.sha256(self.jpeg).hexdigest()[:16]


def prepare_photo(content: bytes) -> WebPhoto:
    """Checked and web-sized before anything is written (InvalidInput names `photo`)."""
    check_upload("photo", content, PHOTO_KINDS, MAX_UPLOAD)
    return WebPhoto(*web_image("photo", content))


def store_photo(session, product: Product, photo: WebPhoto, actor: StaffIdentity) -> None:
    row = session.get(ProductPhoto, product.id)
    if row is None:
        row = ProductPhoto(product_id=product.id)
        session.add(row)
    row.content, row.mime, row.etag = photo.jpeg, "image/jpeg", photo.etag
    row.width, row.height, row.updated_at = photo.width, photo.height, utcnow()
    audit.record(session, actor, "product.photo", "product", product.id,
                 {"bytes": len(photo.jpeg), "width": photo.width, "height": photo.height})


def set_photo(uow: UnitOfWorkFactory, umkm_id: str, product_id: str, content: bytes,
              actor: StaffIdentity) -> dict:
    """Replace the product's photo with a web-sized copy of the upload (JPEG or PNG)."""
    photo = prepare_photo(content)
    with uow() as unit:
        store_photo(unit.session, _product(unit.session, umkm_id, product_id), photo, actor)
        unit.commit()
    return {"product_id": product_id, "etag": photo.etag, "width": photo.width,
            "height": photo.height}


def get_photo(uow: UnitOfWorkFactory, product_id: str, *, staff: bool) -> dict:
    """The photo's bytes; without a staff login only what the public catalogue shows."""
    with uow(readonly=True) as unit:
        row = unit.session.execute(
            select(ProductPhoto, Product, Business)
            .join(Product, ProductPhoto.product_id == Product.id)
            .join(Business, Product.business_id == Business.id)
            .where(ProductPhoto.product_id == product_id)).first()
        if row is None:
            raise NotFound(str(_l("Foto tidak ditemukan.")))
        photo, product, business = row
        public = product.active and business.mb2_member and business.status == VERIFIED
        if not (staff or public):
            raise NotFound(str(_l("Foto tidak ditemukan.")))
        return {"content": photo.content, "mime": photo.mime, "etag": photo.etag,
                "updated_at": photo.updated_at}


def etags(session, product_ids: list[str]) -> dict[str, str]:
    if not product_ids:
        return {}
    return dict(session.execute(select(ProductPhoto.product_id, ProductPhoto.etag)
                                .where(ProductPhoto.product_id.in_(product_ids))).all())
