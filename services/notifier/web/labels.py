"""Staff words for the notifier's codes (see services.kernel.web.labels)."""

from flask_babel import lazy_gettext as _l

# What caused a message, as the staff name it: every event type a rule turns into messages.
EVENTS = {
    "umkm.registered": _l("Pendaftaran UMKM"),
    "umkm.verified": _l("Verifikasi UMKM"),
    "umkm.rejected": _l("Penolakan UMKM"),
    "product.certificate_expiring": _l("Sertifikat produk segera habis"),
    "bazaar.scheduled": _l("Undangan bazar"),
    "bazaar.stall_allocated": _l("Lapak bazar diberikan"),
    "bazaar.stall_revoked": _l("Lapak bazar dicabut"),
    "bazaar.reminder": _l("Pengingat bazar"),
    "bazaar.rescheduled": _l("Jadwal bazar diubah"),
    "bazaar.cancelled": _l("Bazar dibatalkan"),
    "bazaar.sales_report_requested": _l("Permintaan laporan penjualan bazar"),
    "retail.product_listed": _l("Produk masuk gerai mitra"),
    "retail.mou_expiring": _l("MoU gerai mitra segera habis"),
    "training.enrolled": _l("Pendaftaran pelatihan"),
    "training.waitlisted": _l("Daftar tunggu pelatihan"),
    "aid.handed_over": _l("Serah terima bantuan alat"),
    "visit.scheduled": _l("Jadwal kunjungan pendampingan"),
    "visit.overdue": _l("Kunjungan pendampingan terlambat"),
    "officer.digest": _l("Ringkasan mingguan petugas"),
}

LABELS = {
    "message": {"queued": _l("Dalam antrean"), "sending": _l("Sedang dikirim"),
                "sent": _l("Terkirim"), "failed": _l("Gagal, dicoba lagi"),
                "dead": _l("Gagal, tidak dicoba lagi")},
    "campaign": {"running": _l("Berjalan"), "done": _l("Selesai")},
    "event": EVENTS,
    "channel": {"email": _l("Email"), "sms": _l("SMS"), "whatsapp": _l("WhatsApp")},
    "category": {"account": _l("Akun UMKM"), "bazaar": _l("Bazar"), "training": _l("Pelatihan"),
                 "certificate": _l("Sertifikat produk"), "retail": _l("Gerai mitra"),
                 "operations": _l("Operasional")},
    "attempt": {"sent": _l("Terkirim"), "temporary": _l("Gagal sementara"),
                "permanent": _l("Gagal tetap")},
}
