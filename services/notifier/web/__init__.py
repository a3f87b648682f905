"""The notifier's staff pages."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from wtforms import TextAreaField

from services.kernel.edits import plain_values
from services.kernel.errors import Conflict, DomainError, EditConflict, InvalidInput
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import PageForm, ShownValuesField
from services.kernel.web.labels import register as register_labels
from services.kernel.web.safety import safe_next
from services.notifier.adapters.templates import LOCALES
from services.notifier.domain.permissions import (
    PREFERENCE_KEEPERS,
    RESENDERS,
    TEMPLATE_EDITORS,
)
from services.notifier.domain.rules import CATEGORIES, CHANNELS
from services.notifier.models import DEAD, MESSAGE_STATUSES
from services.notifier.usecases import consent, staff_actions
from services.notifier.usecases import deliveries as usecases
from services.notifier.usecases import templates as template_usecases
from services.notifier.web.labels import LABELS

bp = Blueprint("notifier_web", __name__, template_folder="templates")
bp.record_once(lambda state: register_labels(state.app, LABELS))


def _uow():
    return current_app.extensions["notifier"].uow


def _may(roles: tuple[str, ...]) -> bool:
    return current_staff().has_any(*roles)


@bp.get("/")
@require_roles()
def home():
    return redirect(url_for("notifier_web.delivery_log"))


@bp.get("/deliveries")
@require_roles()
def delivery_log():
    args = {key: (request.args.get(key) or "").strip()
            for key in ("q", "channel", "status", "event_type", "umkm_id")}
    if args["channel"] not in CHANNELS:
        args["channel"] = ""
    if args["status"] not in MESSAGE_STATUSES:
        args["status"] = ""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = usecases.list_deliveries(_uow(), usecases.DeliveryQuery(
        **{k: v or None for k, v in args.items()}, page=page, per_page=25))
    return render_template("notifier/deliveries.html", result=result, args=args,
                           channels=CHANNELS, statuses=MESSAGE_STATUSES)


@bp.get("/deliveries/<string:message_id>")
@require_roles()
def delivery_detail(message_id: str):
    return render_template("notifier/delivery.html",
                           message=usecases.get_delivery(_uow(), message_id), form=ActionForm(),
                           can_resend=_may(RESENDERS))


class ActionForm(PageForm):
    """A button that changes something: CSRF-protected, no fields."""


class TemplateForm(PageForm):
    subject = TextAreaField("subject.txt")
    email = TextAreaField("email.txt")
    sms = TextAreaField("sms.txt")
    whatsapp = TextAreaField("whatsapp.txt")

    shown = ShownValuesField()

    FIELDS = {"subject": "subject.txt", "email": "email.txt", "sms": "sms.txt",
              "whatsapp": "whatsapp.txt"}

    @classmethod
    def of(cls, parts: dict[str, str]) -> TemplateForm:
        """Filled with the parts in use, which it carries to tell a colleague's save apart."""
        data = {field: parts.get(part, "") for field, part in cls.FIELDS.items()}
        return cls(data={**data, "shown": plain_values(parts)})

    def parts(self) -> dict[str, str]:
        return {part: getattr(self, name).data or "" for name, part in self.FIELDS.items()}

    def tell(self, error: DomainError) -> None:
        """A use case's messages, by part, beside the part's field; the rest above the form."""
        fields = {part: name for name, part in self.FIELDS.items()}
        for part, message in error.fields.items():
            if part in fields:
                getattr(self, fields[part]).errors = [str(message)]
            else:
                self.form_errors.append(str(message))
        if not error.fields or isinstance(error, EditConflict):
            self.form_errors.append(str(error.message))


def _n():
    return current_app.extensions["notifier"]


@bp.post("/deliveries/<string:message_id>/resend")
@require_roles(*RESENDERS)
def delivery_resend(message_id: str):
    if ActionForm().validate_on_submit():
        try:
            staff_actions.requeue(_uow(), message_id, _n().dispatcher.clock())
            _n().dispatcher.send(message_id)
            flash(_("Pesan dikirim ulang."), "success")
        except Conflict as exc:
            flash(exc.message, "error")
    return redirect(safe_next(request.form.get("next"), url_for(
        "notifier_web.delivery_detail", message_id=message_id)))


@bp.get("/dead-letters")
@require_roles()
def dead_letters():
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = usecases.list_deliveries(_uow(), usecases.DeliveryQuery(
        status=DEAD, page=page, per_page=25))
    return render_template("notifier/dead_letters.html", result=result, form=ActionForm(),
                           can_resend=_may(RESENDERS))


@bp.get("/templates")
@require_roles()
def template_list():
    return render_template("notifier/templates.html", items=template_usecases.template_names())


@bp.route("/templates/<string:name>/<string:locale>", methods=["GET", "POST"])
@require_roles()
def template_edit(name: str, locale: str):
    if locale not in LOCALES:
        abort(404)
    found = template_usecases.current(_uow(), _n().composer.templates, name, locale)
    form = TemplateForm.of(found["parts"])
    can_save, status = _may(TEMPLATE_EDITORS), 200
    if request.method == "POST":
        if not can_save:
            abort(403)
        form, status = TemplateForm(), 422
        if form.validate_on_submit():
            try:
                saved = template_usecases.save(_uow(), _n().composer.templates, name, locale,
                                               form.parts(), current_staff().email,
                                               current_app.config["DEPARTMENT_NAME"],
                                               shown=form.shown.data)["saved"]
            except DomainError as error:
                form.tell(error)
                if isinstance(error, EditConflict):  # saving again keeps what was typed
                    form.shown.data, status = error.stored, error.status
            else:
                if saved:
                    flash(_("Templat disimpan sebagai versi baru."), "success")
                else:
                    flash(_("Tidak ada yang berubah; tidak ada versi baru."))
                return redirect(url_for("notifier_web.template_edit", name=name, locale=locale))
    names = template_usecases.names(name, current_app.config["DEPARTMENT_NAME"])
    return render_template("notifier/template_edit.html", form=form, found=found, name=name,
                           locale=locale, locales=LOCALES, can_save=can_save,
                           names=names), status


@bp.post("/templates/<string:name>/<string:locale>/preview")
@require_roles()
def template_preview(name: str, locale: str):
    """The live preview: the form's unsaved parts rendered on sample data (HTML fragment)."""
    form = TemplateForm()
    if locale not in LOCALES or not form.validate_on_submit():
        abort(400)
    try:
        unsaved = {part: body for part, body in form.parts().items() if body.strip()}
        result = template_usecases.preview(_n().composer.templates, name, locale, unsaved,
                                           current_app.config["DEPARTMENT_NAME"])
        return render_template("notifier/_preview.html", result=result, errors={})
    except InvalidInput as exc:
        return render_template("notifier/_preview.html", result=None, errors=exc.fields), 422


@bp.route("/preferences/<string:umkm_id>", methods=["GET", "POST"])
@require_roles()
def owner_preferences(umkm_id: str):
    can_edit = _may(PREFERENCE_KEEPERS)
    if request.method == "POST" and not can_edit:
        abort(403)
    if request.method == "POST" and ActionForm().validate_on_submit():
        choices = [{"channel": c, "category": k,
                    "allowed": request.form.get(f"{c}:{k}") == "on"}
                   for c in CHANNELS for k in CATEGORIES]
        consent.record_owner_preferences(_uow(), _n().directory, umkm_id, choices,
                                         _n().registry)
        flash(_("Preferensi disimpan."), "success")
        return redirect(url_for("notifier_web.owner_preferences", umkm_id=umkm_id))
    prefs = consent.owner_preferences(_uow(), _n().directory, umkm_id, _n().registry)
    allowed = {(c["channel"], c["category"]): c["allowed"] for c in prefs["choices"]}
    return render_template("notifier/preferences.html", umkm_id=umkm_id, allowed=allowed,
                           business_name=prefs["business_name"],
                           channels=CHANNELS, categories=CATEGORIES, form=ActionForm(),
                           can_edit=can_edit)


@bp.get("/unsubscribe/<string:token>")
def unsubscribe(token: str):
    """The signed link in every email (no login): that category by email stops."""
    data = consent.unsubscribe(_uow(), _n().links, token)
    return render_template("notifier/unsubscribed.html", data=data)


@bp.get("/campaigns")
@require_roles()
def campaigns():
    """Mass invitations and how far each has got (the page refreshes itself while one runs)."""
    from services.notifier.usecases.bulk import campaigns_view

    items = campaigns_view(_uow(), _n().directory)
    return render_template("notifier/campaigns.html", items=items,
                           running=any(c["status"] == "running" for c in items))
