import pytest

from services.registry.domain import RuleViolation
from services.registry.domain.contact import normalize_email, normalize_phone


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("(0812) 3456-7890", "+6281234567890"),
        ("085722223333", "+6285722223333"),
        ("08123456789", "+628123456789"),  # 11 digits
        ("0895123456789", "+62895123456789"),
    ],
)
def test_phone_numbers_as_typed_become_e164(typed, e164):
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize(
    "typed",
    ["", "12345", "8123456789", "+6012345678", "0812abc4567", "0725 41234",
     "+62", "081", "0812345678901234567", "021-555-1234"],
)
def test_bad_phone_numbers_are_refused(typed):
    with pytest.raises(RuleViolation):
        normalize_phone(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("sri@Example.ID", "sri@example.id"), ("  a.b@c.co.id ", "a.b@c.co.id"), ("", None),
     (None, None), ("sri@Bücher.ID", "sri@bücher.id")],
)
def test_email_addresses(typed, stored):
    assert normalize_email(typed) == stored


@pytest.mark.parametrize("typed", ["sri", "sri@", "@example.id", "sri@@example.id", "sri at x",
                                   "séri@example.id"])
def test_bad_email_addresses_are_refused(typed):
    with pytest.raises(RuleViolation):
        normalize_email(typed)
