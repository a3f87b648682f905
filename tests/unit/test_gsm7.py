from services.notifier.domain import gsm7


def test_plain_indonesian_text_is_gsm7():
    text = "Diskoperin Kota Metro: pendaftaran UMKM diterima, no. reg 4ABAE600."
    assert gsm7.is_gsm7(text)
    assert gsm7.fit(text) == text


def test_typographic_characters_are_replaced():
    assert gsm7.to_gsm7("“Batik” – Kota…") == '"Batik" - Kota...'
    assert gsm7.is_gsm7(gsm7.to_gsm7("Café Ōmura ✓"))


def test_extended_characters_count_twice():
    assert gsm7.length("[x]") == 5
    assert gsm7.length("€") == 2


def test_long_text_is_shortened_at_a_word_to_one_sms():
    text = "kata " * 60
    fitted = gsm7.fit(text)
    assert gsm7.length(fitted) <= 160
    assert fitted.endswith("...")
    assert not fitted[:-3].endswith(" ")


def test_fit_counts_extended_characters_when_shortening():
    fitted = gsm7.fit("{" * 100)
    assert gsm7.length(fitted) <= 160
