"""Forms of the recurring-market pages (types only: the rules live in the domain and use cases,
which also say what is missing, so every message shows at once)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import Optional

from services.bazaar.domain.markets import EXAMPLES
from services.kernel.web.forms import PageForm, ShownValuesField


class MarketForm(PageForm):
    name = StringField(_l("Nama pasar"), render_kw={"placeholder": "Payungi"})
    venue = StringField(_l("Tempat"))
    description = TextAreaField(_l("Keterangan"), render_kw={"rows": 2})
    rule = StringField(_l("Aturan pengulangan (RRULE)"),
                       render_kw={"list": "rule-examples", "placeholder": EXAMPLES[0],
                                  "autocomplete": "off", "spellcheck": "false"})
    first_date = DateField(_l("Hari pasar pertama"), validators=[Optional()])
    starts_time = TimeField(_l("Jam mulai (WIB)"), validators=[Optional()])
    ends_time = TimeField(_l("Jam selesai (WIB)"), validators=[Optional()])
    spots = IntegerField(_l("Jumlah lapak per hari pasar"), validators=[Optional()])
    shown = ShownValuesField()  # editing: the values the form was filled with (kernel.edits)

    def command(self) -> dict:
        return {"name": self.name.data, "venue": self.venue.data,
                "description": self.description.data, "rule": self.rule.data,
                "first_date": self.first_date.data, "starts_time": self.starts_time.data,
                "ends_time": self.ends_time.data, "spots": self.spots.data}


class ExclusionForm(PageForm):
    date = SelectField(_l("Hari pasar"), validate_choice=False)
    reason = StringField(_l("Alasan"), render_kw={"placeholder": _l("mis. Idulfitri")})


class VendorForm(PageForm):
    umkm_id = SelectField(_l("UMKM"), validate_choice=False)
    joined_on = DateField(_l("Mulai bergabung"), validators=[Optional()])
