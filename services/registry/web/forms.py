"""Forms of the registry's staff pages (types only: the rules live in the domain)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional

from services.kernel.reference import KECAMATAN, SECTORS
from services.kernel.web.forms import PageForm, RupiahField, ShownValuesField, options
from services.registry.usecases.editing import EDITABLE
from services.registry.web.labels import ROLE_LABELS


class LoginForm(PageForm):
    email = EmailField(_l("Email"), validators=[InputRequired(_l("Email wajib diisi."))])
    password = PasswordField(_l("Kata sandi"),
                             validators=[InputRequired(_l("Kata sandi wajib diisi."))])


class RegistrationForm(PageForm):
    owner_name = StringField(_l("Nama pemilik"))
    nik = StringField(_l("NIK pemilik"), render_kw={"inputmode": "numeric", "maxlength": 19,
                                                    "autocomplete": "off"})
    phone = StringField(_l("Nomor HP"), render_kw={"inputmode": "tel", "placeholder": "08..."})
    email = EmailField(_l("Email (opsional)"))
    business_name = StringField(_l("Nama usaha"))
    sector = SelectField(_l("Sektor"))
    kecamatan = SelectField(_l("Kecamatan"))
    kelurahan = SelectField(_l("Kelurahan"))
    address = TextAreaField(_l("Alamat usaha"), render_kw={"rows": 2})
    nib = StringField(_l("NIB (opsional)"), render_kw={"inputmode": "numeric", "maxlength": 13})
    kbli = StringField(_l("KBLI 2020 (opsional)"), render_kw={"inputmode": "numeric",
                                                              "maxlength": 5})
    capital_idr = RupiahField(_l("Modal usaha, di luar tanah & bangunan (Rp, opsional)"),
                              validators=[Optional()])
    annual_turnover_idr = RupiahField(_l("Omzet per tahun (Rp, opsional)"),
                                      validators=[Optional()])
    registered_on = DateField(_l("Tanggal pendaftaran"), validators=[Optional()])
    # Checked by the domain (clearer messages than WTForms' number fields give).
    workers_male = StringField(_l("Tenaga kerja laki-laki (opsional)"),
                               render_kw={"inputmode": "numeric"})
    workers_female = StringField(_l("Tenaga kerja perempuan (opsional)"),
                                 render_kw={"inputmode": "numeric"})
    founded_year = StringField(_l("Tahun berdiri (opsional)"),
                               render_kw={"inputmode": "numeric", "maxlength": 4})
    latitude = StringField(_l("Lintang (opsional)"), render_kw={"inputmode": "decimal"})
    longitude = StringField(_l("Bujur (opsional)"), render_kw={"inputmode": "decimal"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector.choices = options(SECTORS.items(), _l("— pilih sektor —"))
        self.kecamatan.choices = options(((k, k) for k in KECAMATAN), _l("— pilih kecamatan —"))
        self.kelurahan.choices = options(
            ((kel, kel) for names in KECAMATAN.values() for kel in names),
            _l("— pilih kelurahan —"),
        )
        # The domain says which values are allowed, with a clearer message than WTForms'.
        for select in (self.sector, self.kecamatan, self.kelurahan):
            select.validate_choice = False

    def command(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class EditForm(RegistrationForm):
    """The registration form without the NIK (an owner's NIK does not change), filled from the
    record; everything sent is the new state (an emptied optional field is cleared)."""

    EDITABLE = EDITABLE
    nik = None
    shown = ShownValuesField()

    @classmethod
    def of(cls, umkm: dict, shown: dict | None = None, **kwargs) -> EditForm:
        values = {name: umkm.get(name) for name in cls.EDITABLE}
        for name in ("workers_male", "workers_female", "founded_year", "latitude", "longitude"):
            values[name] = "" if values[name] is None else str(values[name])
        return cls(data={**values, "shown": shown}, **kwargs)

    def command(self) -> dict:
        data = super().command()
        data = {name: (value if value != "" else None) for name, value in data.items()
                if name in self.EDITABLE}
        if data.get("registered_on") is None:
            data.pop("registered_on", None)  # left empty: stays as registered
        return data


class StatusForm(PageForm):
    """Reject / deactivate / reactivate from the UMKM's page; the rules live in the domain."""

    reason = TextAreaField(_l("Alasan"), render_kw={"rows": 2, "maxlength": 500})


class ImportForm(PageForm):
    file = FileField(_l("Berkas CSV atau XLSX"), render_kw={"accept": ".csv,.xlsx"})
    mode = SelectField(_l("Data yang sudah terdaftar"), choices=options([
        ("skip", _l("Lewati (jangan ubah)")),
        ("update", _l("Perbarui dari sel yang terisi")),
    ]), default="skip")


class StaffForm(PageForm):
    email = EmailField(_l("Email"), validators=[InputRequired(_l("Email wajib diisi."))])
    name = StringField(_l("Nama"), validators=[InputRequired(_l("Nama wajib diisi."))])
    password = PasswordField(_l("Kata sandi awal"))
    roles = SelectMultipleField(_l("Peran"), choices=options(ROLE_LABELS.items()))
    phone = StringField(_l("Nomor HP (opsional)"))
    kecamatan = SelectMultipleField(_l("Kecamatan yang dicakup (kosong: seluruh kota)"),
                                    choices=options((k, k) for k in KECAMATAN))


class StaffEditForm(PageForm):
    roles = SelectMultipleField(_l("Peran"), choices=options(ROLE_LABELS.items()))
    kecamatan = SelectMultipleField(_l("Kecamatan yang dicakup (kosong: seluruh kota)"),
                                    choices=options((k, k) for k in KECAMATAN))
    active = BooleanField(_l("Aktif"))
    shown = ShownValuesField()


class PasswordResetForm(PageForm):
    password = PasswordField(_l("Kata sandi baru"))


class OwnPasswordForm(PageForm):
    current_password = PasswordField(_l("Kata sandi sekarang"))
    new_password = PasswordField(_l("Kata sandi baru"))


class ProductForm(PageForm):
    name = StringField(_l("Nama produk"))
    category = StringField(_l("Kategori"), render_kw={"placeholder": _l("makanan ringan")})
    price_idr = RupiahField(_l("Harga (Rp)"), validators=[Optional()])
    halal_number = StringField(_l("Nomor sertifikat halal"))
    halal_expires_on = DateField(_l("Halal berlaku sampai"), validators=[Optional()])
    pirt_number = StringField(_l("Nomor P-IRT"))
    pirt_expires_on = DateField(_l("P-IRT berlaku sampai"), validators=[Optional()])
    bpom_number = StringField(_l("Nomor BPOM"))
    bpom_expires_on = DateField(_l("BPOM berlaku sampai"), validators=[Optional()])
    photo = FileField(_l("Foto produk (JPEG/PNG, opsional)"),
                      render_kw={"accept": "image/jpeg,image/png"})

    def command(self) -> dict:
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "photo")}

    def photo_bytes(self) -> bytes | None:
        upload = self.photo.data
        return upload.read() if upload and getattr(upload, "filename", "") else None


class PhotoForm(PageForm):
    photo = FileField(_l("Foto produk (JPEG/PNG)"), render_kw={"accept": "image/jpeg,image/png"})


class TokenForm(PageForm):
    name = StringField(_l("Nama token"), render_kw={"placeholder": _l("skrip laporan bulanan"),
                                                     "maxlength": 80})
    days = StringField(_l("Masa berlaku (hari)"), render_kw={"inputmode": "numeric"})

    def days_value(self) -> object:
        """A whole number when typed as one; anything else goes to the rule as typed."""
        text = (self.days.data or "").strip()
        return int(text) if text.isascii() and text.isdigit() else (text or None)
