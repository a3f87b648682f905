"""A form as a browser would send it: the names and values a page renders, read from its HTML."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, {}
        self._select: str | None = None
        self._multiple = False
        self._first_option: tuple[str, str] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            value = attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
            if attrs.get("type") == "checkbox" and name in self.values:  # one value per box
                self.values[name] = [*_listed(self.values[name]), value]
            else:
                self.values[name] = value
        elif tag == "select" and name:
            self._select, self._first_option = name, None
            self._multiple = "multiple" in attrs
            if self._multiple:
                self.values[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if self._multiple:
                if "selected" in attrs:
                    self.values[self._select].append(value)
                return
            if self._first_option is None:
                self._first_option = (self._select, value)
                self.values.setdefault(self._select, value)
            if "selected" in attrs:
                self.values[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:  # a browser drops the first line end
            text = self.values[self._textarea]
            self.values[self._textarea] = text[2:] if text.startswith("\r\n") else \
                text.removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def _listed(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def form_values(html: str, form_id: str | None = None) -> dict[str, str | list[str]]:
    """The fields of the form `form_id` (or of every form) with the values the page shows: a
    list for a multiple select and for checkboxes ticked under one name."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.values
