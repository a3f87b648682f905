"""The registry's own tables (its database only)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.kernel.clock import utcnow
from services.kernel.db import UTCDateTime, make_metadata
from services.kernel.messaging.tables import define_messaging_tables
from services.registry.domain.status import PENDING


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = make_metadata()
    type_annotation_map = {datetime: UTCDateTime()}


MESSAGING = define_messaging_tables(Base.metadata)


class Owner(Base):
    """A person, keyed by NIK."""

    __tablename__ = "owner"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    kecamatan: Mapped[str] = mapped_column(String(60))
    kelurahan: Mapped[str] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(String(300))
    locale: Mapped[str] = mapped_column(String(5), default="id")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    businesses: Mapped[list[Business]] = relationship(back_populates="owner")


# What the list of UMKM filters on (each has an index of its own for counting).
FILTER_COLUMNS = ("kecamatan", "kelurahan", "sector", "scale", "status", "mb2_member")
SORT_INCLUDE = [*FILTER_COLUMNS, "search_text"]


class Business(Base):
    """An UMKM in the API: a business with its owner."""

    __tablename__ = "business"
    __table_args__ = (
        Index("ix_business_owner_name_key", "owner_id", "name_key"),
        Index("ix_business_status_registered", "status", "registered_on"),
        # One index per sort of the list (newest / oldest walk the first from either end). On
        # PostgreSQL each also carries the filter columns and the search text, so that a page
        # of a filtered or searched list, however deep, is found in the index alone before
        # its rows are read.
        Index("ix_business_sort_registered", "registered_on", "created_at", "id",
              postgresql_include=SORT_INCLUDE),
        Index("ix_business_sort_name", "name_key", "id", postgresql_include=SORT_INCLUDE),
        Index("ix_business_sort_owner", "owner_name_key", "id",
              postgresql_include=SORT_INCLUDE),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner_id: Mapped[str] = mapped_column(ForeignKey("owner.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    name_key: Mapped[str] = mapped_column(String(160))
    nib: Mapped[str | None] = mapped_column(String(13), unique=True)
    kbli: Mapped[str | None] = mapped_column(String(5))
    sector: Mapped[str] = mapped_column(String(40), index=True)
    scale: Mapped[str] = mapped_column(String(20), index=True)
    scale_basis: Mapped[str] = mapped_column(String(10))
    scale_regulation: Mapped[str] = mapped_column(String(20))
    capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    annual_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    workers_male: Mapped[int | None] = mapped_column(Integer)
    workers_female: Mapped[int | None] = mapped_column(Integer)
    founded_year: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    kecamatan: Mapped[str] = mapped_column(String(60), index=True)
    kelurahan: Mapped[str] = mapped_column(String(60), index=True)
    address: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    registered_on: Mapped[date] = mapped_column(Date, index=True)
    verified_at: Mapped[datetime | None]
    verified_by: Mapped[str | None] = mapped_column(String(254))
    mb2_member: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0",
                                             index=True)
    # Set when staff merged this record into another (it stays, inactive, for the history).
    merged_into: Mapped[str | None] = mapped_column(String(36))
    # Business, owner and product names, folded, one per line (domain/search.py), kept by the
    # use cases that change any of them. PostgreSQL indexes it with pg_trgm; SQLite copies it
    # into the FTS5 table business_fts (triggers). Both are made by the migrations.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # name_key of the owner's name: the owner sort without a join (kept with search_text).
    owner_name_key: Mapped[str] = mapped_column(String(120), default="", server_default="")
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[Owner] = relationship(back_populates="businesses", lazy="joined")
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="business", order_by="StatusChange.id"
    )


# Made by hand-written migrations for one dialect only; autogenerate leaves them alone.
SEARCH_INDEXES = {"ix_business_search_trgm", "business_fts", "business_fts_rowid"}
Base.metadata.info["unmanaged"] = {"names": SEARCH_INDEXES, "prefixes": ("business_fts_",)}


class StatusChange(Base):
    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    business_id: Mapped[str] = mapped_column(ForeignKey("business.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(500))
    actor: Mapped[str | None] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    business: Mapped[Business] = relationship(back_populates="history")


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(20))
    # The kecamatan a field officer covers (empty: the whole city).
    kecamatan: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Who did what to which record, and who opened a full NIK."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str | None] = mapped_column(String(254), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[dict | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))


class Region(Base):
    """Reference data: Kota Metro's kecamatan and kelurahan (loaded by `flask seed`)."""

    __tablename__ = "region"

    kecamatan: Mapped[str] = mapped_column(String(60), primary_key=True)
    kelurahan: Mapped[str] = mapped_column(String(60), primary_key=True)
    note: Mapped[str | None] = mapped_column(Text)


class ImportJob(Base):
    """A spreadsheet being imported: what was asked, how far it got, what it found."""

    __tablename__ = "import_job"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    filename: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(4))  # csv | xlsx
    mode: Mapped[str] = mapped_column(String(6))  # skip | update (records already known)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
    message_kept: Mapped[dict | None] = mapped_column(JSON)  # said when read (kernel.said)
    lease_until: Mapped[datetime | None]
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class ImportFile(Base):
    """The uploaded bytes, kept until the import is done (web and worker share the database)."""

    __tablename__ = "import_file"

    job_id: Mapped[str] = mapped_column(ForeignKey("import_job.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ImportRowError(Base):
    __tablename__ = "import_row_error"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("import_job.id"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)  # as the worker wrote it (Indonesian)
    message_kept: Mapped[dict | None] = mapped_column(JSON)  # said when read (kernel.said)


class Product(Base):
    """A product of a business, with its food-safety and halal certificates."""

    __tablename__ = "product"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    business_id: Mapped[str] = mapped_column(ForeignKey("business.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    category: Mapped[str] = mapped_column(String(60), index=True)
    price_idr: Mapped[int | None] = mapped_column(BigInteger)
    photo_url: Mapped[str | None] = mapped_column(String(500))
    halal_number: Mapped[str | None] = mapped_column(String(60))
    halal_expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    pirt_number: Mapped[str | None] = mapped_column(String(60))
    pirt_expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    bpom_number: Mapped[str | None] = mapped_column(String(60))
    bpom_expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    business: Mapped[Business] = relationship()


class CertificateNotice(Base):
    """A certificate's coming expiry was announced (once per certificate and expiry date)."""

    __tablename__ = "certificate_notice"

    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), primary_key=True)
    certificate: Mapped[str] = mapped_column(String(10), primary_key=True)
    expires_on: Mapped[date] = mapped_column(Date, primary_key=True)
    noticed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Activity(Base):
    """A local read model of what an UMKM did in the other contexts (its timeline)."""

    __tablename__ = "activity"
    __table_args__ = (
        UniqueConstraint("umkm_id", "kind", "subject_id", name="uq_activity_subject"),
        Index("ix_activity_umkm_happened_on", "umkm_id", "happened_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    umkm_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(36))
    happened_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[dict] = mapped_column(JSON)
    event_id: Mapped[str] = mapped_column(String(36))
    occurred_at: Mapped[datetime]


class DuplicateDismissal(Base):
    """Staff looked at two records and said they are different businesses."""

    __tablename__ = "duplicate_dismissal"

    a_id: Mapped[str] = mapped_column(ForeignKey("business.id"), primary_key=True)
    b_id: Mapped[str] = mapped_column(ForeignKey("business.id"), primary_key=True)
    actor: Mapped[str | None] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonalToken(Base):
    """A staff member's long-lived API token for scripts; only its hash is kept."""

    __tablename__ = "personal_token"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # the first characters, to recognise it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by: Mapped[str | None] = mapped_column(String(254))

    staff: Mapped[StaffUser] = relationship()


class ProductPhoto(Base):
    """A product's photo (a web-sized JPEG), in the registry's database so every web process
    on every machine serves the same one."""

    __tablename__ = "product_photo"

    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    mime: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
