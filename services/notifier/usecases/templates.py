"""Staff editing of message templates: versioned edits and a preview on sample data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.edits import merge, plain_values, refuse_stale, version_of
from services.kernel.errors import EditConflict, InvalidInput, NotFound
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.adapters.templates import LOCALES, PARTS, TemplateStore
from services.notifier.domain import gsm7
from services.notifier.domain.rules import ALL_RULES, EMAIL, SMS, WHATSAPP
from services.notifier.models import TemplateVersion
from services.notifier.usecases.template_context import (
    channel_context,
    part_context,
    rule_context,
    usable_names,
)
from services.notifier.usecases.template_errors import explain

# What each channel's message is made of, and the longest source that makes sense per part.
NEEDED_PARTS = {EMAIL: ("subject.txt", "email.txt"), SMS: ("sms.txt",), WHATSAPP: ()}
PART_LIMITS = {"subject.txt": 200, "email.txt": 20_000, "email.html": 50_000, "sms.txt": 640,
               "whatsapp.txt": 4_000}
# A part past its limit is still checked for mistakes, unless it is this many times too long.
RENDERED_PAST_LIMIT = 2


def template_names() -> list[dict]:
    seen: dict[str, dict] = {}
    for rule in ALL_RULES:
        seen.setdefault(rule.template, {"name": rule.template, "event_type": rule.event_type,
                                        "channels": list(rule.channels)})
    return list(seen.values())


def _rule_for(name: str):
    rule = next((r for r in ALL_RULES if r.template == name), None)
    if rule is None:
        raise NotFound(str(_l("Templat tidak ditemukan.")))
    return rule


def sample_context(name: str, department: str, channel: str = EMAIL) -> dict:
    """The event's example, as a message of this template on `channel` is rendered with."""
    return channel_context(_rule_for(name), department, channel)


def names(name: str, department: str) -> dict[str, list[str]]:
    """The names the template's parts may use (`bazaar.title`, ...): `all` in every part,
    `email` those an email's parts may use besides (the unsubscribe link)."""
    rule = _rule_for(name)
    everywhere = usable_names(rule_context(rule, department, email=False))
    in_email = usable_names(rule_context(rule, department, email=True))
    return {"all": everywhere, "email": [n for n in in_email if n not in everywhere]}


def _history(session, name: str, locale: str) -> list[dict]:
    rows = session.execute(
        select(TemplateVersion).where(TemplateVersion.template == name,
                                      TemplateVersion.locale == locale)
        .order_by(TemplateVersion.version.desc())).scalars().all()
    return [{"part": r.part, "version": r.version, "author": r.author,
             "created_at": r.created_at, "body": r.body} for r in rows]


def _parts(store: TemplateStore, name: str, locale: str, history: list[dict]) -> dict:
    parts = {part: store.source(name, locale, part) for part in PARTS}
    for row in reversed(history):
        parts[row["part"]] = row["body"]
    return {k: v for k, v in parts.items() if v is not None}


def current(uow: UnitOfWorkFactory, store: TemplateStore, name: str, locale: str) -> dict:
    """The parts in use (the newest version of each, else the file shipped), their history,
    and `version`, which changes whenever a part does (the API's ETag)."""
    _rule_for(name)
    with uow(readonly=True) as unit:
        history = _history(unit.session, name, locale)
    parts = _parts(store, name, locale, history)
    return {"name": name, "locale": locale, "parts": parts, "history": history,
            "version": version_of(parts, PARTS)}


def preview(store: TemplateStore, name: str, locale: str, parts: dict[str, str],
            department: str) -> dict:
    """Render the (unsaved) parts on sample data; a part that does not render is a 422 with a
    message beside that part, in the staff member's language."""
    rule = _rule_for(name)
    errors = _render_problems(store, rule, locale, parts, department)
    if errors:
        raise InvalidInput(errors)
    out: dict = {}
    for channel in (EMAIL, SMS, WHATSAPP):
        context = channel_context(rule, department, channel)
        try:
            rendered = store.render(name, channel, locale, context, overrides=parts)
        except LookupError:
            continue
        except Exception as exc:  # a packaged part the edits rely on; not expected
            part = _part_of(channel)
            errors.setdefault(part, explain(exc, part, usable_names(context),
                                            store.source(name, locale, part) or ""))
            continue
        out[channel] = {"subject": rendered.subject, "text": rendered.text,
                        "html": rendered.html}
        if channel == SMS:
            raw = store.render_part(name, "sms.txt", locale, context, overrides=parts) or ""
            out[channel]["length"] = gsm7.length(rendered.text)
            # Longer than one SMS as written: it is shortened at a word with "..." when sent.
            out[channel]["cut"] = gsm7.length(" ".join(gsm7.to_gsm7(raw).split())) > 160
    if errors:
        raise InvalidInput(errors)
    return {"name": name, "locale": locale, "channels": list(rule.channels), "preview": out}


def _render_problems(store: TemplateStore, rule, locale: str, parts: dict[str, str],
                     department: str) -> dict[str, str]:
    """Each edited part rendered on its own, on the context of the channel it is sent on, so
    that a problem is told beside its part (a broken subject beside the subject, not the
    email text), every part's at once. Any error of a staff-written template is a message,
    never a 500: a division by zero or a sandbox refusal too."""
    errors: dict[str, str] = {}
    for part, body in parts.items():
        context = part_context(rule, department, part)
        try:
            store.render_part(rule.template, part, locale, context, overrides={part: body})
        except Exception as exc:
            errors[part] = explain(exc, part, usable_names(context), body)
    return errors


def _part_of(channel: str) -> str:
    return {EMAIL: "email.txt", SMS: "sms.txt", WHATSAPP: "whatsapp.txt"}[channel]


def _checked_parts(store: TemplateStore, name: str, locale: str, parts: dict[str, str],
                   department: str) -> dict[str, str]:
    """The parts to keep, or every problem of every part at once, one message per part: a
    part the template's channels need is not emptied (an empty optional part, such as
    WhatsApp's own text, changes nothing), none is longer than makes sense for it, and each
    renders on the sample data. A part too long and broken is told both."""
    rule = _rule_for(name)
    needed = {part for channel in rule.channels for part in NEEDED_PARTS[channel]}
    problems: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    for part, body in parts.items():
        if part not in PARTS:
            problems[part] = [str(_l("Bagian templat tidak dikenal."))]
        elif not (body or "").strip():
            if part in needed:
                problems[part] = [str(_l("Bagian ini dipakai pesan templat ini; tidak boleh "
                                         "kosong."))]
        else:
            if len(body) > PART_LIMITS[part]:
                problems[part] = [str(_l("Paling banyak %(n)s karakter.", n=PART_LIMITS[part]))]
            if len(body) <= PART_LIMITS[part] * RENDERED_PAST_LIMIT:
                written[part] = body
    for part, message in _render_problems(store, rule, locale, written, department).items():
        problems.setdefault(part, []).append(message)
    if problems:
        raise InvalidInput({part: " ".join(messages) for part, messages in problems.items()})
    return written


def _conflict(history: list[dict], conflicts: dict, stored: dict) -> EditConflict:
    last = next((row for row in history if row["part"] in conflicts), None)
    who = (last or {}).get("author") or str(_l("Orang lain"))
    message = _l("%(who)s menyimpan versi baru templat ini sementara Anda mengubahnya. Bagian "
                 "yang bertabrakan ditandai; periksa, lalu simpan lagi.", who=who)
    fields = {part: str(_l("Bagian ini sudah disimpan orang lain sejak Anda membuka halaman "
                           "ini (lihat Riwayat versi). Isian Anda tetap di sini; simpan lagi "
                           "untuk memakainya.")) for part in conflicts}
    return EditConflict(str(message), fields, plain_values(stored, PARTS))


def save(uow: UnitOfWorkFactory, store: TemplateStore, name: str, locale: str,
         parts: dict[str, str], author: str | None, department: str, *,
         shown: dict | None = None, if_match: str | None = None) -> dict:
    """A new version of each changed part; the preview must render first. `saved` names the
    parts that got a new version (none when nothing changed).

    A form passes the parts it was filled with (`shown`): only the parts the person changed
    get a version, and a part someone else saved meanwhile that this person changed too is
    refused (EditConflict). An API client may pass the version it read (`if_match`)."""
    if locale not in LOCALES:
        raise InvalidInput({"locale": str(_l("Bahasa tidak dikenal."))})
    parts = _checked_parts(store, name, locale, parts, department)
    preview(store, name, locale, parts, department)
    with uow() as unit:
        history = _history(unit.session, name, locale)
        before = _parts(store, name, locale, history)
        refuse_stale(if_match, before, PARTS)
        outcome = merge(shown, parts, before)
        if outcome.conflicts:
            raise _conflict(history, outcome.conflicts, before)
        saved = list(outcome.changed)
        for part in saved:
            last = unit.session.execute(select(func.max(TemplateVersion.version)).where(
                TemplateVersion.template == name, TemplateVersion.locale == locale,
                TemplateVersion.part == part)).scalar() or 0
            unit.session.add(TemplateVersion(template=name, locale=locale, part=part,
                                             version=last + 1, body=parts[part],
                                             author=author))
        unit.commit()
    return {**current(uow, store, name, locale), "saved": saved}
