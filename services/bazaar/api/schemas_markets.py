"""Bodies and answers of the recurring-market API."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates

from services.bazaar.domain.markets import (
    EXAMPLES,
    MAX_LISTED,
    MAX_SPOTS,
    RuleError,
    normalize_rule,
)
from services.kernel.web.api import PageArgs, page_schema

RULE_HELP = ("RFC 5545 recurrence rule (RRULE) giving the market days, e.g. "
             + ", ".join(EXAMPLES) + ". DAILY at most often; the hours are starts_time / "
             "ends_time; UNTIL is read as a WIB date.")


class MarketCreate(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=validate.Length(min=3, max=200),
                         metadata={"example": "Payungi"})
    venue = fields.String(required=True, validate=validate.Length(min=3, max=300))
    description = fields.String(allow_none=True, validate=validate.Length(max=2000))
    rule = fields.String(required=True, metadata={"description": RULE_HELP,
                                                  "example": "FREQ=WEEKLY;BYDAY=SU"})
    first_date = fields.Date(required=True, metadata={"description": "The first market day"})
    starts_time = fields.Time(required=True, metadata={"description": "WIB, e.g. 06:00"})
    ends_time = fields.Time(required=True, metadata={"description": "WIB, e.g. 10:00"})
    spots = fields.Integer(required=True, strict=True,
                           validate=validate.Range(min=1, max=MAX_SPOTS),
                           metadata={"description": "Vendors on duty per market day; with more "
                                                    "vendors on the roster, they take turns"})

    @validates("rule")
    def _rule(self, value, data_key):
        try:
            normalize_rule(value)
        except RuleError as error:
            raise ValidationError(str(error.message)) from None


class MarketUpdate(MarketCreate):
    """Any of the fields (the blueprint loads it with partial=True)."""


class MarketExclusion(Schema):
    date = fields.Date()
    reason = fields.String()


class Market(Schema):
    id = fields.String(required=True)
    name = fields.String()
    venue = fields.String()
    description = fields.String(allow_none=True)
    rule = fields.String()
    first_date = fields.Date()
    starts_time = fields.Time(format="%H:%M")
    ends_time = fields.Time(format="%H:%M")
    spots = fields.Integer()
    vendors = fields.Integer(metadata={"description": "Vendors on the roster today"})
    exclusions = fields.List(fields.Nested(MarketExclusion))
    next_days = fields.List(fields.Date(), metadata={"description": "The next market days held"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime(allow_none=True)


MarketPage = page_schema(Market, "MarketPage")


class MarketDayArgs(Schema):
    start = fields.Date(data_key="from", load_default=None,
                        metadata={"description": "First date (default: today, WIB)"})
    count = fields.Integer(load_default=8, validate=validate.Range(min=1, max=MAX_LISTED))


class MarketDutyVendor(Schema):
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    sector = fields.String()
    present = fields.Boolean(allow_none=True,
                             metadata={"description": "Attendance; null: not recorded"})


class MarketDay(Schema):
    market_id = fields.String()
    market_name = fields.String()
    venue = fields.String()
    date = fields.Date()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    excluded = fields.Boolean()
    exclusion_reason = fields.String(allow_none=True)
    vendors = fields.List(fields.Nested(MarketDutyVendor), metadata={"description": "On duty"})
    waiting = fields.List(fields.Nested(MarketDutyVendor),
                          metadata={"description": "The rest of the queue, next first"})
    present = fields.Integer()
    absent = fields.Integer()


MarketDayPage = page_schema(MarketDay, "MarketDayPage")


class MarketExclusionCreate(Schema):
    class Meta:
        unknown = RAISE

    date = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=3, max=300),
                           metadata={"example": "Idulfitri"})


class MarketVendorArgs(PageArgs):
    include_past = fields.Boolean(load_default=False)


class MarketVendorCreate(Schema):
    class Meta:
        unknown = RAISE

    umkm_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    joined_on = fields.Date(load_default=None, metadata={"description": "Default: today"})


class MarketVendor(Schema):
    id = fields.String()
    market_id = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    sector = fields.String()
    joined_on = fields.Date()
    left_on = fields.Date(allow_none=True)
    added_by = fields.String(allow_none=True)
    present = fields.Integer(metadata={"description": "Market days attended"})
    absent = fields.Integer(metadata={"description": "Market days missed"})


MarketVendorPage = page_schema(MarketVendor, "MarketVendorPage")


class MarketAttendanceIn(Schema):
    class Meta:
        unknown = RAISE

    present = fields.Boolean(required=True)
