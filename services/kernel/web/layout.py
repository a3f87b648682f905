"""The common page layout: templates and static files under the `kernel/` names, and the navigation
between the four services."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Flask, current_app, request
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from services.kernel.clock import to_wib
from services.kernel.web import labels
from services.kernel.web.auth import current_staff

bp = Blueprint(
    "kernel",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/kernel-static",
)

SERVICE_TITLES = {
    "registry": _l("Registri UMKM"),
    "bazaar": _l("Bazar & Pasar"),
    "training": _l("Pelatihan"),
    "notifier": _l("Notifikasi"),
}


def _context() -> dict:
    urls = current_app.config["SERVICE_URLS"]
    return {
        "current_service": current_app.config["SERVICE_NAME"],
        "platform_nav": [(name, SERVICE_TITLES[name], urls[name] + "/") for name in SERVICE_TITLES],
        "service_urls": urls,
        "staff": current_staff(),
        "current_locale": str(get_locale() or "id"),
        "request_url": request.url if request else "/",
    }


def _wib_datetime(value, fmt: str = "d MMM yyyy HH:mm") -> str:
    if value is None:
        return "—"
    return format_datetime(to_wib(value), fmt) + " WIB"


def _date(value, fmt: str = "d MMM yyyy") -> str:
    """A date, or a date in ISO form (as read models keep them in JSON)."""
    if value is None or value == "":
        return "—"
    return format_date(date.fromisoformat(value) if isinstance(value, str) else value, fmt)


def _rupiah(value) -> str:
    if value is None:
        return "—"
    return "Rp" + f"{int(value):,}".replace(",", ".")


def nav_active(current: bool, kind: str = "page") -> Markup:
    """The attributes of a menu link: the one of the page shown is marked for the eye (class
    "active") and for a screen reader (aria-current), so neither relies on the other."""
    if not current:
        return Markup("")
    return Markup('class="active" aria-current="%s"') % kind


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_context)
    app.add_template_filter(_wib_datetime, "wib")
    app.add_template_filter(_date, "tanggal")
    app.add_template_filter(_rupiah, "rupiah")
    app.add_template_global(nav_active, "nav_active")
    labels.init_app(app)
