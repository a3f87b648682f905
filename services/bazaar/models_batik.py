"""Friday local batik (Perwali): offices (OPD or vertical institution under a circular letter),
their orders with local batik craftspeople, and the deliveries that fulfil them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.bazaar.models import Base, new_id
from services.kernel.clock import utcnow


class BatikOffice(Base):
    __tablename__ = "batik_office"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)  # opd | vertikal
    circular_letter: Mapped[str | None] = mapped_column(String(120))  # vertikal: its letter
    circular_letter_date: Mapped[date | None] = mapped_column(Date)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BatikOrder(Base):
    __tablename__ = "batik_order"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    office_id: Mapped[str] = mapped_column(ForeignKey("batik_office.id"), index=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)  # the craftsperson
    business_name: Mapped[str] = mapped_column(String(200))
    owner_name: Mapped[str] = mapped_column(String(200))
    ordered_on: Mapped[date] = mapped_column(Date, index=True)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]

    office: Mapped[BatikOffice] = relationship()
    items: Mapped[list[BatikOrderItem]] = relationship(
        back_populates="order", order_by="BatikOrderItem.position", cascade="all, delete-orphan")
    deliveries: Mapped[list[BatikDelivery]] = relationship(
        back_populates="order", order_by="BatikDelivery.recorded_at",
        cascade="all, delete-orphan")


class BatikOrderItem(Base):
    __tablename__ = "batik_order_item"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("batik_order.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_idr: Mapped[int] = mapped_column(BigInteger)
    delivered_quantity: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[BatikOrder] = relationship(back_populates="items")


class BatikDelivery(Base):
    __tablename__ = "batik_delivery"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("batik_order.id"), index=True)
    delivered_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300))
    recorded_by: Mapped[str | None] = mapped_column(String(254))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[BatikOrder] = relationship(back_populates="deliveries")
    lines: Mapped[list[BatikDeliveryLine]] = relationship(cascade="all, delete-orphan")


class BatikDeliveryLine(Base):
    __tablename__ = "batik_delivery_line"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    delivery_id: Mapped[str] = mapped_column(ForeignKey("batik_delivery.id"), index=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("batik_order_item.id"))
    quantity: Mapped[int] = mapped_column(Integer)
