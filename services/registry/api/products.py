"""/api/v1/umkm/<id>/products and MB2 membership; /api/v1/catalogue (public, no login)."""

from __future__ import annotations

from flask import current_app, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import RAISE, Schema, fields, validate

from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.api import PageArgs
from services.kernel.web.auth import current_staff, require_roles
from services.registry.usecases import photos, products

blp = Blueprint("products", __name__, url_prefix="/api/v1",
                description="Products with their certificates; the public MB2 catalogue.")
SECURITY = [{"bearerAuth": []}]


class ProductIn(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=validate.Length(max=160))
    category = fields.String(required=True, validate=validate.Length(max=60))
    price_idr = fields.Integer(load_default=None, allow_none=True, strict=True)
    photo_url = fields.Url(load_default=None, allow_none=True)
    halal_number = fields.String(load_default=None, allow_none=True)
    halal_expires_on = fields.Date(load_default=None, allow_none=True)
    pirt_number = fields.String(load_default=None, allow_none=True)
    pirt_expires_on = fields.Date(load_default=None, allow_none=True)
    bpom_number = fields.String(load_default=None, allow_none=True)
    bpom_expires_on = fields.Date(load_default=None, allow_none=True)


def _photo_link(item: dict) -> str | None:
    """The uploaded photo (its address changes with it), else the address given."""
    if item.get("photo_etag"):
        return url_for("registry_web.product_photo", product_id=item.get("id") or
                       item.get("product_id"), v=item["photo_etag"], _external=True)
    return item.get("photo_url")


class Product(ProductIn):
    class Meta:
        unknown = RAISE

    id = fields.String()
    umkm_id = fields.String()
    active = fields.Boolean()
    photo_url = fields.Function(_photo_link, metadata={"description": "The product's photo"})


class PhotoArgs(Schema):
    photo = Upload(required=True, metadata={"description": "JPEG or PNG, at most 8 MB"})


class PhotoResult(Schema):
    product_id = fields.String()
    etag = fields.String()
    width = fields.Integer()
    height = fields.Integer()


class ProductList(Schema):
    items = fields.List(fields.Nested(Product))
    total = fields.Integer()
    page = fields.Integer()


class Mb2In(Schema):
    class Meta:
        unknown = RAISE

    member = fields.Boolean(required=True)


class Mb2(Schema):
    id = fields.String()
    mb2_member = fields.Boolean()


class CatalogueArgs(PageArgs):
    q = fields.String(load_default=None)
    category = fields.String(load_default=None)


class CatalogueItem(Schema):
    product = fields.String()
    category = fields.String()
    price_idr = fields.Integer(allow_none=True)
    photo_url = fields.Function(_photo_link)
    business_name = fields.String()
    owner_name = fields.String()
    phone = fields.String()
    kecamatan = fields.String()
    halal = fields.Boolean()


class Catalogue(Schema):
    items = fields.List(fields.Nested(CatalogueItem))
    categories = fields.List(fields.String())
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


def _uow():
    return current_app.extensions["registry"].uow


@blp.route("/umkm/<string:umkm_id>/products")
class Products(MethodView):
    @require_roles()
    @blp.response(200, ProductList)
    @blp.doc(security=SECURITY)
    def get(self, umkm_id: str):
        items = products.list_products(_uow(), umkm_id)
        return {"items": items, "total": len(items), "page": 1}

    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(ProductIn)
    @blp.response(201, Product)
    @blp.doc(security=SECURITY)
    def post(self, data, umkm_id: str):
        """Add a product; a certificate number needs its expiry date (and the other way)."""
        return products.add_product(_uow(), umkm_id, data, current_staff())


@blp.route("/umkm/<string:umkm_id>/products/<string:product_id>/photo")
class ProductPhoto(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(PhotoArgs, location="files")
    @blp.response(200, PhotoResult)
    @blp.alt_response(422, schema="Error", description="No file, not JPEG/PNG, too big, damaged")
    @blp.doc(security=SECURITY)
    def put(self, files, umkm_id: str, product_id: str):
        """Upload (or replace) the product's photo; it is stored web-sized, without metadata."""
        return photos.set_photo(_uow(), umkm_id, product_id, files["photo"].read(),
                                current_staff())


@blp.route("/umkm/<string:umkm_id>/mb2")
class Mb2Membership(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(Mb2In)
    @blp.response(200, Mb2)
    @blp.doc(security=SECURITY)
    def put(self, data, umkm_id: str):
        """Join or leave MB2 (its verified members' products are in the public catalogue)."""
        return products.set_mb2(_uow(), umkm_id, data["member"], current_staff())


@blp.route("/catalogue")
class PublicCatalogue(MethodView):
    @blp.arguments(CatalogueArgs, location="query")
    @blp.response(200, Catalogue)
    def get(self, args):
        """Public, no login: verified MB2 businesses' products by category, with contacts,
        a page at a time."""
        return products.mb2_catalogue(_uow(), **args)
