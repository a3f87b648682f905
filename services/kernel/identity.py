"""Staff identity: roles, bearer tokens issued by the registry and verified by every service."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

ADMIN = "admin"
REGISTRY_OFFICER = "registry_officer"
BAZAAR_COORDINATOR = "bazaar_coordinator"
TRAINING_COORDINATOR = "training_coordinator"
FIELD_OFFICER = "field_officer"
VIEWER = "viewer"
ROLES = (ADMIN, REGISTRY_OFFICER, BAZAAR_COORDINATOR, TRAINING_COORDINATOR, FIELD_OFFICER, VIEWER)

TOKEN_SALT = "metro-umkm.staff-token.v1"  # noqa: S105 (a salt, not a secret)
VERIFIED_CACHE_ENTRIES = 4096


@dataclass(frozen=True)
class StaffIdentity:
    """Who is calling: built from a bearer token or the shared staff session."""

    id: str
    email: str
    name: str
    roles: tuple[str, ...] = field(default_factory=tuple)

    # Flask-Login's user protocol
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return self.id

    def has_any(self, *roles: str) -> bool:
        return ADMIN in self.roles or any(role in self.roles for role in roles)

    def claims(self) -> dict:
        return {"sub": self.id, "email": self.email, "name": self.name, "roles": list(self.roles)}

    @classmethod
    def from_claims(cls, claims: dict) -> StaffIdentity:
        return cls(
            id=str(claims["sub"]), email=claims["email"], name=claims.get("name") or "",
            roles=tuple(r for r in claims.get("roles", ()) if r in ROLES),
        )


def issue_token(secret: str, identity: StaffIdentity) -> str:
    return URLSafeTimedSerializer(secret, salt=TOKEN_SALT).dumps(identity.claims())


# token -> (secret, identity, signed at): tokens whose signature was checked. A token says all
# it means by itself (it cannot be revoked), so a second check of the same bytes with the same
# secret only has to look at its age again. Bounded; only good tokens are kept.
_verified: dict[str, tuple[str, StaffIdentity, int]] = {}


def verify_token(secret: str, token: str, max_age: int) -> StaffIdentity | None:
    known = _verified.get(token)
    if known is not None and known[0] == secret:
        age = int(time.time()) - known[2]  # as itsdangerous counts it
        return known[1] if 0 <= age <= max_age else None
    try:
        claims, signed_at = URLSafeTimedSerializer(secret, salt=TOKEN_SALT).loads(
            token, max_age=max_age, return_timestamp=True)
    except (BadSignature, SignatureExpired):
        return None
    try:
        identity = StaffIdentity.from_claims(claims)
    except (KeyError, TypeError):
        return None
    if len(_verified) >= VERIFIED_CACHE_ENTRIES:
        _verified.clear()
    _verified[token] = (secret, identity, int(signed_at.timestamp()))
    return identity
