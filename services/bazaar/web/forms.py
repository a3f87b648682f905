"""Forms of the bazaar staff pages (types only: the rules live in the use cases)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from services.kernel.clock import WIB, to_wib
from services.kernel.reference import SECTORS
from services.kernel.web.forms import PageForm, RupiahField, ShownValuesField, options

REQUIRED = _l("Wajib diisi.")


def _wib(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=WIB) if value else None


class BazaarForm(PageForm):
    title = StringField(_l("Nama bazar"), validators=[InputRequired(REQUIRED), Length(3, 200)])
    host_event = StringField(_l("Acara pemerintah"),
                             validators=[InputRequired(REQUIRED), Length(3, 200)])
    organizer = StringField(_l("OPD penyelenggara"), validators=[Optional(), Length(3, 200)])
    venue = StringField(_l("Tempat"), validators=[InputRequired(REQUIRED), Length(3, 300)])
    starts_at = DateTimeLocalField(_l("Mulai (WIB)"), format="%Y-%m-%dT%H:%M",
                                   validators=[InputRequired(REQUIRED)])
    ends_at = DateTimeLocalField(_l("Selesai (WIB)"), format="%Y-%m-%dT%H:%M",
                                 validators=[InputRequired(REQUIRED)])
    stalls = IntegerField(_l("Jumlah lapak"), validators=[
        InputRequired(REQUIRED), NumberRange(1, 500, _l("Jumlah lapak 1 sampai 500."))])
    kuliner_stalls = IntegerField(_l("Lapak kuliner"), validators=[Optional()])
    applications_close_at = DateTimeLocalField(_l("Pendaftaran ditutup (WIB)"),
                                               format="%Y-%m-%dT%H:%M", validators=[Optional()])
    sectors = SelectMultipleField(_l("Sektor yang boleh ikut (kosong: semua)"),
                                  choices=options(SECTORS.items()), validators=[Optional()])
    verified_only = BooleanField(_l("Hanya UMKM terverifikasi"), default=True)

    def command(self) -> dict:
        data = {"title": self.title.data, "host_event": self.host_event.data,
                "venue": self.venue.data, "starts_at": _wib(self.starts_at.data),
                "ends_at": _wib(self.ends_at.data), "stalls": self.stalls.data,
                "kuliner_stalls": self.kuliner_stalls.data, "sectors": self.sectors.data or [],
                "verified_only": self.verified_only.data,
                # empty: the default (the department; a day before the start)
                "organizer": self.organizer.data or None,
                "applications_close_at": _wib(self.applications_close_at.data)}
        return data


def _local(value: datetime | None) -> datetime | None:
    return to_wib(value).replace(tzinfo=None) if value else None


class BazaarEditForm(BazaarForm):
    """The same fields, filled with the bazaar as it is; the application window may move."""

    applications_open_at = DateTimeLocalField(_l("Pendaftaran dibuka (WIB)"),
                                              format="%Y-%m-%dT%H:%M", validators=[Optional()])
    kuliner_stalls = IntegerField(_l("Lapak kuliner"), validators=[
        InputRequired(REQUIRED), NumberRange(0, 500, _l("Lapak kuliner 0 sampai 500."))])
    shown = ShownValuesField()

    @staticmethod
    def initial(bazaar: dict) -> dict:
        return {**{k: bazaar[k] for k in ("title", "host_event", "organizer", "venue",
                                          "stalls", "sectors", "verified_only")},
                **{k: _local(bazaar[k]) for k in ("starts_at", "ends_at",
                                                  "applications_open_at",
                                                  "applications_close_at")},
                "kuliner_stalls": bazaar["stall_categories"].get("kuliner", 0)}

    def command(self) -> dict:
        """Every field as sent: an emptied optional one (organizer, the application window)
        takes its default, an emptied required one is refused beside it."""
        return {**super().command(),
                "applications_open_at": _wib(self.applications_open_at.data)}


class CancelForm(PageForm):
    reason = TextAreaField(_l("Alasan pembatalan"), validators=[
        InputRequired(REQUIRED), Length(5, 500, _l("Alasan 5 sampai 500 karakter."))])


class ApplyForm(PageForm):
    umkm_id = SelectField(_l("UMKM"), validators=[InputRequired(_l("Pilih UMKM."))],
                          validate_choice=False)


class OverrideForm(PageForm):
    """A coordinator's stall override: the free stall (empty: take the stall back) and why; the
    rules (a free stall, a reason of 5 to 300 characters) are the use case's."""

    stall_number = SelectField(_l("Lapak"), validate_choice=False)
    reason = StringField(_l("Alasan"))


class SalesForm(PageForm):
    revenue_idr = RupiahField(_l("Omzet (Rp)"), validators=[InputRequired(REQUIRED)])
    units_sold = IntegerField(_l("Jumlah terjual"), validators=[
        InputRequired(REQUIRED), NumberRange(0, 1_000_000, _l("Angka 0 atau lebih."))])
    best_product = StringField(_l("Produk terlaris"), validators=[Optional(), Length(max=200)])
