"""Bodies and answers of the bazaar API (query arguments apart from bodies)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from services.kernel.reference import SECTORS
from services.kernel.web.api import PageArgs, page_schema


class BazaarCreate(Schema):
    class Meta:
        unknown = RAISE

    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    host_event = fields.String(required=True, validate=validate.Length(min=3, max=200),
                               metadata={"description": "The government event hosting it"})
    organizer = fields.String(validate=validate.Length(min=3, max=200),
                              metadata={"description": "The organising OPD"})
    venue = fields.String(required=True, validate=validate.Length(min=3, max=300))
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    stalls = fields.Integer(required=True, strict=True)
    kuliner_stalls = fields.Integer(strict=True, metadata={
        "description": "How many of the stalls are for food (default: half)"})
    applications_open_at = fields.AwareDateTime(metadata={"description": "Default: now"})
    applications_close_at = fields.AwareDateTime(metadata={
        "description": "Default: a day before the start"})
    sectors = fields.List(fields.String(validate=validate.OneOf(list(SECTORS))),
                          metadata={"description": "Eligible sectors; empty: all"})
    verified_only = fields.Boolean(load_default=True)


class BazaarUpdate(Schema):
    """Only the fields that change. Allowed while the bazaar takes applications or has its
    stalls allocated, and before it starts. An optional field sent as null takes its default,
    as when the bazaar is scheduled without it."""

    class Meta:
        unknown = RAISE

    title = fields.String(validate=validate.Length(min=3, max=200))
    host_event = fields.String(validate=validate.Length(min=3, max=200))
    organizer = fields.String(allow_none=True, validate=validate.Length(min=3, max=200),
                              metadata={"description": "null: Diskoperin Kota Metro"})
    venue = fields.String(validate=validate.Length(min=3, max=300))
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    stalls = fields.Integer(strict=True, metadata={
        "description": "New number of stalls; never fewer than those already allocated"})
    kuliner_stalls = fields.Integer(strict=True, metadata={
        "description": "How many are for food (default: as now, at most `stalls`)"})
    applications_open_at = fields.AwareDateTime(allow_none=True,
                                                metadata={"description": "null: now"})
    applications_close_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "null: a day before the start"})
    sectors = fields.List(fields.String(validate=validate.OneOf(list(SECTORS))), metadata={
        "description": "Eligible sectors; empty: all. Sectors with applicants must stay"})
    verified_only = fields.Boolean()


class CancelIn(Schema):
    class Meta:
        unknown = RAISE

    reason = fields.String(required=True, validate=validate.Length(min=5, max=500),
                           metadata={"description": "Told to every applicant"})


class Bazaar(Schema):
    id = fields.String(required=True)
    title = fields.String()
    host_event = fields.String()
    organizer = fields.String()
    venue = fields.String()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    applications_open_at = fields.DateTime()
    applications_close_at = fields.DateTime()
    sectors = fields.List(fields.String())
    verified_only = fields.Boolean()
    status = fields.String()
    stalls = fields.Integer()
    stall_categories = fields.Dict(keys=fields.String(), values=fields.Integer())
    applications = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    cancelled_at = fields.DateTime(allow_none=True)
    editable = fields.Boolean(metadata={"description": "May still be edited (PATCH)"})
    cancellable = fields.Boolean(metadata={"description": "May still be cancelled"})


class Edited(Bazaar):
    stallholders_told = fields.Integer(metadata={
        "description": "Stallholders told of a new time or place (`bazaar.rescheduled`)"})


class Cancelled(Bazaar):
    applications_cancelled = fields.Integer(metadata={
        "description": "Applications cancelled with the bazaar (each applicant is told)"})


class BazaarListArgs(PageArgs):
    upcoming = fields.Boolean(load_default=False)


BazaarPage = page_schema(Bazaar, "BazaarPage")


class ApplicationCreate(Schema):
    class Meta:
        unknown = RAISE

    umkm_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class Decision(Schema):
    """Why an application has its stall or waits, as the allocation or a coordinator's override
    stored it; `explanation` is its sentence. Which fields are there depends on `kind`."""

    kind = fields.String(required=True, metadata={
        "description": "allocated: got `stall`; same_owner: waits because the same owner got "
                       "`owner_stall`; no_stall: waits because no stall of `category` was "
                       "left; override: a coordinator (`by`) gave, moved or took back the "
                       "stall for `reason`", "example": "no_stall"})
    stall = fields.String(metadata={"description": "allocated: the stall", "example": "K-03"})
    waitlist = fields.Integer(metadata={"description": "same_owner, no_stall: the place on "
                                                       "the waiting list (1 = first)"})
    owner_stall = fields.String(metadata={"description": "same_owner: the stall the owner's "
                                                         "other business got"})
    category = fields.String(metadata={"description": "no_stall: the stall category that ran "
                                                      "out (kuliner, non-kuliner)"})
    stalls = fields.Integer(metadata={"description": "Stalls had in the 12 months before"})
    no_shows = fields.Integer(metadata={"description": "No-shows in the 12 months before "
                                                       "(each counts as two stalls)"})
    sector = fields.String(metadata={"description": "The sector it took its turn in"})
    rank = fields.Integer(metadata={"description": "Place in its category's priority order "
                                                   "(1 = first)"})
    by = fields.String(metadata={"description": "override: the coordinator's email"})
    reason = fields.String(metadata={"description": "override: the coordinator's reason"})


class Application(Schema):
    id = fields.String(required=True)
    bazaar_id = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    sector = fields.String()
    category = fields.String()
    status = fields.String(metadata={
        "description": "applied, withdrawn, allocated, waitlisted, checked_in, no_show, "
                       "cancelled"})
    stall_number = fields.String(allow_none=True)
    decision = fields.Nested(Decision, allow_none=True, metadata={
        "description": "The facts of the allocation decision or override, as stored; null "
                       "before the allocation, and for applications decided before the facts "
                       "were kept"})
    explanation = fields.String(allow_none=True, metadata={
        "description": "The decision in a sentence, in the request's language "
                       "(Accept-Language: id, the default, or en); for an application decided "
                       "before the facts were kept, the sentence stored then, in Indonesian"})
    applied_at = fields.DateTime()
    applied_by = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    revenue_idr = fields.Integer(allow_none=True)
    units_sold = fields.Integer(allow_none=True)
    best_product = fields.String(allow_none=True)
    sales_reported_at = fields.DateTime(allow_none=True)


ApplicationPage = page_schema(Application, "ApplicationPage")


class Allocation(Schema):
    bazaar_id = fields.String()
    allocated = fields.Integer()
    waitlisted = fields.Integer()
    items = fields.List(fields.Nested(Application))


class StallOverrideBody(Schema):
    class Meta:
        unknown = RAISE

    stall_number = fields.String(required=True, allow_none=True,
                                 metadata={"description": "A free stall, or null to take the "
                                                          "stall back", "example": "K-07"})
    reason = fields.String(required=True, metadata={"description": "5 to 300 characters"})


class Attendance(Schema):
    class Meta:
        unknown = RAISE

    present = fields.Boolean(required=True)


class SalesIn(Schema):
    class Meta:
        unknown = RAISE

    revenue_idr = fields.Integer(required=True, strict=True,
                                 validate=validate.Range(min=0, max=10_000_000_000),
                                 metadata={"description": "Revenue at the bazaar, rupiah"})
    units_sold = fields.Integer(required=True, strict=True,
                                validate=validate.Range(min=0, max=1_000_000))
    best_product = fields.String(load_default=None, allow_none=True)


class Closed(Schema):
    bazaar_id = fields.String()
    status = fields.String()
    stalls_used = fields.Integer()
    no_shows = fields.Integer()


class SalesReport(Schema):
    bazaar_id = fields.String()
    reports = fields.Integer()
    revenue_idr = fields.Integer()
    units_sold = fields.Integer()
    by_sector = fields.List(fields.Tuple((fields.String(), fields.Integer())))
    items = fields.List(fields.Nested(Application))
