"""Retail partners' tables: partners and their outlets, MoUs, product placements with their
readiness checklist, status history and monthly sales. Imported at the end of models.py, so the
metadata Alembic compares holds them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.bazaar.domain.retail import PROPOSED
from services.bazaar.models import Base, new_id
from services.kernel.clock import utcnow


class Partner(Base):
    """A retail chain or store the department has (or wants) an MoU with."""

    __tablename__ = "retail_partner"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), unique=True)
    note: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(254))  # None: the reference list

    outlets: Mapped[list[Outlet]] = relationship(back_populates="partner",
                                                 order_by="Outlet.name_key")
    mous: Mapped[list[Mou]] = relationship(back_populates="partner",
                                           order_by="Mou.expires_on.desc()")


class Outlet(Base):
    __tablename__ = "retail_outlet"
    __table_args__ = (UniqueConstraint("partner_id", "name_key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    partner_id: Mapped[str] = mapped_column(ForeignKey("retail_partner.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A closed outlet stays (placements' history names it) but carries nothing new.
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(254))  # a staff email

    partner: Mapped[Partner] = relationship(back_populates="outlets")


class Mou(Base):
    """A memorandum of understanding with a partner (a renewal is a new MoU)."""

    __tablename__ = "retail_mou"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    partner_id: Mapped[str] = mapped_column(ForeignKey("retail_partner.id"), index=True)
    number: Mapped[str] = mapped_column(String(100), unique=True)
    signed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_phone: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(254))
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[str | None] = mapped_column(String(254))

    partner: Mapped[Partner] = relationship(back_populates="mous")


class MouNotice(Base):
    """`retail.mou_expiring` went out for this MoU and this expiry date (once each)."""

    __tablename__ = "retail_mou_notice"

    mou_id: Mapped[str] = mapped_column(ForeignKey("retail_mou.id"), primary_key=True)
    expires_on: Mapped[date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


placement_outlet = Table(
    "retail_placement_outlet", Base.metadata,
    Column("placement_id", ForeignKey("retail_placement.id"), primary_key=True),
    Column("outlet_id", ForeignKey("retail_outlet.id"), primary_key=True),
)


class Placement(Base):
    """An UMKM product placed (or proposed) with a partner, at some of its outlets."""

    __tablename__ = "retail_placement"
    __table_args__ = (UniqueConstraint("partner_id", "umkm_id", "product_key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    partner_id: Mapped[str] = mapped_column(ForeignKey("retail_partner.id"), index=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)
    business_name: Mapped[str] = mapped_column(String(200))
    owner_name: Mapped[str] = mapped_column(String(200))
    product_name: Mapped[str] = mapped_column(String(200))
    product_key: Mapped[str] = mapped_column(String(200))
    registry_product_id: Mapped[str | None] = mapped_column(String(36))  # the registry's id
    status: Mapped[str] = mapped_column(String(12), default=PROPOSED, index=True)
    status_since: Mapped[datetime] = mapped_column(default=utcnow)
    status_by: Mapped[str | None] = mapped_column(String(254))
    first_listed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(254))

    partner: Mapped[Partner] = relationship()
    outlets: Mapped[list[Outlet]] = relationship(secondary=placement_outlet,
                                                 order_by="Outlet.name_key")
    checklist: Mapped[list[ChecklistItem]] = relationship(cascade="all, delete-orphan")
    history: Mapped[list[PlacementStatus]] = relationship(
        cascade="all, delete-orphan", order_by="PlacementStatus.position")
    sales: Mapped[list[MonthlySales]] = relationship(order_by="MonthlySales.month")


class ChecklistItem(Base):
    """One readiness item of a placement: P-IRT, halal, BPOM, barcode, packaging."""

    __tablename__ = "retail_checklist_item"

    placement_id: Mapped[str] = mapped_column(ForeignKey("retail_placement.id"),
                                              primary_key=True)
    item: Mapped[str] = mapped_column(String(12), primary_key=True)
    checked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The item does not apply to this product (the note says why); it does not hold up listing.
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False,
                                                 server_default=sa_false())
    note: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(254))


class PlacementStatus(Base):
    """A placement's status history: which status, since when, set by whom."""

    __tablename__ = "retail_placement_status"
    __table_args__ = (UniqueConstraint("placement_id", "position"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    placement_id: Mapped[str] = mapped_column(ForeignKey("retail_placement.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    since: Mapped[datetime] = mapped_column(default=utcnow)
    by: Mapped[str | None] = mapped_column(String(254))
    note: Mapped[str | None] = mapped_column(String(500))


class MonthlySales(Base):
    """A placement's sales in one month (one row per month, corrected in place)."""

    __tablename__ = "retail_monthly_sales"
    __table_args__ = (UniqueConstraint("placement_id", "month"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    placement_id: Mapped[str] = mapped_column(ForeignKey("retail_placement.id"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    units: Mapped[int] = mapped_column(Integer)
    revenue_idr: Mapped[int] = mapped_column(BigInteger)
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    reported_by: Mapped[str | None] = mapped_column(String(254))
