"""The notifier tells each applicant of a cancelled bazaar, and each stallholder of a new time
or place, by email and SMS, even after an opt-out; dates and times read in WIB."""

from services.notifier.domain import gsm7
from services.notifier.domain.rules import EMAIL, SMS
from services.notifier.usecases import consent
from tests.support import notifier_fixtures
from tests.support.fakes import RecordingChannel
from tests.support.notifier_fixtures import event

notifier_on = notifier_fixtures.notifier_on
PHONE = "+6281234567890"
REASON = "Panitia menunda acara karena banjir di Lapangan Samber."


def owner_with_channels(notifier_on):
    email, sms = RecordingChannel(), RecordingChannel()
    container = notifier_on(**{EMAIL: email, SMS: sms})
    registered = event("umkm.registered", source="import")  # contacts, and no receipt
    container.runtime.consumer.handle(registered)
    umkm_id = registered["payload"]["umkm_id"]
    # The owner wants no bazaar news by SMS; a change to what they applied for still goes.
    consent.set_preferences(container.uow, umkm_id, [
        {"channel": SMS, "category": "bazaar", "allowed": False}])
    return container, email, sms


def test_each_applicant_hears_of_the_cancellation_by_email_and_sms(notifier_on):
    container, email, sms = owner_with_channels(notifier_on)
    cancelled = event("bazaar.cancelled", reason=REASON)
    container.runtime.consumer.handle(cancelled)
    container.runtime.consumer.handle(cancelled)  # delivered twice, told once
    [mail] = email.sent
    [text] = sms.sent
    assert mail.subject == "Bazar UMKM HUT Kota Metro dibatalkan - Keripik Pisang Bu Sri"
    assert mail.body_text.startswith("Yth. Sri Wahyuni,")
    assert "tanggal 9 Juni 2027, dibatalkan" in mail.body_text
    assert "Lapak K-07 untuk Keripik Pisang Bu Sri tidak berlaku lagi." in mail.body_text
    assert f"lagi.\n\nAlasan: {REASON}\n\n" in mail.body_text and REASON in mail.body_html
    assert text.recipient == PHONE and "DIBATALKAN" in text.body_text
    assert "Panitia menunda acara karena banjir" in text.body_text
    assert gsm7.is_gsm7(text.body_text) and gsm7.length(text.body_text) <= 160
    waiting = event("bazaar.cancelled", reason=REASON, stall_number=None)
    container.runtime.consumer.handle(waiting)
    assert "Pendaftaran Keripik Pisang Bu Sri ikut dibatalkan." in email.sent[-1].body_text


def test_a_long_reason_still_fits_one_sms(notifier_on):
    container, email, sms = owner_with_channels(notifier_on)
    long_reason = "Lapangan dipakai untuk upacara mendadak dan “panitia” – dengan berat hati – " \
        "membatalkan seluruh kegiatan bazar pada hari itu juga. " * 3
    container.runtime.consumer.handle(event("bazaar.cancelled", reason=long_reason.strip()))
    [text] = sms.sent
    assert gsm7.is_gsm7(text.body_text) and gsm7.length(text.body_text) <= 160
    assert long_reason.strip() in email.sent[0].body_text  # the email keeps all of it


def test_each_stallholder_hears_of_a_new_time_and_place(notifier_on):
    container, email, sms = owner_with_channels(notifier_on)
    example = event("bazaar.rescheduled")["payload"]
    # 06:30 WIB on the 16th is still the 15th in UTC.
    moved = {**example["bazaar"], "starts_at": "2027-06-15T23:30:00+00:00",
             "ends_at": "2027-06-16T09:00:00+00:00", "venue": "Stadion Tejosari"}
    container.runtime.consumer.handle(event(
        "bazaar.rescheduled", bazaar=moved, changed=["starts_at", "ends_at", "venue"]))
    [mail] = email.sent
    [text] = sms.sent
    assert mail.subject == ("Jadwal baru Bazar UMKM HUT Kota Metro - lapak K-07 "
                            "Keripik Pisang Bu Sri")
    assert "Waktu: 16 Juni 2027 pukul 06.30 s.d. 16 Juni 2027 pukul 16.00 WIB " \
        "(sebelumnya 9 Juni 2027 pukul 08.00 WIB)" in mail.body_text
    assert "WIB)\nTempat: Stadion Tejosari (sebelumnya Lapangan Samber, Metro Selatan)\n\n" in \
        mail.body_text
    assert "Lapak Keripik Pisang Bu Sri tetap nomor K-07" in mail.body_text
    assert text.body_text.startswith("Diskoperin")
    assert "16 Juni 2027 06.30 WIB di Stadion Tejosari. Lapak K-07 tetap." in text.body_text


def test_a_new_place_only_says_nothing_of_the_time(notifier_on):
    container, email, _ = owner_with_channels(notifier_on)
    example = event("bazaar.rescheduled")["payload"]
    container.runtime.consumer.handle(event(
        "bazaar.rescheduled", bazaar={**example["bazaar"], "venue": "Taman Merdeka"},
        previous={**example["previous"], "starts_at": example["bazaar"]["starts_at"],
                  "ends_at": example["bazaar"]["ends_at"]}, changed=["venue"]))
    [mail] = email.sent
    assert "sebelumnya 9 Juni" not in mail.body_text and "(sebelumnya Lapangan" in mail.body_text


def test_a_stallholder_whose_stall_is_taken_back_hears_why(notifier_on):
    container, email, sms = owner_with_channels(notifier_on)
    revoked = event("bazaar.stall_revoked", reason="Izin PIRT belum terbit sampai batas waktu.")
    container.runtime.consumer.handle(revoked)
    container.runtime.consumer.handle(revoked)  # delivered twice, told once
    [mail] = email.sent
    [text] = sms.sent  # critical: the SMS opt-out for bazaar news does not hold it back
    assert mail.subject == ("Lapak K-07 di Bazar UMKM HUT Kota Metro ditarik kembali - "
                            "Keripik Pisang Bu Sri")
    assert "Lapak K-07 untuk Keripik Pisang Bu Sri di Bazar UMKM HUT Kota Metro" in mail.body_text
    assert "Alasan: Izin PIRT belum terbit sampai batas waktu." in mail.body_text
    assert "daftar tunggu" in mail.body_text
    assert text.recipient == PHONE and "ditarik kembali" in text.body_text
    assert gsm7.is_gsm7(text.body_text) and gsm7.length(text.body_text) <= 160
