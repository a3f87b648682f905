"""Forms of the Friday local batik pages (types only: the rules live in the domain and use
cases, which also say what is missing, so every message shows at once)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from services.bazaar.domain.batik import OPD, VERTICAL
from services.kernel.web.forms import (
    PageForm,
    PageFormRow,
    RupiahField,
    ShownValuesField,
    options,
)

KIND_CHOICES = [(OPD, _l("OPD (Perwali)")), (VERTICAL, _l("Instansi vertikal (surat edaran)"))]


class OfficeForm(PageForm):
    name = StringField(_l("Nama instansi"))
    kind = SelectField(_l("Jenis"), validate_choice=False)
    circular_letter = StringField(_l("Nomor surat edaran (instansi vertikal)"))
    circular_letter_date = DateField(_l("Tanggal surat edaran"), validators=[Optional()])
    contact_name = StringField(_l("Narahubung"))
    contact_phone = StringField(_l("Telepon narahubung"))
    active = BooleanField(_l("Aktif"), default=True)
    shown = ShownValuesField()  # editing: the values the form was filled with (kernel.edits)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options(KIND_CHOICES)

    def command(self) -> dict:
        return {"name": self.name.data, "kind": self.kind.data,
                "circular_letter": self.circular_letter.data,
                "circular_letter_date": self.circular_letter_date.data,
                "contact_name": self.contact_name.data,
                "contact_phone": self.contact_phone.data, "active": self.active.data}


class OrderLineForm(PageFormRow):
    item = StringField(_l("Barang"), render_kw={"placeholder": _l("mis. Kemeja batik Siger")})
    quantity = IntegerField(_l("Jumlah"), validators=[Optional()])
    unit_price_idr = RupiahField(_l("Harga satuan (Rp)"), validators=[Optional()])


class OrderForm(PageForm):
    office_id = SelectField(_l("Instansi pemesan"), validate_choice=False)
    umkm_id = SelectField(_l("Perajin batik"), validate_choice=False)
    ordered_on = DateField(_l("Tanggal pesan"), validators=[Optional()])
    due_on = DateField(_l("Tenggat terima"), validators=[Optional()])
    notes = TextAreaField(_l("Catatan"), render_kw={"rows": 2})
    items = FieldList(FormField(OrderLineForm), min_entries=3, max_entries=20)

    def command(self) -> tuple[dict, list[int]]:
        """The order, and for each line kept the row it came from (empty rows are skipped)."""
        rows = [n for n, line in enumerate(self.items)
                if (line.item.data or "").strip() or line.quantity.data is not None
                or line.unit_price_idr.data is not None]
        return ({"office_id": self.office_id.data, "umkm_id": self.umkm_id.data,
                 "ordered_on": self.ordered_on.data, "due_on": self.due_on.data,
                 "notes": self.notes.data,
                 "items": [{"item": self.items[n].item.data,
                            "quantity": self.items[n].quantity.data,
                            "unit_price_idr": self.items[n].unit_price_idr.data}
                           for n in rows]}, rows)


class DeliveryLineForm(PageFormRow):
    item_id = HiddenField()
    quantity = IntegerField(_l("Diterima"), validators=[Optional()])


class DeliveryForm(PageForm):
    delivered_on = DateField(_l("Tanggal terima"), validators=[Optional()])
    note = StringField(_l("Catatan"))
    items = FieldList(FormField(DeliveryLineForm), min_entries=0, max_entries=50)

    def command(self) -> tuple[dict, list[int]]:
        rows = [n for n, line in enumerate(self.items) if line.quantity.data]
        return ({"delivered_on": self.delivered_on.data, "note": self.note.data,
                 "items": [{"item_id": self.items[n].item_id.data,
                            "quantity": self.items[n].quantity.data} for n in rows]}, rows)


class CancelForm(PageForm):
    reason = StringField(_l("Alasan pembatalan"))
