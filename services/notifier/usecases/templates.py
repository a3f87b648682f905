"""Staff editing of message templates: versioned edits and a preview on sample data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.edits import merge, plain_values, refuse_stale, version_of
from services.kernel.errors import EditConflict, InvalidInput, NotFound
from services.kernel.events import CATALOGUE
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.adapters.templates import LOCALES, PARTS, TemplateStore
from services.notifier.domain import gsm7
from services.notifier.domain.rules import ALL_RULES, EMAIL, SMS, WHATSAPP
from services.notifier.models import TemplateVersion
from services.notifier.usecases.compose import message_context
from services.notifier.usecases.template_errors import explain

# What each channel's message is made of, and the longest source that makes sense per part.
NEEDED_PARTS = {EMAIL: ("subject.txt", "email.txt"), SMS: ("sms.txt",), WHATSAPP: ()}
PART_LIMITS = {"subject.txt": 200, "email.txt": 20_000, "sms.txt": 640, "whatsapp.txt": 4_000}
SAMPLE_STAFF = {"recipient_name": "Rahmat Hidayat",
                "visits": [{"due_on": "2026-12-23", "business_name": "Keripik Pisang Bu Sri",
                            "program_title": "Pelatihan Kain Tapis Angkatan I",
                            "overdue": False}]}


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


def sample_context(name: str, department: str) -> dict:
    rule = _rule_for(name)
    payload = dict(CATALOGUE.get(rule.event_type).example)
    payload.setdefault("business_name", "Keripik Pisang Bu Sri")
    payload.setdefault("owner_name", "Sri Wahyuni")
    return {**message_context(rule.event_type, payload, department), **SAMPLE_STAFF,
            "recipient_name": payload["owner_name"], "unsubscribe_url": "#"}


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
    context = sample_context(name, department)
    _check_renders(store, name, locale, parts, context)
    out: dict = {}
    errors: dict[str, str] = {}
    for channel in (EMAIL, SMS, WHATSAPP):
        try:
            rendered = store.render(name, channel, locale, context, overrides=parts)
        except LookupError:
            continue
        except Exception as exc:  # a packaged part the edits rely on; not expected
            errors.setdefault(_part_of(channel), explain(exc, _part_of(channel), context))
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


def _check_renders(store: TemplateStore, name: str, locale: str, parts: dict[str, str],
                   context: dict) -> None:
    """Each edited part rendered on its own, so that a problem is told beside its part (a
    broken subject beside the subject, not the email text). Any error of a staff-written
    template is a message, never a 500: a division by zero or a sandbox refusal too."""
    errors: dict[str, str] = {}
    for part in parts:
        try:
            store.render_part(name, part, locale, context, overrides=parts)
        except Exception as exc:
            errors[part] = explain(exc, part, context)
    if errors:
        raise InvalidInput(errors)


def _part_of(channel: str) -> str:
    return {EMAIL: "email.txt", SMS: "sms.txt", WHATSAPP: "whatsapp.txt"}[channel]


def _checked_parts(name: str, parts: dict[str, str]) -> dict[str, str]:
    """The parts to keep, or one message per part: a part the template's channels need is not
    emptied (an empty optional part, such as WhatsApp's own text, changes nothing), and none is
    longer than makes sense for it."""
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise InvalidInput({p: str(_l("Bagian templat tidak dikenal.")) for p in unknown})
    needed = {part for channel in _rule_for(name).channels for part in NEEDED_PARTS[channel]}
    errors, kept = {}, {}
    for part, body in parts.items():
        if not (body or "").strip():
            if part in needed:
                errors[part] = str(_l("Bagian ini dipakai pesan templat ini; tidak boleh "
                                      "kosong."))
        elif len(body) > PART_LIMITS[part]:
            errors[part] = str(_l("Paling banyak %(n)s karakter.", n=PART_LIMITS[part]))
        else:
            kept[part] = body
    if errors:
        raise InvalidInput(errors)
    return kept


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
    parts = _checked_parts(name, parts)
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
