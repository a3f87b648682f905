"""Bodies and answers of the Friday local batik API."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from services.bazaar.domain.batik import (
    MAX_ITEMS,
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    OFFICE_KINDS,
    STATUSES,
)
from services.kernel.web.api import PageArgs, page_schema


class BatikOfficeCreate(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=validate.Length(min=3, max=200),
                         metadata={"example": "Dinas Pendidikan dan Kebudayaan"})
    kind = fields.String(required=True, validate=validate.OneOf(OFFICE_KINDS), metadata={
        "description": "opd (a city office, bound by the Perwali) or vertikal (a vertical "
                       "institution, asked by a circular letter)"})
    circular_letter = fields.String(allow_none=True, validate=validate.Length(max=120),
                                    metadata={"description": "Vertikal only: the circular "
                                                             "letter's reference (required)"})
    circular_letter_date = fields.Date(allow_none=True)
    contact_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    contact_phone = fields.String(allow_none=True, validate=validate.Length(max=30))
    active = fields.Boolean(load_default=None)


class BatikOfficeUpdate(BatikOfficeCreate):
    """Any of the fields (the blueprint loads it with partial=True)."""


class BatikOffice(Schema):
    id = fields.String(required=True)
    name = fields.String()
    kind = fields.String()
    circular_letter = fields.String(allow_none=True)
    circular_letter_date = fields.Date(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    active = fields.Boolean()
    created_at = fields.DateTime()


BatikOfficePage = page_schema(BatikOffice, "BatikOfficePage")


class BatikOfficeArgs(PageArgs):
    kind = fields.String(load_default=None, validate=validate.OneOf(OFFICE_KINDS))
    active = fields.Boolean(load_default=None)
    q = fields.String(load_default=None, validate=validate.Length(max=100))


class BatikCraftspersonArgs(PageArgs):
    q = fields.String(load_default=None, validate=validate.Length(max=100))


class BatikCraftsperson(Schema):
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    kecamatan = fields.String()
    kelurahan = fields.String()
    scale = fields.String()
    orders = fields.Integer(metadata={"description": "Orders not cancelled"})
    ordered_idr = fields.Integer(metadata={"description": "Their value, rupiah"})


BatikCraftspersonPage = page_schema(BatikCraftsperson, "BatikCraftspersonPage")


class BatikOrderItemIn(Schema):
    class Meta:
        unknown = RAISE

    item = fields.String(required=True, validate=validate.Length(min=2, max=200),
                         metadata={"example": "Kemeja batik motif Siger, lengan panjang"})
    quantity = fields.Integer(required=True, strict=True,
                              validate=validate.Range(min=1, max=MAX_QUANTITY))
    unit_price_idr = fields.Integer(required=True, strict=True,
                                    validate=validate.Range(min=1, max=MAX_UNIT_PRICE))


class BatikOrderCreate(Schema):
    class Meta:
        unknown = RAISE

    office_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    umkm_id = fields.String(required=True, validate=validate.Length(min=1, max=36),
                            metadata={"description": "A verified batik UMKM (craftsperson)"})
    ordered_on = fields.Date(load_default=None, metadata={"description": "Default: today"})
    due_on = fields.Date(required=True)
    items = fields.List(fields.Nested(BatikOrderItemIn), required=True,
                        validate=validate.Length(min=1, max=MAX_ITEMS))
    notes = fields.String(allow_none=True, validate=validate.Length(max=2000))


class BatikOrderItem(Schema):
    id = fields.String()
    item = fields.String()
    quantity = fields.Integer()
    unit_price_idr = fields.Integer()
    delivered_quantity = fields.Integer()
    value_idr = fields.Integer()


class BatikDeliveryLine(Schema):
    item_id = fields.String()
    item = fields.String()
    quantity = fields.Integer()


class BatikDelivery(Schema):
    id = fields.String()
    delivered_on = fields.Date()
    note = fields.String(allow_none=True)
    recorded_by = fields.String(allow_none=True)
    recorded_at = fields.DateTime()
    lines = fields.List(fields.Nested(BatikDeliveryLine))


class BatikOrder(Schema):
    id = fields.String(required=True)
    office_id = fields.String()
    office_name = fields.String()
    office_kind = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    ordered_on = fields.Date()
    due_on = fields.Date()
    status = fields.String(metadata={"description": ", ".join(STATUSES)})
    overdue = fields.Boolean()
    notes = fields.String(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    items = fields.List(fields.Nested(BatikOrderItem))
    pieces = fields.Integer()
    delivered_pieces = fields.Integer()
    total_idr = fields.Integer()
    delivered_idr = fields.Integer()
    deliveries = fields.List(fields.Nested(BatikDelivery))
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime(allow_none=True)


BatikOrderPage = page_schema(BatikOrder, "BatikOrderPage")


class BatikOrderArgs(PageArgs):
    office_id = fields.String(load_default=None)
    umkm_id = fields.String(load_default=None)
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))
    year = fields.Integer(load_default=None, validate=validate.Range(min=2000, max=2100))


class BatikDeliveryLineIn(Schema):
    class Meta:
        unknown = RAISE

    item_id = fields.String(required=True)
    quantity = fields.Integer(required=True, strict=True,
                              validate=validate.Range(min=0, max=MAX_QUANTITY))


class BatikDeliveryCreate(Schema):
    class Meta:
        unknown = RAISE

    delivered_on = fields.Date(load_default=None, metadata={"description": "Default: today"})
    items = fields.List(fields.Nested(BatikDeliveryLineIn), required=True,
                        validate=validate.Length(min=1, max=MAX_ITEMS))
    note = fields.String(allow_none=True, validate=validate.Length(max=300))


class BatikCancelIn(Schema):
    class Meta:
        unknown = RAISE

    reason = fields.String(required=True, validate=validate.Length(min=3, max=500))


class BatikReportArgs(Schema):
    year = fields.Integer(load_default=None, validate=validate.Range(min=2000, max=2100),
                          metadata={"description": "Default: this year (WIB)"})


class BatikOfficePurchases(Schema):
    office_id = fields.String()
    name = fields.String()
    kind = fields.String()
    orders = fields.Integer()
    pieces = fields.Integer()
    value_idr = fields.Integer(metadata={"description": "Bought: orders not cancelled, and "
                                                        "what came of cancelled ones"})
    delivered_idr = fields.Integer()
    by_month = fields.List(fields.Integer(), metadata={"description": "value_idr, Jan..Dec"})


class BatikMonthPurchases(Schema):
    month = fields.Integer()
    orders = fields.Integer()
    pieces = fields.Integer()
    value_idr = fields.Integer()


class BatikOfficeRef(Schema):
    office_id = fields.String()
    name = fields.String()
    kind = fields.String()


class BatikPurchaseReport(Schema):
    year = fields.Integer()
    orders = fields.Integer()
    pieces = fields.Integer()
    value_idr = fields.Integer()
    delivered_idr = fields.Integer()
    offices = fields.List(fields.Nested(BatikOfficePurchases))
    months = fields.List(fields.Nested(BatikMonthPurchases))
    offices_without_purchase = fields.List(fields.Nested(BatikOfficeRef))
