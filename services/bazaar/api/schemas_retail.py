"""Bodies, query arguments and answers of the retail partners API (kept apart from each other;
names carry `Retail` so that they never clash with other components of the spec)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from services.bazaar.domain.retail import CHECKLIST, STATUSES
from services.kernel.web.api import PageArgs, page_schema

MONTH = validate.Regexp(r"^\d{4}-\d{2}$",
                        error=_l("Tulis bulan sebagai TTTT-BB, misalnya 2027-02."))


class _Body(Schema):
    class Meta:
        unknown = RAISE


# -- bodies ----------------------------------------------------------------------------------

class RetailPartnerCreate(_Body):
    name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    note = fields.String(allow_none=True, validate=validate.Length(max=500))
    outlets = fields.List(fields.String(validate=validate.Length(min=1, max=200)),
                          validate=validate.Length(max=200),
                          metadata={"description": "Outlet names to add at once"})


class RetailPartnerUpdate(_Body):
    name = fields.String(validate=validate.Length(min=2, max=120))
    note = fields.String(allow_none=True, validate=validate.Length(max=500))
    active = fields.Boolean(metadata={
        "description": "false: no new proposals and no MoU reminders for this partner"})


class RetailOutletCreate(_Body):
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    address = fields.String(allow_none=True, validate=validate.Length(max=300))


class RetailMouIn(_Body):
    number = fields.String(required=True, validate=validate.Length(min=3, max=100))
    signed_on = fields.Date(required=True)
    expires_on = fields.Date(required=True, metadata={"description": "After signed_on"})
    contact_name = fields.String(required=True, validate=validate.Length(min=3, max=200),
                                 metadata={"description": "The partner's contact person"})
    contact_phone = fields.String(required=True, validate=validate.Length(min=6, max=30),
                                  metadata={"description": "08..., 62... or +62..."})


class RetailPlacementCreate(_Body):
    umkm_id = fields.String(required=True, validate=validate.Length(min=1, max=36),
                            metadata={"description": "A verified UMKM"})
    partner_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    product_name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    registry_product_id = fields.String(allow_none=True, validate=validate.Length(max=36),
                                        metadata={"description": "The registry's product id"})
    outlet_ids = fields.List(fields.String(), load_default=list,
                             metadata={"description": "Outlets of the partner (needed to list)"})


class RetailOutletsIn(_Body):
    outlet_ids = fields.List(fields.String(), required=True)


class RetailChecklistIn(_Body):
    checked = fields.Boolean(required=True)
    not_applicable = fields.Boolean(load_default=False, metadata={
        "description": "The item does not apply to this product (e.g. BPOM for a P-IRT product); "
                       "the note says why. Not together with checked."})
    note = fields.String(allow_none=True, load_default=None,
                         metadata={"description": "The certificate / barcode number, or a note "
                                                  "(the reason, when the item does not apply)"})


class RetailStatusIn(_Body):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    note = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=500))


class RetailSalesIn(_Body):
    month = fields.String(required=True, validate=MONTH, metadata={"example": "2027-02"})
    units = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    revenue_idr = fields.Integer(required=True, strict=True, validate=validate.Range(min=0),
                                 metadata={"description": "Whole rupiah"})


# -- query arguments -------------------------------------------------------------------------

class RetailPartnerListArgs(PageArgs):
    q = fields.String(validate=validate.Length(max=100),
                      metadata={"description": "Partner or outlet name"})


class RetailPlacementListArgs(PageArgs):
    partner_id = fields.String()
    umkm_id = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))


class RetailYearArgs(Schema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100),
                          metadata={"description": "Only this year's months"})


# -- answers ---------------------------------------------------------------------------------

class RetailOutlet(Schema):
    id = fields.String()
    partner_id = fields.String()
    name = fields.String()
    address = fields.String(allow_none=True)
    open = fields.Boolean()
    closed_on = fields.Date(allow_none=True)
    closed_by = fields.String(allow_none=True)


class RetailMou(Schema):
    id = fields.String()
    partner_id = fields.String()
    number = fields.String()
    signed_on = fields.Date()
    expires_on = fields.Date()
    contact_name = fields.String()
    contact_phone = fields.String()
    in_force = fields.Boolean()
    days_left = fields.Integer()
    expiring_soon = fields.Boolean(metadata={"description": "Expires within 60 days"})
    created_at = fields.DateTime()
    created_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
    updated_by = fields.String(allow_none=True)


class RetailOutletRef(Schema):
    id = fields.String()
    name = fields.String()


class RetailPlacement(Schema):
    id = fields.String()
    partner_id = fields.String()
    partner_name = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    product_name = fields.String()
    registry_product_id = fields.String(allow_none=True)
    status = fields.String(metadata={"description": ", ".join(STATUSES)})
    status_since = fields.DateTime()
    status_by = fields.String(allow_none=True)
    first_listed_on = fields.Date(allow_none=True)
    outlets = fields.List(fields.Nested(RetailOutletRef))
    missing = fields.List(fields.String(), metadata={
        "description": f"Readiness items neither checked nor marked as not applying "
                       f"({', '.join(CHECKLIST)})"})
    created_at = fields.DateTime()
    created_by = fields.String(allow_none=True)


class RetailChecklistItem(Schema):
    item = fields.String()
    label = fields.String()
    checked = fields.Boolean()
    not_applicable = fields.Boolean()
    note = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
    updated_by = fields.String(allow_none=True)


class RetailStatusChange(Schema):
    status = fields.String()
    since = fields.DateTime()
    by = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class RetailSales(Schema):
    placement_id = fields.String()
    month = fields.String()
    units = fields.Integer()
    revenue_idr = fields.Integer()
    reported_at = fields.DateTime()
    reported_by = fields.String(allow_none=True)
    corrected = fields.Boolean(metadata={"description": "The month had been entered before"})


class RetailPlacementDetail(RetailPlacement):
    ready = fields.Boolean(metadata={
        "description": "Every readiness item is checked or does not apply"})
    checklist = fields.List(fields.Nested(RetailChecklistItem))
    next_statuses = fields.List(fields.String())
    blockers = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "What still stops listing, per field (checklist, mou, outlet_ids...)"})
    history = fields.List(fields.Nested(RetailStatusChange))
    sales = fields.List(fields.Nested(RetailSales))


class RetailPartner(Schema):
    id = fields.String()
    name = fields.String()
    note = fields.String(allow_none=True)
    active = fields.Boolean()
    reference = fields.Boolean(metadata={"description": "From the department's reference list"})
    outlets = fields.Integer()
    mou = fields.Nested(RetailMou, allow_none=True, metadata={
        "description": "The MoU in force (else the latest)"})
    placements = fields.Dict(keys=fields.String(), values=fields.Integer(),
                             metadata={"description": "Placements per status"})
    created_at = fields.DateTime()
    created_by = fields.String(allow_none=True)


class RetailPartnerDetail(RetailPartner):
    outlet_list = fields.List(fields.Nested(RetailOutlet))
    mous = fields.List(fields.Nested(RetailMou))
    placement_list = fields.List(fields.Nested(RetailPlacement))


class RetailPartnerTotal(Schema):
    partner_id = fields.String()
    partner_name = fields.String()
    units = fields.Integer()
    revenue_idr = fields.Integer()
    placements_with_sales = fields.Integer()
    placements_listed = fields.Integer()


class RetailTotals(Schema):
    items = fields.List(fields.Nested(RetailPartnerTotal))
    total = fields.Integer()
    page = fields.Integer()
    year = fields.Integer(allow_none=True)
    units = fields.Integer()
    revenue_idr = fields.Integer()


class RetailMonth(Schema):
    month = fields.String()
    units = fields.Integer()
    revenue_idr = fields.Integer()


class RetailPartnerMonthly(Schema):
    partner_id = fields.String()
    partner_name = fields.String()
    year = fields.Integer(allow_none=True)
    items = fields.List(fields.Nested(RetailMonth))
    total = fields.Integer()
    page = fields.Integer()
    units = fields.Integer()
    revenue_idr = fields.Integer()


RetailPartnerPage = page_schema(RetailPartner, "RetailPartnerPage")
RetailPlacementPage = page_schema(RetailPlacement, "RetailPlacementPage")
