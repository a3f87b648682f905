"""Message templates (Jinja, sandboxed): Bahasa Indonesia first, English second, per channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, Template, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from services.kernel.clock import to_wib
from services.notifier.domain import gsm7
from services.notifier.domain.rules import EMAIL, SMS, WHATSAPP

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent / "templates" / "messages"
LOCALES = ("id", "en")


@dataclass(frozen=True)
class Rendered:
    subject: str | None
    text: str
    html: str | None


def _moment(value):
    """A date or datetime from a payload value (ISO text once the payload went through JSON)."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return date.fromisoformat(value[:10])
    return value


def _tanggal(value, locale: str = "id") -> str:
    value = _moment(value)
    if isinstance(value, datetime):
        value = to_wib(value).date()  # an instant in UTC may be the next day in Metro
    return format_date(value, "d MMMM yyyy", locale=locale)


def _jam(value, locale: str = "id") -> str:
    """The time of day in WIB: 08.00 in Indonesian, 08:00 in English."""
    moment = to_wib(_moment(value))
    return moment.strftime("%H.%M" if locale == "id" else "%H:%M")


def _cached(fn):
    """`fn(value, locale)` remembered for text, dates and instants (what payloads carry): a mass
    invitation formats the same few moments for every owner. Equal instants are the same
    moment in WIB, so they may share an answer; other values are formatted every time."""
    remembered = lru_cache(maxsize=1024, typed=True)(fn)

    def formatted(value, locale: str = "id") -> str:
        if isinstance(value, (str, date)):
            return remembered(value, locale)
        return fn(value, locale)

    return formatted


_tanggal_cached, _jam_cached = _cached(_tanggal), _cached(_jam)


class TemplateStore:
    def __init__(self, root: Path = TEMPLATE_ROOT):
        self.root = root
        self._envs = {
            (locale, html): self._environment(locale, html=html)
            for locale in LOCALES for html in (False, True)
        }
        # Compiled once: the packaged files found (they change with a release only, as for
        # auto_reload=False) and staff edits by their text (a new edit is a new text).
        self._files: dict[tuple[str, bool, str], Template] = {}
        self._edits = lru_cache(maxsize=256)(self._compile)

    def _compile(self, locale: str, html: bool, source: str) -> Template:
        return self._envs[(locale, html)].from_string(source)

    def _environment(self, locale: str, *, html: bool) -> SandboxedEnvironment:
        loaders = [FileSystemLoader(str(self.root / locale))]
        if locale != "id":
            loaders.append(FileSystemLoader(str(self.root / "id")))
        env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                                   autoescape=html, trim_blocks=True, lstrip_blocks=True,
                                   keep_trailing_newline=False,
                                   # The files change with a release only (staff edits are rows):
                                   # no stat of every template file on every message.
                                   auto_reload=False)
        env.filters["tanggal"] = lambda value: _tanggal_cached(value, locale)
        env.filters["jam"] = lambda value: _jam_cached(value, locale)
        return env

    def env(self, locale: str, *, html: bool = False) -> SandboxedEnvironment:
        return self._envs[(locale if locale in LOCALES else "id", html)]

    def source(self, template: str, locale: str, part: str) -> str | None:
        """The packaged text of one part (the locale's, else Bahasa Indonesia's)."""
        for candidate in (locale, "id"):
            path = self.root / candidate / template / part
            if path.is_file():
                return path.read_text()
        return None

    def _render(self, locale: str, name: str, context: dict, *, html: bool = False,
                overrides: dict | None = None) -> str | None:
        locale = locale if locale in LOCALES else "id"
        part = name.rpartition("/")[2]
        if overrides and overrides.get(part) is not None:
            return self._edits(locale, html, overrides[part]).render(**context).strip()
        template = self._files.get((locale, html, name))
        if template is None:
            try:
                template = self._envs[(locale, html)].get_template(name)
            except TemplateNotFound:
                return None
            self._files[(locale, html, name)] = template
        return template.render(**context).strip()

    def render_part(self, template: str, part: str, locale: str, context: dict,
                    overrides: dict | None = None) -> str | None:
        """One part (e.g. "subject.txt") on its own, as written (None if there is none)."""
        return self._render(locale, f"{template}/{part}", context, html=part.endswith(".html"),
                            overrides=overrides)

    def render(self, template: str, channel: str, locale: str, context: dict,
               overrides: dict | None = None) -> Rendered:
        """`overrides`: staff-edited parts by name (e.g. {"sms.txt": "..."}) over the files."""
        def part(name: str, *, html: bool = False) -> str | None:
            return self._render(locale, f"{template}/{name}", context, html=html,
                                overrides=overrides)

        if channel == EMAIL:
            subject, text = part("subject.txt"), part("email.txt")
            if text is None:
                raise LookupError(f"no email template {template}")
            html = part("email.html", html=True)
            if html is None:
                paragraphs = [block.splitlines() for block in text.split("\n\n") if block]
                html = self._render(locale, "_generic.html",
                                    {**context, "paragraphs": paragraphs}, html=True)
            if context.get("unsubscribe_url"):
                footer = UNSUBSCRIBE.get(locale, UNSUBSCRIBE["id"])
                text = f"{text}\n\n--\n{footer}: {context['unsubscribe_url']}"
            return Rendered(" ".join((subject or "").split()), text, html)
        if channel == SMS:
            text = part("sms.txt")
            if text is None:
                raise LookupError(f"no SMS template {template}")
            return Rendered(None, gsm7.fit(text), None)
        if channel == WHATSAPP:
            text = part("whatsapp.txt") or part("sms.txt")
            if text is None:
                raise LookupError(f"no WhatsApp template {template}")
            return Rendered(None, text, None)
        raise LookupError(f"unknown channel {channel}")


UNSUBSCRIBE = {"id": "Berhenti menerima email seperti ini", "en": "Stop receiving emails like this"}
PARTS = ("subject.txt", "email.txt", "email.html", "sms.txt", "whatsapp.txt")
