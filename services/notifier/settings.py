"""The notifier's own settings (environment variables with safe defaults)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from services.kernel.config import env_bool, env_float, env_int, var_dir


def notifier_settings(environ: Mapping[str, str]) -> dict:
    vdir = var_dir(environ)
    return {
        "SMTP_HOST": environ.get("SMTP_HOST") or None,
        "SMTP_PORT": env_int(environ, "SMTP_PORT", 25),
        "SMTP_USER": environ.get("SMTP_USER") or None,
        "SMTP_PASSWORD": environ.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": env_bool(environ, "SMTP_STARTTLS", False),
        "SMTP_SSL": env_bool(environ, "SMTP_SSL", False),
        "SMTP_TIMEOUT": env_float(environ, "SMTP_TIMEOUT", 15.0),
        "MAIL_FROM": environ.get("MAIL_FROM")
        or "Diskoperin Kota Metro <no-reply@diskoperin.metrokota.go.id>",
        "MAIL_SINK_DIR": environ.get("MAIL_SINK_DIR") or str(Path(vdir) / "mail"),
        "SMS_GATEWAY_URL": environ.get("SMS_GATEWAY_URL") or None,
        "SMS_GATEWAY_TOKEN": environ.get("SMS_GATEWAY_TOKEN") or None,
        "SMS_GATEWAY_TIMEOUT": env_float(environ, "SMS_GATEWAY_TIMEOUT", 10.0),
        "SMS_SENDER_ID": environ.get("SMS_SENDER_ID") or "DISKOPERIN",
        "SMS_SINK_DIR": environ.get("SMS_SINK_DIR") or str(Path(vdir) / "sms"),
        "SMS_GATEWAY_URL_TEMPLATE": environ.get("SMS_GATEWAY_URL_TEMPLATE") or None,
        "ZENZIVA_USERKEY": environ.get("ZENZIVA_USERKEY") or None,
        "ZENZIVA_PASSKEY": environ.get("ZENZIVA_PASSKEY") or None,
        "ZENZIVA_URL": environ.get("ZENZIVA_URL")
        or "https://console.zenziva.net/reguler/api/sendsms/",
        "WHATSAPP_PHONE_NUMBER_ID": environ.get("WHATSAPP_PHONE_NUMBER_ID") or None,
        "WHATSAPP_TOKEN": environ.get("WHATSAPP_TOKEN") or None,
        "WHATSAPP_API_URL": environ.get("WHATSAPP_API_URL") or "https://graph.facebook.com/v19.0",
        "WHATSAPP_SINK_DIR": environ.get("WHATSAPP_SINK_DIR") or str(Path(vdir) / "whatsapp"),
        "EMAIL_RATE_PER_SECOND": env_float(environ, "EMAIL_RATE_PER_SECOND", 0.0),
        "SMS_RATE_PER_SECOND": env_float(environ, "SMS_RATE_PER_SECOND", 0.0),
        "WHATSAPP_RATE_PER_SECOND": env_float(environ, "WHATSAPP_RATE_PER_SECOND", 0.0),
        "NOTIFY_RETRY_BASE": env_float(environ, "NOTIFY_RETRY_BASE", 30.0),
        "NOTIFY_RETRY_MAX": env_float(environ, "NOTIFY_RETRY_MAX", 3600.0),
        "NOTIFY_MAX_ATTEMPTS": env_int(environ, "NOTIFY_MAX_ATTEMPTS", 6),
        "NOTIFY_SEND_LEASE": env_float(environ, "NOTIFY_SEND_LEASE", 120.0),
        "NOTIFY_BULK_BATCH": env_int(environ, "NOTIFY_BULK_BATCH", 1000),
        "NOTIFIER_PUBLIC_URL": environ.get("NOTIFIER_PUBLIC_URL") or None,
        "INBOUND_SMS_TOKEN": environ.get("INBOUND_SMS_TOKEN") or None,
        "NOTIFY_DIGEST_HOUR": env_int(environ, "NOTIFY_DIGEST_HOUR", 6),
        "DEPARTMENT_NAME": environ.get("DEPARTMENT_NAME") or "Diskoperin Kota Metro",
    }
