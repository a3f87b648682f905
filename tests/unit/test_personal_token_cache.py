"""The other services' memory of personal-token answers: kept for a while, errors never."""

from services.kernel.identity import ADMIN
from services.kernel.internal_http import InternalServiceError
from services.kernel.web.personal_tokens import CachedResolver, is_personal

CLAIMS = {"sub": "s1", "email": "a@x.id", "name": "A", "roles": [ADMIN, "no-such-role"]}


class Registry:
    def __init__(self):
        self.asked, self.answer, self.down = 0, CLAIMS, False

    def __call__(self, token):
        self.asked += 1
        if self.down:
            raise InternalServiceError("down")
        return self.answer


def test_answers_are_remembered_for_the_ttl_then_asked_again():
    now = [100.0]
    registry = Registry()
    resolve = CachedResolver(registry, ttl=60, clock=lambda: now[0])
    first = resolve("mpat_abc")
    assert (first.id, first.roles) == ("s1", (ADMIN,))
    assert resolve("mpat_abc") == first and registry.asked == 1
    registry.answer = None  # revoked in the registry
    now[0] += 59
    assert resolve("mpat_abc") == first  # still remembered
    now[0] += 2
    assert resolve("mpat_abc") is None and registry.asked == 2
    assert resolve("mpat_abc") is None and registry.asked == 2  # a "no" is remembered too


def test_an_unreachable_registry_refuses_and_is_not_remembered():
    registry = Registry()
    registry.down = True
    resolve = CachedResolver(registry, ttl=60)
    assert resolve("mpat_x") is None
    registry.down = False
    assert resolve("mpat_x").email == "a@x.id" and registry.asked == 2


def test_ttl_zero_asks_every_time_and_tokens_are_told_apart():
    registry = Registry()
    resolve = CachedResolver(registry, ttl=0)
    resolve("mpat_a")
    resolve("mpat_a")
    assert registry.asked == 2
    assert is_personal("mpat_a") and not is_personal("eyJzdWIi.abc")
