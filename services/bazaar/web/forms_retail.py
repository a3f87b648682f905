"""Forms of the retail partner pages (types only: the rules live in the use cases)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    MonthField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from services.kernel.web.forms import PageForm, RupiahField, ShownValuesField

REQUIRED = _l("Wajib diisi.")


def line_breaks(text: str | None) -> str | None:
    """A browser sends a text area's line breaks as \\r\\n but counts each as one character
    for its maxlength: the same count here, so a note the browser let through is not too long."""
    return "\n".join(text.splitlines()) if text else text


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class PartnerForm(PageForm):
    name = StringField(_l("Nama mitra"), validators=[InputRequired(REQUIRED), Length(2, 120)])
    note = StringField(_l("Catatan"), validators=[Optional(), Length(max=500)])


class PartnerEditForm(PartnerForm):
    active = BooleanField(_l("Aktif"))
    shown = ShownValuesField()  # the values the form was filled with (kernel.edits)

    def command(self) -> dict:
        return {"name": self.name.data, "note": self.note.data, "active": self.active.data}


class OutletForm(PageForm):
    name = StringField(_l("Nama gerai"), validators=[InputRequired(REQUIRED), Length(2, 200)])
    address = StringField(_l("Alamat"), validators=[Optional(), Length(max=300)])


class MouForm(PageForm):
    number = StringField(_l("Nomor MoU"), validators=[InputRequired(REQUIRED), Length(3, 100)])
    signed_on = DateField(_l("Tanggal ditandatangani"),
                          validators=[InputRequired(REQUIRED)])
    expires_on = DateField(_l("Berlaku sampai"), validators=[InputRequired(REQUIRED)])
    contact_name = StringField(_l("Narahubung mitra"),
                               validators=[InputRequired(REQUIRED), Length(3, 200)])
    contact_phone = StringField(_l("Telepon narahubung"),
                                validators=[InputRequired(REQUIRED), Length(max=30)])
    shown = ShownValuesField()  # editing: the values the form was filled with (kernel.edits)

    def command(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "number", "signed_on", "expires_on", "contact_name", "contact_phone")}


class PlacementForm(PageForm):
    umkm_id = SelectField(_l("UMKM"), validators=[InputRequired(_l("Pilih UMKM."))],
                          validate_choice=False)
    product_name = StringField(_l("Nama produk"),
                               validators=[InputRequired(REQUIRED), Length(2, 200)])
    registry_product_id = StringField(_l("ID produk di registri (jika ada)"),
                                      validators=[Optional(), Length(max=36)])
    outlet_ids = CheckboxesField(_l("Gerai"), validators=[Optional()], validate_choice=False)

    def command(self, partner_id: str) -> dict:
        return {"umkm_id": self.umkm_id.data, "partner_id": partner_id,
                "product_name": self.product_name.data,
                "registry_product_id": self.registry_product_id.data or None,
                "outlet_ids": self.outlet_ids.data or []}


class OutletsForm(PageForm):
    outlet_ids = CheckboxesField(_l("Gerai"), validators=[Optional()], validate_choice=False)


class ChecklistForm(PageForm):
    checked = BooleanField(_l("Sudah lengkap"))
    not_applicable = BooleanField(_l("Tidak berlaku"))
    note = StringField(_l("Nomor / catatan"), validators=[Optional(), Length(max=300)])


class StatusForm(PageForm):
    # A text area: Enter starts a new line. In a one-line input it would submit the form with
    # its first button, moving the placement to a status nobody chose.
    note = TextAreaField(_l("Catatan"), validators=[Optional(), Length(max=500)],
                         filters=[line_breaks], render_kw={"rows": 2})
    # Sent by the button pressed (name="status"), or named by the older /status/<target> address
    status = StringField(_l("Status baru"), validators=[
        DataRequired(_l("Pilih status yang dituju dengan salah satu tombol di bawah catatan."))])


class RetailSalesForm(PageForm):
    month = MonthField(_l("Bulan"), validators=[InputRequired(REQUIRED)])
    units = IntegerField(_l("Jumlah terjual"), validators=[
        InputRequired(REQUIRED), NumberRange(0, 10_000_000, _l("Angka 0 atau lebih."))])
    revenue_idr = RupiahField(_l("Omzet (Rp)"), validators=[InputRequired(REQUIRED)])

    def command(self) -> dict:
        return {"month": self.month.data, "units": self.units.data,
                "revenue_idr": self.revenue_idr.data}
