"""Form helpers shared by every service's staff pages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from wtforms import Field, IntegerField
from wtforms.fields import SelectChoice
from wtforms.widgets import TextInput

from services.kernel.errors import DomainError


class RupiahField(IntegerField):
    """Whole rupiah as people type it: '1.500.000', 'Rp 1.500.000', '1500000'."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = re.sub(r"(?i)^rp\.?|[\s.]", "", valuelist[0].strip())
        if text.endswith(",00"):
            text = text[:-3]
        if not text.isdigit():
            self.data = None
            raise ValueError(_l("Tulis jumlah rupiah dengan angka, misalnya 1.500.000."))
        self.data = int(text)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:,}".replace(",", ".")


def options(pairs: Iterable[tuple[object, object]], placeholder=None) -> list[SelectChoice]:
    """The choices of a select or a list of checkboxes from (value, label) pairs; a
    `placeholder` is an empty first option ("— pilih —")."""
    first = [SelectChoice("", placeholder)] if placeholder is not None else []
    return [*first, *(SelectChoice(value, label) for value, label in pairs)]


def apply_errors(form, error: DomainError) -> None:
    """Put a use case's per-field messages beside the fields; the rest on top of the form."""
    for name, message in error.fields.items():
        field: Field | None = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors or []), str(message)]
        else:
            form.form_errors.append(str(message))
    if not error.fields:
        form.form_errors.append(error.message)
