"""Consent: owners' per-channel, per-category choices, STOP replies and unsubscribe links."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.errors import NotFound
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.registry_lookup import RegistryLookup
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory
from services.notifier.domain.rules import CATEGORIES, CHANNELS, EMAIL, SMS, WHATSAPP
from services.notifier.models import OptOut, Preference

STOP_WORDS = {"STOP", "BERHENTI", "UNREG", "UNSUBSCRIBE"}


class UnsubscribeLinks:
    def __init__(self, secret: str, base_url: str):
        self.signer = URLSafeSerializer(secret, salt="notifier-unsubscribe")
        self.base_url = base_url.rstrip("/")

    def url(self, address: str, umkm_id: str | None, category: str) -> str:
        token = self.signer.dumps({"a": address, "u": umkm_id, "c": category})
        return f"{self.base_url}/unsubscribe/{token}"

    def read(self, token: str) -> dict:
        try:
            data = self.signer.loads(token)
        except BadSignature as exc:
            raise NotFound(str(_l("Tautan berhenti berlangganan tidak sah."))) from exc
        return {"address": data["a"], "umkm_id": data.get("u"), "category": data["c"]}


def allowed(uow: UnitOfWork, *, address: str, channel: str, umkm_id: str | None,
            category: str) -> bool:
    """May a non-critical message in `category` go to `address` on `channel`?"""
    if uow.session.get(OptOut, (address, channel)) is not None:
        return False
    if umkm_id:
        choice = uow.session.get(Preference, (umkm_id, channel, category))
        if choice is not None and not choice.allowed:
            return False
    return True


def refusals(uow: UnitOfWork, addresses: list[str],
             umkm_id: str | None) -> Callable[[str, str, str], bool]:
    """`allowed` for several messages of one UMKM in two queries: refused(address, channel,
    category) is True where `allowed` would say False."""
    opted_out = {(o.address, o.channel) for o in uow.session.execute(
        select(OptOut).where(OptOut.address.in_(set(addresses)))).scalars()}
    declined = {(p.channel, p.category) for p in uow.session.execute(
        select(Preference).where(Preference.umkm_id == umkm_id,
                                 Preference.allowed.is_(False))).scalars()} if umkm_id else set()
    return lambda address, channel, category: (
        (address, channel) in opted_out or (channel, category) in declined)


def preferences(uow: UnitOfWorkFactory, umkm_id: str) -> dict:
    with uow(readonly=True) as unit:
        rows = unit.session.execute(
            select(Preference).where(Preference.umkm_id == umkm_id)).scalars().all()
        chosen = {(p.channel, p.category): p.allowed for p in rows}
    return {"umkm_id": umkm_id, "choices": [
        {"channel": c, "category": k, "allowed": chosen.get((c, k), True)}
        for c in CHANNELS for k in CATEGORIES]}


def _known_umkm(uow: UnitOfWorkFactory, directory: UmkmDirectory, umkm_id: str,
                registry: RegistryLookup | None) -> dict:
    """The UMKM as the notifier heard of it from the registry's events; one registered seconds
    ago, whose event has not arrived yet, is asked of the registry itself."""
    with uow(readonly=True) as unit:
        found = directory.get(unit, umkm_id)
    if found is None and registry is not None:
        found = registry.umkm(umkm_id)  # Unavailable (503) when the registry does not answer
    if found is None:
        raise NotFound(str(_l("UMKM tidak ditemukan.")))
    return found


def owner_preferences(uow: UnitOfWorkFactory, directory: UmkmDirectory, umkm_id: str,
                      registry: RegistryLookup | None = None) -> dict:
    """What staff see of an UMKM: its name and its owner's choices; an id neither the notifier
    nor the registry knows is a 404, not an empty page to fill in."""
    umkm = _known_umkm(uow, directory, umkm_id, registry)
    return {**preferences(uow, umkm_id), "business_name": umkm.get("business_name")}


def record_owner_preferences(uow: UnitOfWorkFactory, directory: UmkmDirectory, umkm_id: str,
                             choices: list[dict], registry: RegistryLookup | None = None) -> dict:
    """Staff record an owner's choices, for an UMKM the notifier or the registry knows."""
    umkm = _known_umkm(uow, directory, umkm_id, registry)
    return {**set_preferences(uow, umkm_id, choices), "business_name": umkm.get("business_name")}


def set_preferences(uow: UnitOfWorkFactory, umkm_id: str, choices: list[dict],
                    source: str = "staff") -> dict:
    with uow() as unit:
        for choice in choices:
            key = (umkm_id, choice["channel"], choice["category"])
            row = unit.session.get(Preference, key)
            if row is None:
                row = Preference(umkm_id=umkm_id, channel=choice["channel"],
                                 category=choice["category"])
                unit.session.add(row)
            row.allowed, row.updated_at, row.source = choice["allowed"], utcnow(), source
        unit.commit()
    return preferences(uow, umkm_id)


def unsubscribe(uow: UnitOfWorkFactory, links: UnsubscribeLinks, token: str) -> dict:
    """The signed link in an email: no more email of that category to that owner/address."""
    data = links.read(token)
    if data["umkm_id"]:
        set_preferences(uow, data["umkm_id"], [
            {"channel": EMAIL, "category": data["category"], "allowed": False}], source="link")
    else:
        with uow() as unit:
            if unit.session.get(OptOut, (data["address"], EMAIL)) is None:
                unit.session.add(OptOut(address=data["address"], channel=EMAIL, source="link"))
            unit.commit()
    return data


def inbound_sms(uow: UnitOfWorkFactory, sender: str, text: str) -> bool:
    """An SMS reply: STOP (or BERHENTI) opts the number out of SMS and WhatsApp."""
    if (text or "").strip().split(" ")[0].upper() not in STOP_WORDS:
        return False
    with uow() as unit:
        for channel in (SMS, WHATSAPP):
            if unit.session.get(OptOut, (sender, channel)) is None:
                unit.session.add(OptOut(address=sender, channel=channel, source="stop"))
        unit.commit()
    return True
