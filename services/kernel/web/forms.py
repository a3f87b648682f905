"""Form helpers shared by every service's staff pages."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, HiddenField, IntegerField
from wtforms.fields import SelectChoice
from wtforms.widgets import TextInput

from services.kernel.edits import shown_from, shown_text
from services.kernel.errors import DomainError, EditConflict
from services.kernel.rupiah import AmountRefused, NotAnAmount, parse_rupiah

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


@cache
def _catalogue(locale: str) -> NullTranslations:
    return Translations.load(str(TRANSLATIONS), [locale], domain="wtforms")


class BuiltInMessages:
    """WTForms' own messages ("This field is required.", "Not a valid date value.") in the
    page's language. WTForms ships no Indonesian, so the kernel keeps the catalogue
    (translations/id/LC_MESSAGES/wtforms.po); English is WTForms' own text."""

    @staticmethod
    def _current() -> NullTranslations:
        return _catalogue(str(get_locale() or "id")) if has_request_context() else \
            NullTranslations()

    def gettext(self, string: str) -> str:
        return self._current().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._current().ungettext(singular, plural, n)


class PageForm(FlaskForm):
    """Every form of the staff pages: Flask-WTF's CSRF, and WTForms' own messages in the page's
    language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return BuiltInMessages()


class PageFormRow(Form):
    """A repeated part of a PageForm (a FieldList of FormFields): no CSRF of its own, the same
    messages."""

    class Meta:
        def get_translations(self, form):
            return BuiltInMessages()


class RupiahField(IntegerField):
    """Whole rupiah as people type it: '1.500.000', 'Rp 1.500.000', '1500000'."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        try:
            self.data = parse_rupiah(valuelist[0])
        except NotAnAmount:
            raise ValueError(_l("Tulis jumlah rupiah dengan angka, misalnya 1.500.000.")) from None
        except AmountRefused as refused:  # with sen (2.500.000,50), or past any column
            raise ValueError(refused.message) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:,}".replace(",", ".")


class ShownValuesField(HiddenField):
    """The values an edit form was filled with, carried through the browser and back, so that
    a change made by someone else meanwhile is kept or named (services.kernel.edits.merge).
    Anything but a JSON object comes back as None: the form is then taken as it was sent."""

    def process_formdata(self, valuelist):
        self.data = shown_from(valuelist[0] if valuelist else None)

    def _value(self):
        return shown_text(self.data)


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


def apply_edit_errors(form, error: DomainError) -> int:
    """apply_errors for an edit form carrying its shown values (a ShownValuesField `shown`): for
    an EditConflict its message goes on top as well, and the form carries the values stored now,
    so that saving again keeps what this person typed. The status to answer with (409 for a
    conflict, else 422)."""
    apply_errors(form, error)
    if not isinstance(error, EditConflict):
        return 422
    form.form_errors.append(error.message)
    form.shown.data = error.stored
    return error.status
