"""Schemas of the aid part of the API: inventory, handovers, trainers and outcomes."""

from __future__ import annotations

from marshmallow import Schema, fields

from services.kernel.web.api import PageArgs
from services.training.api.schemas import Strict


class AidItemIn(Strict):
    name = fields.String(required=True)
    unit = fields.String(load_default="unit")
    unit_value_idr = fields.Integer(load_default=None, allow_none=True, strict=True)
    stock = fields.Integer(load_default=0, strict=True)


class StockIn(Strict):
    quantity = fields.Integer(required=True, strict=True,
                              metadata={"description": "received (>0) or corrected (<0)"})
    note = fields.String(load_default=None, allow_none=True)


class AidItem(Schema):
    id = fields.String()
    name = fields.String()
    unit = fields.String()
    unit_value_idr = fields.Integer(allow_none=True)
    stock = fields.Integer()


class AidItemPage(Schema):
    items = fields.List(fields.Nested(AidItem))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class HandoverItemIn(Strict):
    aid_item_id = fields.String(load_default=None)
    item = fields.String(load_default=None)
    quantity = fields.Integer(required=True, strict=True)
    serial_numbers = fields.List(fields.String(), load_default=list)


class HandoverIn(Strict):
    umkm_id = fields.String(required=True)
    items = fields.List(fields.Nested(HandoverItemIn), load_default=list,
                        metadata={"description": "default: the programme's aid package"})
    handed_over_on = fields.Date(load_default=None)
    received_by = fields.String(load_default=None, allow_none=True)


class HandoverItem(Schema):
    aid_item_id = fields.String()
    item = fields.String()
    quantity = fields.Integer()
    unit_value_idr = fields.Integer(allow_none=True)
    serial_numbers = fields.List(fields.String())


class Handover(Schema):
    class Meta:
        ordered = True

    id = fields.String()
    number = fields.String()
    program_id = fields.String()
    program_title = fields.String()
    enrollment_id = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    handed_over_on = fields.Date()
    received_by = fields.String()
    handed_over_by = fields.String()
    total_value_idr = fields.Integer()
    items = fields.List(fields.Nested(HandoverItem))
    scan_uploaded = fields.Boolean()
    scan_type = fields.String(allow_none=True)
    scan_uploaded_at = fields.AwareDateTime(allow_none=True)


class TrainerIn(Strict):
    name = fields.String(required=True)
    skills = fields.List(fields.String(), required=True)
    address = fields.String(required=True, metadata={"description": "domicile address"})
    kelurahan = fields.String(load_default=None, allow_none=True,
                              metadata={"description": "domicile kelurahan in Kota Metro"})
    city = fields.String(load_default=None, allow_none=True,
                         metadata={"description": "domicile city when outside Kota Metro"})
    phone = fields.String(load_default=None, allow_none=True)
    email = fields.String(load_default=None, allow_none=True)
    fee_idr = fields.Integer(load_default=None, allow_none=True, strict=True)
    availability = fields.String(load_default=None, allow_none=True)


class Trainer(Schema):
    id = fields.String()
    name = fields.String()
    skills = fields.List(fields.String())
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    address = fields.String()
    kelurahan = fields.String(allow_none=True)
    kecamatan = fields.String(allow_none=True)
    city = fields.String()
    metro_resident = fields.Boolean()
    volunteer = fields.Boolean()
    fee_idr = fields.Integer(allow_none=True)
    availability = fields.String(allow_none=True)


class TrainerListArgs(PageArgs):
    q = fields.String(load_default=None, metadata={"description": "part of the name"})


class TrainerPage(Schema):
    items = fields.List(fields.Nested(Trainer))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class VisitShare(Schema):
    offset_days = fields.Integer()
    reported = fields.Integer()
    producing = fields.Integer()
    share_producing = fields.Float(allow_none=True)


class ProgramOutcome(Schema):
    program_id = fields.String()
    title = fields.String()
    status = fields.String()
    participants = fields.Integer()
    passed = fields.Integer()


class Outcomes(Schema):
    program_id = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    participants = fields.Integer()
    completed_participants = fields.Integer()
    passed = fields.Integer()
    completion_rate = fields.Float(allow_none=True)
    handovers = fields.Integer()
    aid_value_idr = fields.Integer()
    visits_reported = fields.Integer()
    visits_open = fields.Integer()
    producing_by_visit = fields.List(fields.Nested(VisitShare))
    sales_idr = fields.Integer()
    units_produced = fields.Integer()
    programs = fields.List(fields.Nested(ProgramOutcome))
