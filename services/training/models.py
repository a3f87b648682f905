"""The training service's own tables: programmes, trainers, enrollment, aid, follow-up visits."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.kernel.clock import utcnow
from services.kernel.db import UTCDateTime, make_metadata
from services.kernel.messaging.tables import define_messaging_tables
from services.kernel.readmodels.umkm_directory import define_umkm_directory


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = make_metadata()
    type_annotation_map = {datetime: UTCDateTime()}


MESSAGING = define_messaging_tables(Base.metadata)
UMKM_DIRECTORY = define_umkm_directory(Base.metadata)

# Programme, enrollment and visit states.
SCHEDULED, COMPLETED, CANCELLED = "scheduled", "completed", "cancelled"
ENROLLED, WAITLISTED = "enrolled", "waitlisted"
ENROLLMENT_STATUSES = (ENROLLED, WAITLISTED, CANCELLED)
PASSED, NOT_PASSED = "passed", "not_passed"
OVERDUE = "overdue"
VISIT_STATUSES = (SCHEDULED, OVERDUE, COMPLETED)


class Trainer(Base):
    """A trainer: a Metro resident (by domicile) is a volunteer; a fee only for others."""

    __tablename__ = "trainer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(120))
    skills: Mapped[list] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(300))
    kelurahan: Mapped[str | None] = mapped_column(String(60))
    kecamatan: Mapped[str | None] = mapped_column(String(60))
    city: Mapped[str] = mapped_column(String(80))
    metro_resident: Mapped[bool] = mapped_column(Boolean)
    fee_idr: Mapped[int | None] = mapped_column(BigInteger)
    availability: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Program(Base):
    __tablename__ = "program"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date)
    quota: Mapped[int] = mapped_column(Integer)
    eligible_sectors: Mapped[list] = mapped_column(JSON, default=list)
    eligible_kecamatan: Mapped[list] = mapped_column(JSON, default=list)
    followup_days: Mapped[list] = mapped_column(JSON, default=list)
    min_attendance_pct: Mapped[int] = mapped_column(Integer, default=75)
    status: Mapped[str] = mapped_column(String(20), default=SCHEDULED, index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sessions: Mapped[list[ProgramSession]] = relationship(
        back_populates="program", order_by="(ProgramSession.held_on, ProgramSession.starts_at)")
    aid_package: Mapped[list[PackageLine]] = relationship(
        back_populates="program", order_by="PackageLine.position")
    trainers: Mapped[list[ProgramTrainer]] = relationship(back_populates="program")
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="program", order_by="Enrollment.requested_at")


class ProgramSession(Base):
    __tablename__ = "program_session"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(300))

    program: Mapped[Program] = relationship(back_populates="sessions")


class ProgramTrainer(Base):
    __tablename__ = "program_trainer"

    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"), primary_key=True)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainer.id"), primary_key=True)
    fee_idr: Mapped[int] = mapped_column(BigInteger, default=0)

    program: Mapped[Program] = relationship(back_populates="trainers")
    trainer: Mapped[Trainer] = relationship(lazy="joined")


class AidItem(Base):
    """An item of the aid inventory; its stock never goes below zero."""

    __tablename__ = "aid_item"
    __table_args__ = (CheckConstraint("stock >= 0", name="stock_not_negative"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(160))
    name_key: Mapped[str] = mapped_column(String(160), unique=True)
    unit: Mapped[str] = mapped_column(String(30), default="unit")
    unit_value_idr: Mapped[int | None] = mapped_column(BigInteger)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockMovement(Base):
    __tablename__ = "stock_movement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    aid_item_id: Mapped[str] = mapped_column(ForeignKey("aid_item.id"), index=True)
    change: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(300))
    handover_id: Mapped[str | None] = mapped_column(String(36))
    actor: Mapped[str | None] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class PackageLine(Base):
    """What each participant of a programme receives."""

    __tablename__ = "package_line"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"), index=True)
    aid_item_id: Mapped[str] = mapped_column(ForeignKey("aid_item.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_value_idr: Mapped[int | None] = mapped_column(BigInteger)

    program: Mapped[Program] = relationship(back_populates="aid_package")
    aid_item: Mapped[AidItem] = relationship(lazy="joined")


class Enrollment(Base):
    __tablename__ = "enrollment"
    __table_args__ = (
        UniqueConstraint("program_id", "umkm_id", name="uq_enrollment_program_umkm"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"), index=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)
    business_name: Mapped[str] = mapped_column(String(200))
    owner_name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(40))
    kecamatan: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), index=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    enrolled_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(300))
    # The same aid received in the last three years, as facts ({"item", "on", "program"}): the
    # warning is written from them when it is read, in the reader's language. Enrollments
    # recorded before the facts were kept have only `aid_warning`, in the language of whoever
    # enrolled them.
    earlier_aid: Mapped[dict | None] = mapped_column(JSON)
    aid_warning: Mapped[str | None] = mapped_column(String(500))
    result: Mapped[str | None] = mapped_column(String(20))
    result_reason: Mapped[str | None] = mapped_column(String(300))
    enrolled_by: Mapped[str | None] = mapped_column(String(254))

    program: Mapped[Program] = relationship(back_populates="enrollments")


class Attendance(Base):
    __tablename__ = "attendance"

    session_id: Mapped[str] = mapped_column(ForeignKey("program_session.id"), primary_key=True)
    enrollment_id: Mapped[str] = mapped_column(ForeignKey("enrollment.id"), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean)
    recorded_by: Mapped[str | None] = mapped_column(String(254))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class Handover(Base):
    """One participant's aid handover (the BAST), with the signed scan once uploaded."""

    __tablename__ = "handover"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"), index=True)
    enrollment_id: Mapped[str] = mapped_column(ForeignKey("enrollment.id"), unique=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)
    handed_over_on: Mapped[date] = mapped_column(Date)
    received_by: Mapped[str] = mapped_column(String(200))
    handed_over_by: Mapped[str] = mapped_column(String(200))
    total_value_idr: Mapped[int] = mapped_column(BigInteger, default=0)
    scan_path: Mapped[str | None] = mapped_column(String(300))
    scan_type: Mapped[str | None] = mapped_column(String(60))
    scan_uploaded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lines: Mapped[list[HandoverLine]] = relationship(back_populates="handover",
                                                     order_by="HandoverLine.id")
    enrollment: Mapped[Enrollment] = relationship(lazy="joined")
    program: Mapped[Program] = relationship(lazy="joined")


class HandoverLine(Base):
    __tablename__ = "handover_line"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handover_id: Mapped[str] = mapped_column(ForeignKey("handover.id"), index=True)
    aid_item_id: Mapped[str] = mapped_column(ForeignKey("aid_item.id"), index=True)
    item: Mapped[str] = mapped_column(String(160))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_value_idr: Mapped[int | None] = mapped_column(BigInteger)
    serial_numbers: Mapped[list] = mapped_column(JSON, default=list)

    handover: Mapped[Handover] = relationship(back_populates="lines")


class Visit(Base):
    """A follow-up visit to a participant who passed, from the programme's plan."""

    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "offset_days", name="uq_visit_enrollment_offset"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    enrollment_id: Mapped[str] = mapped_column(String(36), index=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"), index=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)
    business_name: Mapped[str] = mapped_column(String(200))
    owner_name: Mapped[str] = mapped_column(String(200))
    kecamatan: Mapped[str] = mapped_column(String(60))
    offset_days: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default=SCHEDULED, index=True)
    officer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    officer_name: Mapped[str | None] = mapped_column(String(120))
    officer_email: Mapped[str | None] = mapped_column(String(254))
    officer_phone: Mapped[str | None] = mapped_column(String(20))
    overdue_since: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship(lazy="joined")
    report: Mapped[VisitReport | None] = relationship(back_populates="visit", uselist=False)
    reschedules: Mapped[list[Reschedule]] = relationship(order_by="Reschedule.id")


class VisitReport(Base):
    __tablename__ = "visit_report"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), primary_key=True)
    visited_on: Mapped[date] = mapped_column(Date)
    still_producing: Mapped[bool] = mapped_column(Boolean)
    units_produced: Mapped[int | None] = mapped_column(Integer)
    sales_idr: Mapped[int | None] = mapped_column(BigInteger)
    equipment_in_use: Mapped[bool | None] = mapped_column(Boolean)
    equipment_condition: Mapped[str | None] = mapped_column(String(30))
    needs: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    photos: Mapped[list] = mapped_column(JSON, default=list)
    reported_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    visit: Mapped[Visit] = relationship(back_populates="report")


class Reschedule(Base):
    __tablename__ = "visit_reschedule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    from_due_on: Mapped[date] = mapped_column(Date)
    to_due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300))
    actor: Mapped[str | None] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)
