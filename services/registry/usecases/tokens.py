"""Personal API tokens: made by a staff member for a script, shown once, revocable; the token
acts with its owner's current roles and dies with the account."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.errors import Forbidden, InvalidInput, NotFound
from services.kernel.identity import ADMIN, StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.kernel.web.personal_tokens import PREFIX, token_hash
from services.registry.models import PersonalToken, StaffUser
from services.registry.usecases import audit
from services.registry.usecases.staff import identity_of

MAX_DAYS = 365
DEFAULT_DAYS = 90
TOUCH_EVERY = timedelta(minutes=10)  # last use is written at most this often


def token_view(token: PersonalToken) -> dict:
    now = utcnow()
    state = ("revoked" if token.revoked_at else "expired" if token.expires_at <= now
             else "active")
    return {"id": token.id, "name": token.name, "hint": token.hint, "state": state,
            "staff_id": token.staff_id, "created_at": token.created_at,
            "expires_at": token.expires_at, "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at}


def _check(name: str | None, days: object) -> tuple[str, int]:
    errors = {}
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= 80:
        errors["name"] = _l("Beri nama 2 sampai 80 karakter, misalnya \"skrip laporan\".")
    if days is None or days == "":
        days = DEFAULT_DAYS
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = _l("Masa berlaku 1 sampai %(n)s hari.", n=MAX_DAYS)
    if errors:
        raise InvalidInput(errors)
    return name, days


def create_token(uow: UnitOfWorkFactory, actor: StaffIdentity, name: str | None,
                 days: object = DEFAULT_DAYS) -> dict:
    """A new token of `actor`; the answer is the only time the token itself is shown."""
    name, days = _check(name, days)
    token = PREFIX + secrets.token_urlsafe(32)
    with uow() as unit:
        row = PersonalToken(staff_id=actor.id, name=name, token_hash=token_hash(token),
                            hint=token[:len(PREFIX) + 4],
                            expires_at=utcnow() + timedelta(days=days))
        unit.session.add(row)
        unit.session.flush()
        audit.record(unit.session, actor, "token.create", "personal_token", row.id,
                     {"name": name, "days": days})
        view = {**token_view(row), "token": token}
        unit.commit()
    return view


def list_tokens(uow: UnitOfWorkFactory, actor: StaffIdentity, staff_id: str | None = None):
    """Your own tokens; an admin may list anyone's."""
    owner = staff_id or actor.id
    if owner != actor.id and not actor.has_any(ADMIN):
        raise Forbidden(str(_l("Hanya admin yang boleh melihat token orang lain.")))
    with uow(readonly=True) as unit:
        rows = unit.session.execute(select(PersonalToken).where(PersonalToken.staff_id == owner)
                                    .order_by(PersonalToken.created_at.desc())).scalars()
        return [token_view(row) for row in rows]


def revoke_token(uow: UnitOfWorkFactory, actor: StaffIdentity, token_id: str) -> dict:
    """Your own token, or anyone's for an admin; revoking twice changes nothing."""
    with uow() as unit:
        row = unit.session.get(PersonalToken, token_id)
        if row is None or (row.staff_id != actor.id and not actor.has_any(ADMIN)):
            raise NotFound(str(_l("Token tidak ditemukan.")))
        if row.revoked_at is None:
            row.revoked_at, row.revoked_by = utcnow(), actor.email
            audit.record(unit.session, actor, "token.revoke", "personal_token", row.id)
        view = token_view(row)
        unit.commit()
    return view


def resolve_token(uow: UnitOfWorkFactory, token: str) -> dict | None:
    """Whose is this token? Its owner's current identity claims, or None when the token is
    unknown, revoked, expired, or its account is deactivated."""
    if not token.startswith(PREFIX):
        return None
    with uow() as unit:
        row = unit.session.execute(select(PersonalToken).where(
            PersonalToken.token_hash == token_hash(token))).scalar()
        now = utcnow()
        if row is None or row.revoked_at or row.expires_at <= now:
            return None
        user = unit.session.get(StaffUser, row.staff_id)
        if user is None or not user.active:
            return None
        claims = identity_of(user).claims()
        if row.last_used_at is None or row.last_used_at < now - TOUCH_EVERY:
            row.last_used_at = now
            unit.commit()
    return claims
