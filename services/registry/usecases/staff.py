"""Staff accounts: argon2 password hashes, roles, lock-out after repeated failures."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.clock import utcnow
from services.kernel.errors import Conflict, DomainError, InvalidInput
from services.kernel.identity import ADMIN, ROLES, StaffIdentity
from services.kernel.reference import canonical_kecamatan
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain import RuleViolation
from services.registry.domain.contact import normalize_email, normalize_phone
from services.registry.models import StaffUser
from services.registry.usecases import audit

MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
NAME_LENGTH = (2, 120)  # as StaffUser.name holds
EMAIL_MAX = 254

password_hasher = PasswordHasher()


class LoginFailed(DomainError):
    code = "invalid_credentials"
    status = 401


class AccountLocked(DomainError):
    code = "account_locked"
    status = 403


def identity_of(user: StaffUser) -> StaffIdentity:
    return StaffIdentity(id=user.id, email=user.email, name=user.name, roles=tuple(user.roles))


def authenticate(uow: UnitOfWorkFactory, email: str, password: str) -> StaffIdentity:
    """The same answer for an unknown email and a wrong password; a lock after 5 failures."""
    email = (email or "").strip().lower()
    with uow() as unit:
        user = unit.session.execute(
            select(StaffUser).where(func.lower(StaffUser.email) == email)
        ).scalar()
        now = utcnow()
        if user is None or not user.active:
            password_hasher.hash(password or "")  # same work whether or not the account exists
            raise LoginFailed(str(_l("Email atau kata sandi salah.")))
        if user.locked_until and user.locked_until > now:
            raise AccountLocked(str(_l("Akun terkunci sementara karena terlalu banyak percobaan "
                                       "masuk yang gagal. Coba lagi nanti.")))
        try:
            password_hasher.verify(user.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            user.failed_logins += 1
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + LOCK_DURATION
                user.failed_logins = 0
                audit.record(unit.session, None, "staff.locked", "staff_user", user.id)
            unit.commit()
            raise LoginFailed(str(_l("Email atau kata sandi salah."))) from None
        if password_hasher.check_needs_rehash(user.password_hash):
            user.password_hash = password_hasher.hash(password)
        user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
        identity = identity_of(user)
        audit.record(unit.session, identity, "staff.login", "staff_user", user.id)
        unit.commit()
    return identity


def create_staff(uow: UnitOfWorkFactory, email: str, name: str, password: str,
                 roles: list[str], actor: StaffIdentity | None = None, *,
                 phone: str | None = None, kecamatan: list[str] | None = None) -> StaffIdentity:
    errors = {}
    try:
        email = (normalize_email(email) or "").lower()
    except RuleViolation as violation:
        errors["email"] = violation.message
    else:
        if not email:
            errors["email"] = _l("Email wajib diisi.")
        elif len(email) > EMAIL_MAX:
            errors["email"] = _l("Alamat email paling banyak %(n)s karakter.", n=EMAIL_MAX)
    name = " ".join((name or "").split()) or email
    if not NAME_LENGTH[0] <= len(name) <= NAME_LENGTH[1]:
        errors["name"] = _l("Nama %(min)s sampai %(max)s karakter.", min=NAME_LENGTH[0],
                            max=NAME_LENGTH[1])
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors["password"] = _l("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD_LENGTH)
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        errors["roles"] = _l("Peran tidak dikenal: %(r)s.", r=", ".join(unknown) or "-")
    areas = [canonical_kecamatan(k) for k in kecamatan or []]
    if None in areas:
        errors["kecamatan"] = _l("Bukan kecamatan di Kota Metro.")
    if phone:
        try:
            phone = normalize_phone(phone)
        except RuleViolation as violation:
            errors["phone"] = violation.message
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        exists = unit.session.execute(
            select(StaffUser.id).where(func.lower(StaffUser.email) == email)
        ).first()
        if exists:
            raise Conflict(str(_l("Email sudah dipakai akun lain.")),
                           {"email": _l("Email sudah dipakai.")})
        user = StaffUser(email=email, name=name, roles=sorted(set(roles)),
                         password_hash=password_hasher.hash(password), phone=phone or None,
                         kecamatan=sorted(set(areas)))
        unit.session.add(user)
        unit.session.flush()
        audit.record(unit.session, actor, "staff.create", "staff_user", user.id,
                     {"roles": user.roles})
        identity = identity_of(user)
        unit.commit()
    return identity


def ensure_admin(uow: UnitOfWorkFactory, email: str, password: str) -> bool:
    """Create the first admin unless an account with that email exists; True when created."""
    with uow(readonly=True) as unit:
        exists = unit.session.execute(
            select(StaffUser.id).where(func.lower(StaffUser.email) == email.strip().lower())
        ).first()
    if exists:
        return False
    create_staff(uow, email, "Administrator", password, [ADMIN])
    return True


def list_staff(uow: UnitOfWorkFactory, *, role: str | None = None,
               kecamatan: str | None = None) -> list[dict]:
    """Active staff, optionally with a role (admins are not implied) and covering a kecamatan
    (a person with no kecamatan covers the whole city)."""
    with uow(readonly=True) as unit:
        users = unit.session.execute(
            select(StaffUser).where(StaffUser.active.is_(True)).order_by(StaffUser.name)
        ).scalars().all()
        return [
            {"staff_id": u.id, "name": u.name, "email": u.email, "phone": u.phone,
             "roles": list(u.roles), "kecamatan": list(u.kecamatan or [])}
            for u in users
            if (role is None or role in u.roles)
            and (kecamatan is None or not u.kecamatan or kecamatan in u.kecamatan)
        ]
