"""Body and query schemas of the registry API (types only: the rules live in the domain)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from services.kernel.reference import KECAMATAN, SCALES, SECTORS
from services.kernel.web.api import PageArgs, page_schema
from services.kernel.web.plaindump import PlainDumpSchema
from services.registry.domain.status import STATUSES
from services.registry.usecases.umkm import SORTS


class UmkmCreate(Schema):
    class Meta:
        unknown = RAISE
        ordered = True

    owner_name = fields.String(required=True, metadata={"example": "Sri Wahyuni"})
    nik = fields.String(required=True, metadata={"example": "1872014107850001",
                                                 "description": "16 digits"})
    business_name = fields.String(required=True, metadata={"example": "Keripik Pisang Bu Sri"})
    sector = fields.String(required=True, metadata={"enum": list(SECTORS)})
    kecamatan = fields.String(required=True, metadata={"enum": list(KECAMATAN)})
    kelurahan = fields.String(required=True, metadata={"example": "Imopuro"})
    address = fields.String(required=True, metadata={"example": "Jl. Jend. Sudirman No. 10"})
    phone = fields.String(required=True, metadata={"example": "081234567890"})
    email = fields.String(load_default=None, allow_none=True)
    nib = fields.String(load_default=None, allow_none=True, metadata={"description": "13 digits"})
    kbli = fields.String(load_default=None, allow_none=True,
                         metadata={"description": "KBLI 2020, 5 digits"})
    capital_idr = fields.Integer(load_default=None, allow_none=True, strict=True)
    annual_turnover_idr = fields.Integer(load_default=None, allow_none=True, strict=True)
    registered_on = fields.Date(load_default=None, allow_none=True)
    workers_male = fields.Integer(load_default=None, allow_none=True, strict=True,
                                  metadata={"description": "Workers (men), owner included"})
    workers_female = fields.Integer(load_default=None, allow_none=True, strict=True,
                                    metadata={"description": "Workers (women), owner included"})
    founded_year = fields.Integer(load_default=None, allow_none=True, strict=True,
                                  metadata={"example": 2015})
    latitude = fields.Float(load_default=None, allow_none=True, metadata={"example": -5.1131})
    longitude = fields.Float(load_default=None, allow_none=True, metadata={"example": 105.3067})


class UmkmUpdate(Schema):
    """Only what changes: a field left out stays as it is; null clears an optional field.
    The NIK cannot change (register the business under the right owner instead)."""

    class Meta:
        unknown = RAISE
        ordered = True

    owner_name = fields.String()
    phone = fields.String()
    email = fields.String(allow_none=True)
    business_name = fields.String()
    sector = fields.String(metadata={"enum": list(SECTORS)})
    kecamatan = fields.String(metadata={"enum": list(KECAMATAN)})
    kelurahan = fields.String()
    address = fields.String()
    nib = fields.String(allow_none=True)
    kbli = fields.String(allow_none=True)
    capital_idr = fields.Integer(allow_none=True, strict=True)
    annual_turnover_idr = fields.Integer(allow_none=True, strict=True)
    registered_on = fields.Date()
    workers_male = fields.Integer(allow_none=True, strict=True)
    workers_female = fields.Integer(allow_none=True, strict=True)
    founded_year = fields.Integer(allow_none=True, strict=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)


class HistoryEntry(PlainDumpSchema):
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    reason = fields.String(allow_none=True)
    actor = fields.String(allow_none=True)
    at = fields.AwareDateTime()


class Umkm(PlainDumpSchema):
    """An UMKM as the use cases return it (a plain dict), dumped without marshmallow's
    per-field lookups (same output)."""

    class Meta:
        ordered = True

    id = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    status_reason = fields.String(allow_none=True)
    mb2_member = fields.Boolean(metadata={"description": "Member of MB2 (public catalogue)"})
    scale = fields.String(metadata={"enum": list(SCALES)})
    scale_basis = fields.String(metadata={"enum": ["capital", "sales", "assumed"]})
    scale_regulation = fields.String()
    owner_id = fields.String()
    owner_name = fields.String()
    owner_sex = fields.String(metadata={"enum": ["L", "P"]})
    nik = fields.String(metadata={"description": "masked unless full NIK was requested"})
    nik_masked = fields.Boolean()
    business_name = fields.String()
    sector = fields.String()
    kecamatan = fields.String()
    kelurahan = fields.String()
    address = fields.String()
    phone = fields.String()
    email = fields.String(allow_none=True)
    nib = fields.String(allow_none=True)
    kbli = fields.String(allow_none=True)
    capital_idr = fields.Integer(allow_none=True)
    annual_turnover_idr = fields.Integer(allow_none=True)
    registered_on = fields.Date()
    workers_male = fields.Integer(allow_none=True)
    workers_female = fields.Integer(allow_none=True)
    founded_year = fields.Integer(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    verified_at = fields.AwareDateTime(allow_none=True)
    verified_by = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class FieldChange(Schema):
    field = fields.String()
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)


class DataChange(Schema):
    at = fields.AwareDateTime()
    actor = fields.String(allow_none=True)
    changes = fields.List(fields.Nested(FieldChange))


DataChangePage = page_schema(DataChange, "DataChangePage")


class UmkmDetail(Umkm):
    history = fields.List(fields.Nested(HistoryEntry))


class UmkmFilterArgs(Schema):
    q = fields.String(load_default=None, validate=validate.Length(max=200), metadata={
        "description": "part of a business, owner or product name (case and accents aside), "
                       "or a whole NIB"})
    kecamatan = fields.String(load_default=None)
    kelurahan = fields.String(load_default=None)
    sector = fields.String(load_default=None, validate=validate.OneOf(list(SECTORS)))
    scale = fields.String(load_default=None, validate=validate.OneOf(list(SCALES)))
    status = fields.String(load_default=None, validate=validate.OneOf(list(STATUSES)))
    mb2 = fields.Boolean(load_default=None, metadata={
        "description": "true: MB2 members only; false: non-members only"})
    owner_id = fields.String(load_default=None, validate=validate.Length(max=36), metadata={
        "description": "one owner's businesses (owner_id of an UMKM)"})
    sort = fields.String(load_default="newest", validate=validate.OneOf(list(SORTS)), metadata={
        "description": "newest / oldest registration first, or by business or owner name"})


class UmkmListArgs(PageArgs, UmkmFilterArgs):
    pass


class UmkmPage(page_schema(Umkm, "UmkmPageBase")):
    total_exact = fields.Boolean(metadata={
        "description": "false when there were too many matches to count (past 2,000 on "
                       "PostgreSQL): `total` is then an estimate, never below 2,000"})


class StatusReason(Schema):
    """Why the status changes: required to reject, optional to deactivate."""

    class Meta:
        unknown = RAISE

    reason = fields.String(load_default=None, allow_none=True,
                           metadata={"description": "At most 500 characters."})


class NikView(Schema):
    id = fields.String()
    nik = fields.String()
    birth_date = fields.Date()
    sex = fields.String()


class TokenRequest(Schema):
    class Meta:
        unknown = RAISE

    email = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class TokenResponse(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class ActivityItem(Schema):
    kind = fields.String(metadata={"description": "The event it came from, e.g. aid.handed_over"})
    on = fields.Date()
    summary = fields.Dict(metadata={"description": "What the other service reported"})
    occurred_at = fields.AwareDateTime()


ActivityPage = page_schema(ActivityItem, "ActivityPage")
