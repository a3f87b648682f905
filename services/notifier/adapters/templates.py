"""Message templates (Jinja, sandboxed): Bahasa Indonesia first, English second, per channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date
from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateNotFound
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


def _tanggal(value, locale: str = "id") -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = to_wib(value).date()
    return format_date(value, "d MMMM yyyy", locale=locale)


class TemplateStore:
    def __init__(self, root: Path = TEMPLATE_ROOT):
        self.root = root
        self._envs = {
            (locale, html): self._environment(locale, html=html)
            for locale in LOCALES for html in (False, True)
        }

    def _environment(self, locale: str, *, html: bool) -> SandboxedEnvironment:
        loaders = [FileSystemLoader(str(self.root / locale))]
        if locale != "id":
            loaders.append(FileSystemLoader(str(self.root / "id")))
        env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                                   autoescape=html, trim_blocks=True, lstrip_blocks=True,
                                   keep_trailing_newline=False)
        env.filters["tanggal"] = lambda value: _tanggal(value, locale)
        return env

    def _render(self, locale: str, name: str, context: dict, *, html: bool = False) -> str | None:
        env = self._envs[(locale if locale in LOCALES else "id", html)]
        try:
            template = env.get_template(name)
        except TemplateNotFound:
            return None
        return template.render(**context).strip()

    def render(self, template: str, channel: str, locale: str, context: dict) -> Rendered:
        if channel == EMAIL:
            subject = self._render(locale, f"{template}/subject.txt", context)
            text = self._render(locale, f"{template}/email.txt", context)
            html = self._render(locale, f"{template}/email.html", context, html=True)
            if text is None:
                raise LookupError(f"no email template {template}")
            return Rendered(" ".join((subject or "").split()), text, html)
        if channel == SMS:
            text = self._render(locale, f"{template}/sms.txt", context)
            if text is None:
                raise LookupError(f"no SMS template {template}")
            return Rendered(None, gsm7.fit(text), None)
        if channel == WHATSAPP:
            text = self._render(locale, f"{template}/whatsapp.txt", context) or \
                self._render(locale, f"{template}/sms.txt", context)
            if text is None:
                raise LookupError(f"no WhatsApp template {template}")
            return Rendered(None, text, None)
        raise LookupError(f"unknown channel {channel}")
