"""Forms of the training staff pages (types only: the rules live in the domain)."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from services.kernel.reference import KECAMATAN, SECTORS
from services.kernel.web.forms import PageForm, PageFormRow, RupiahField, options
from services.training.domain.words import LABELS

SESSION_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}[.:]\d{2})\s*-\s*(\d{1,2}[.:]\d{2})"
                          r"\s*(.*)$")


class MultiCheckbox(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"class": "checks"})
        super().__init__(*args, **kwargs)


class AidLineForm(PageFormRow):
    item = StringField(_l("Barang"))
    quantity = IntegerField(_l("Jumlah per peserta"), validators=[Optional()])
    unit_value_idr = RupiahField(_l("Nilai satuan (Rp)"), validators=[Optional()])


class ProgramForm(PageForm):
    title = StringField(_l("Judul"))
    topic = StringField(_l("Topik"), render_kw={"placeholder": _l("mis. kain tapis, batik")})
    description = TextAreaField(_l("Deskripsi"), render_kw={"rows": 3})
    location = StringField(_l("Tempat"))
    starts_on = DateField(_l("Tanggal mulai"), validators=[Optional()])
    ends_on = DateField(_l("Tanggal selesai"), validators=[Optional()])
    quota = IntegerField(_l("Kuota peserta"), validators=[Optional()])
    min_attendance_pct = IntegerField(_l("Kehadiran minimum untuk lulus (%)"), default=75,
                                      validators=[Optional()])
    followup_days = StringField(_l("Kunjungan pendampingan (hari setelah selesai)"),
                                default="14, 60")
    sessions = TextAreaField(_l("Sesi (opsional)"), render_kw={
        "rows": 3, "placeholder": "2026-12-07 08:00-12:00 Aula Diskoperin"})
    eligible_sectors = MultiCheckbox(_l("Hanya sektor (kosong: semua)"))
    eligible_kecamatan = MultiCheckbox(_l("Hanya kecamatan (kosong: seluruh kota)"))
    trainer_ids = MultiCheckbox(_l("Pelatih"))
    aid_package = FieldList(FormField(AidLineForm), min_entries=3, max_entries=10)

    def __init__(self, *args, trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.eligible_sectors.choices = options(SECTORS.items())
        self.eligible_kecamatan.choices = options((k, k) for k in KECAMATAN)
        self.trainer_ids.choices = options((t["id"], t["name"]) for t in trainers)
        for select in (self.eligible_sectors, self.eligible_kecamatan, self.trainer_ids):
            select.validate_choice = False

    def parsed_sessions(self) -> list[dict] | None:
        lines = [line for line in (self.sessions.data or "").splitlines() if line.strip()]
        found = []
        for line in lines:
            match = SESSION_LINE.match(line)
            if not match:
                self.sessions.errors = [*self.sessions.errors, _l(
                    "Tulis satu sesi per baris: TANGGAL JAM-JAM TEMPAT, mis. "
                    "2026-12-07 08:00-12:00 Aula.")]
                return None
            day, start, end, venue = match.groups()
            found.append({"date": date.fromisoformat(day),
                          "starts_at": datetime.strptime(start.replace(".", ":"), "%H:%M").time(),
                          "ends_at": datetime.strptime(end.replace(".", ":"), "%H:%M").time(),
                          "venue": venue.strip() or None})
        return found

    def command(self) -> dict | None:
        sessions = self.parsed_sessions()
        try:
            followup = [int(p) for p in re.split(r"[,\s]+", self.followup_days.data or "") if p]
        except ValueError:
            self.followup_days.errors = [_l("Tulis angka hari, dipisah koma: 14, 60.")]
            return None
        if sessions is None:
            return None
        return {
            "title": self.title.data, "topic": self.topic.data,
            "description": self.description.data, "location": self.location.data,
            "starts_on": self.starts_on.data, "ends_on": self.ends_on.data,
            "quota": self.quota.data, "min_attendance_pct": self.min_attendance_pct.data,
            "followup_days": followup, "sessions": sessions,
            "eligible_sectors": self.eligible_sectors.data or [],
            "eligible_kecamatan": self.eligible_kecamatan.data or [],
            "trainer_ids": self.trainer_ids.data or [],
            "aid_package": [{"item": line.item.data, "quantity": line.quantity.data,
                             "unit_value_idr": line.unit_value_idr.data}
                            for line in self.aid_package if (line.item.data or "").strip()],
        }


class HandoverLineForm(PageFormRow):
    aid_item_id = StringField(render_kw={"hidden": True})
    quantity = IntegerField(_l("Jumlah"), validators=[Optional()])
    serial_numbers = StringField(_l("Nomor seri (pisahkan dengan koma)"))


class HandoverForm(PageForm):
    lines = FieldList(FormField(HandoverLineForm))
    handed_over_on = DateField(_l("Tanggal serah terima"), validators=[Optional()])
    received_by = StringField(_l("Diterima oleh"))


class ScanForm(PageForm):
    pass


class AidItemForm(PageForm):
    name = StringField(_l("Nama barang"))
    unit = StringField(_l("Satuan"), default="unit")
    unit_value_idr = RupiahField(_l("Nilai satuan (Rp)"), validators=[Optional()])
    stock = IntegerField(_l("Stok awal"), default=0, validators=[Optional()])


class StockForm(PageForm):
    """Stock in (or a correction out) on one row of the inventory; each row posts its own."""

    stock_item = HiddenField()
    quantity = IntegerField(_l("Jumlah"), validators=[Optional()])
    note = StringField(_l("Catatan"))


class TrainerForm(PageForm):
    name = StringField(_l("Nama"))
    skills = StringField(_l("Keahlian (pisahkan dengan koma)"))
    phone = StringField(_l("Nomor HP"), render_kw={"inputmode": "tel"})
    email = StringField(_l("Email"))
    address = StringField(_l("Alamat domisili"))
    kelurahan = SelectField(_l("Kelurahan domisili (Kota Metro)"))
    city = StringField(_l("Kota domisili, bila di luar Kota Metro"))
    fee_idr = RupiahField(_l("Honor (Rp, hanya pelatih dari luar Kota Metro)"),
                          validators=[Optional()])
    availability = StringField(_l("Ketersediaan"), render_kw={
        "placeholder": _l("mis. Sabtu-Minggu, pagi")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kelurahan.choices = options(
            ((kel, f"{kel} ({kec})") for kec, names in KECAMATAN.items() for kel in names),
            _l("— di luar Kota Metro —"))
        self.kelurahan.validate_choice = False

    def command(self) -> dict:
        return {"name": self.name.data, "skills": (self.skills.data or "").split(","),
                "phone": self.phone.data, "email": self.email.data,
                "address": self.address.data, "kelurahan": self.kelurahan.data or None,
                "city": self.city.data, "fee_idr": self.fee_idr.data,
                "availability": self.availability.data}


CONDITION_CHOICES = options(LABELS["condition"].items(), _l("— pilih —"))
YES_NO = options([("ya", _l("Ya")), ("tidak", _l("Tidak"))], _l("— pilih —"))


class ReportForm(PageForm):
    visited_on = DateField(_l("Tanggal kunjungan"), validators=[Optional()])
    still_producing = SelectField(_l("Masih berproduksi?"), choices=YES_NO)
    units_produced = IntegerField(_l("Jumlah produksi sejak pelatihan (unit)"),
                                  validators=[Optional()], render_kw={"inputmode": "numeric"})
    sales_idr = RupiahField(_l("Penjualan sejak pelatihan (Rp)"), validators=[Optional()],
                            render_kw={"inputmode": "numeric"})
    equipment_in_use = SelectField(_l("Peralatan bantuan dipakai?"), choices=YES_NO)
    equipment_condition = SelectField(_l("Kondisi peralatan"), choices=CONDITION_CHOICES)
    photos = MultipleFileField(_l("Foto (JPEG/PNG, maks. 5)"),
                               render_kw={"accept": "image/jpeg,image/png"})
    needs = TextAreaField(_l("Kebutuhan"), render_kw={"rows": 2})
    next_step = TextAreaField(_l("Langkah selanjutnya"), render_kw={"rows": 2})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for select in (self.still_producing, self.equipment_in_use, self.equipment_condition):
            select.validate_choice = False  # the use case says what is missing or wrong

    def command(self) -> dict:
        def yes(field):
            return {"ya": True, "tidak": False}.get(field.data)

        return {"visited_on": self.visited_on.data, "still_producing": yes(self.still_producing),
                "units_produced": self.units_produced.data, "sales_idr": self.sales_idr.data,
                "equipment_in_use": yes(self.equipment_in_use),
                "equipment_condition": self.equipment_condition.data or None,
                "needs": self.needs.data, "next_step": self.next_step.data}


class RescheduleForm(PageForm):
    due_on = DateField(_l("Tanggal baru"), validators=[Optional()])
    reason = StringField(_l("Alasan"))


class CompleteRowForm(PageFormRow):
    umkm_id = StringField(render_kw={"hidden": True})
    decision = SelectField(_l("Hasil"), choices=options([("auto", _l("Sesuai aturan kehadiran")),
                                                         ("passed", _l("Lulus")),
                                                         ("not_passed", _l("Tidak lulus"))]))
    reason = StringField(_l("Alasan"))


class CompleteForm(PageForm):
    rows = FieldList(FormField(CompleteRowForm))
    confirm = BooleanField(_l("Saya yakin: program ditutup dan kunjungan dijadwalkan"),
                           validators=[InputRequired(_l("Centang untuk menutup program."))])
