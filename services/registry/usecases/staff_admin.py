"""Staff accounts as admins manage them: list, roles and areas, (de)activate, reset password;
and every staff member's own password change."""

from __future__ import annotations

from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.edits import merge
from services.kernel.errors import EditConflict, InvalidInput, NotFound
from services.kernel.identity import ROLES, StaffIdentity
from services.kernel.reference import canonical_kecamatan
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain.roles import ROLE_LABELS
from services.registry.models import StaffUser
from services.registry.usecases import audit
from services.registry.usecases.staff import MIN_PASSWORD_LENGTH, password_hasher


def staff_view(user: StaffUser) -> dict:
    return {"id": user.id, "email": user.email, "name": user.name, "roles": list(user.roles),
            "kecamatan": list(user.kecamatan or []), "phone": user.phone, "active": user.active,
            "locked_until": user.locked_until, "last_login_at": user.last_login_at,
            "created_at": user.created_at}


def _user(session, staff_id: str) -> StaffUser:
    user = session.get(StaffUser, staff_id)
    if user is None:
        raise NotFound(str(_l("Akun staf tidak ditemukan.")))
    return user


def _check_password(password: str | None, field: str = "password") -> dict:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        return {field: _l("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD_LENGTH)}
    return {}


def list_accounts(uow: UnitOfWorkFactory) -> list[dict]:
    with uow(readonly=True) as unit:
        users = unit.session.execute(select(StaffUser).order_by(StaffUser.name)).scalars().all()
        return [staff_view(u) for u in users]


def get_account(uow: UnitOfWorkFactory, staff_id: str) -> dict:
    with uow(readonly=True) as unit:
        return staff_view(_user(unit.session, staff_id))


def access_of(account: dict) -> dict:
    """What an admin changes of an account (roles, kecamatan covered, active), as the account
    page carries it to tell a colleague's change made meanwhile apart (see kernel.edits)."""
    return {"roles": sorted(account["roles"]), "kecamatan": sorted(account["kecamatan"]),
            "active": bool(account["active"])}


_CLASH = {"roles": _l("Peran akun ini sudah diubah admin lain menjadi: %(value)s."),
          "kecamatan": _l("Kecamatan akun ini sudah diubah admin lain menjadi: %(value)s."),
          "active": _l("Akun ini sudah %(value)s oleh admin lain.")}


def _clash(conflicts: dict, stored: dict) -> EditConflict:
    fields = {}
    for name, value in conflicts.items():
        if name == "active":
            shown = _l("diaktifkan") if value else _l("dinonaktifkan")
        elif name == "roles":
            shown = ", ".join(str(ROLE_LABELS.get(role, role)) for role in value)
        else:
            shown = ", ".join(value) or str(_l("seluruh kota"))
        fields[name] = str(_CLASH[name]) % {"value": shown}
    return EditConflict(str(_l("Admin lain mengubah akun ini sementara Anda mengisi formulir. "
                               "Periksa isian yang ditandai, lalu simpan lagi.")),
                        fields, stored)


def update_account(uow: UnitOfWorkFactory, staff_id: str, *, roles: list[str],
                   kecamatan: list[str], active: bool, actor: StaffIdentity,
                   shown: dict | None = None) -> dict:
    """Roles, kecamatan covered and active, audited before -> after. A form passes what it
    showed (`shown`): only what this admin changed is written, and a field another admin
    changed meanwhile to something else is refused (EditConflict)."""
    errors = {}
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        errors["roles"] = _l("Peran tidak dikenal: %(r)s.", r=", ".join(unknown) or "-")
    areas = [canonical_kecamatan(k) for k in kecamatan]
    if None in areas:
        errors["kecamatan"] = _l("Bukan kecamatan di Kota Metro.")
    if staff_id == actor.id and not active:
        errors["active"] = _l("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        user = _user(unit.session, staff_id)
        before = {"roles": list(user.roles), "kecamatan": list(user.kecamatan or []),
                  "active": user.active}
        sent = {"roles": sorted(set(roles)), "kecamatan": sorted(set(areas)), "active": active}
        if shown is not None:
            stored = access_of(before)
            outcome = merge(shown, sent, stored)
            if outcome.conflicts:
                raise _clash(outcome.conflicts, stored)
            sent = {name: sent[name] if name in outcome.changed else stored[name]
                    for name in sent}
        user.roles, user.kecamatan, user.active = sent["roles"], sent["kecamatan"], sent["active"]
        audit.record(unit.session, actor, "staff.update", "staff_user", user.id,
                     {"before": before, "after": {"roles": user.roles,
                                                  "kecamatan": user.kecamatan,
                                                  "active": active}})
        view = staff_view(user)
        unit.commit()
    return view


def reset_password(uow: UnitOfWorkFactory, staff_id: str, new_password: str,
                   actor: StaffIdentity) -> dict:
    """An admin sets a new password; it also lifts a lock-out."""
    errors = _check_password(new_password)
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        user = _user(unit.session, staff_id)
        user.password_hash = password_hasher.hash(new_password)
        user.failed_logins, user.locked_until = 0, None
        audit.record(unit.session, actor, "staff.password_reset", "staff_user", user.id)
        view = staff_view(user)
        unit.commit()
    return view


def change_own_password(uow: UnitOfWorkFactory, actor: StaffIdentity, current: str,
                        new_password: str) -> None:
    errors = _check_password(new_password, "new_password")
    if current and new_password == current:
        errors["new_password"] = _l("Kata sandi baru harus berbeda.")
    with uow() as unit:
        user = _user(unit.session, actor.id)
        try:
            password_hasher.verify(user.password_hash, current or "")
        except (VerificationError, InvalidHashError):
            errors["current_password"] = _l("Kata sandi sekarang salah.")
        if errors:
            raise InvalidInput(errors)
        user.password_hash = password_hasher.hash(new_password)
        audit.record(unit.session, actor, "staff.password_change", "staff_user", user.id)
        unit.commit()
