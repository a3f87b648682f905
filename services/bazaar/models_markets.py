"""Recurring markets (Pasar Segar, Payungi): the market and its rule, excluded dates, the vendor
roster and attendance per market day. Market days themselves are computed from the rule."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.bazaar.models import Base, new_id
from services.kernel.clock import utcnow


class Market(Base):
    __tablename__ = "market"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)  # one market per name
    venue: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(300))  # RFC 5545 RRULE, normalized
    first_date: Mapped[date] = mapped_column(Date)
    starts_time: Mapped[time] = mapped_column(Time)  # WIB wall clock
    ends_time: Mapped[time] = mapped_column(Time)
    spots: Mapped[int] = mapped_column(Integer)  # vendors on duty per market day
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]

    exclusions: Mapped[list[MarketExclusion]] = relationship(
        back_populates="market", order_by="MarketExclusion.excluded_on",
        cascade="all, delete-orphan")
    vendors: Mapped[list[MarketVendor]] = relationship(
        back_populates="market", order_by="MarketVendor.joined_on", cascade="all, delete-orphan")


class MarketExclusion(Base):
    """A date the rule gives on which the market is not held (holiday, cancelled)."""

    __tablename__ = "market_exclusion"
    __table_args__ = (UniqueConstraint("market_id", "excluded_on"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    market_id: Mapped[str] = mapped_column(ForeignKey("market.id"), index=True)
    excluded_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    market: Mapped[Market] = relationship(back_populates="exclusions")


class MarketVendor(Base):
    """A vendor's time on the roster: from `joined_on` to the day before `left_on`. A vendor
    who comes back gets a new row, so past duty lists stay as they were."""

    __tablename__ = "market_vendor"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    market_id: Mapped[str] = mapped_column(ForeignKey("market.id"), index=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)
    business_name: Mapped[str] = mapped_column(String(200))
    owner_name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(40))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    added_by: Mapped[str | None] = mapped_column(String(254))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    market: Mapped[Market] = relationship(back_populates="vendors")


class MarketAttendance(Base):
    """Whether a vendor on duty came on a market day."""

    __tablename__ = "market_attendance"
    __table_args__ = (UniqueConstraint("market_id", "held_on", "umkm_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    market_id: Mapped[str] = mapped_column(ForeignKey("market.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    umkm_id: Mapped[str] = mapped_column(String(36))
    present: Mapped[bool] = mapped_column(Boolean)
    recorded_by: Mapped[str | None] = mapped_column(String(254))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
