"""Staff pages for UMKM: list and search, the registration form, the detail page, verify."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from services.kernel.errors import DomainError, InvalidInput
from services.kernel.identity import ADMIN, REGISTRY_OFFICER
from services.kernel.reference import KECAMATAN, SCALES, SECTORS
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_edit_errors, apply_errors
from services.registry.api.imports import download
from services.registry.domain.status import STATUSES
from services.registry.usecases import activity, editing, exports, products, registering
from services.registry.usecases import umkm as usecases
from services.registry.web import bp
from services.registry.web.forms import EditForm, RegistrationForm, StatusForm


def _uow():
    return current_app.extensions["registry"].uow


@bp.get("/")
@require_roles()
def home():
    return redirect(url_for("registry_web.umkm_list"))


FILTERS = ("q", "kecamatan", "kelurahan", "sector", "scale", "status", "mb2", "sort")
MB2 = {"1": True, "0": False}


def _query_args() -> dict:
    args = {key: (request.args.get(key) or "").strip() for key in FILTERS}
    if args["sort"] not in usecases.SORTS:
        args["sort"] = "newest"
    if args["status"] not in STATUSES:
        args["status"] = ""
    if args["mb2"] not in MB2:
        args["mb2"] = ""
    return args


def _query(args: dict, **paging) -> usecases.UmkmQuery:
    given = {k: v or None for k, v in args.items() if k not in ("sort", "mb2")}
    return usecases.UmkmQuery(**given, mb2=MB2.get(args["mb2"]), sort=args["sort"], **paging)


@bp.get("/umkm")
@require_roles()
def umkm_list():
    args = _query_args()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = usecases.search_umkm(_uow(), _query(args, page=page, per_page=25))
    return render_template("registry/umkm_list.html", result=result, args=args,
                           kecamatan=KECAMATAN, sectors=SECTORS, statuses=STATUSES,
                           scales=SCALES, sorts=SORT_LABELS,
                           can_export=current_staff().has_any(*exports.EXPORTERS))


# How a changed field is named in the page's change history.
FIELD_LABELS = {
    "owner_name": _l("Nama pemilik"), "phone": _l("Nomor HP"), "email": _l("Email"),
    "business_name": _l("Nama usaha"), "sector": _l("Sektor"), "kecamatan": _l("Kecamatan"),
    "kelurahan": _l("Kelurahan"), "address": _l("Alamat"), "nib": "NIB", "kbli": "KBLI",
    "capital_idr": _l("Modal"), "annual_turnover_idr": _l("Omzet per tahun"),
    "registered_on": _l("Terdaftar"), "workers_male": _l("Tenaga kerja laki-laki"),
    "workers_female": _l("Tenaga kerja perempuan"), "founded_year": _l("Tahun berdiri"),
    "latitude": _l("Lintang"), "longitude": _l("Bujur"),
}

SORT_LABELS = {"newest": _l("Terbaru"), "oldest": _l("Terlama"),
               "business": _l("Nama usaha"), "owner": _l("Nama pemilik")}


@bp.get("/umkm/export.<any(csv, xlsx):kind>")
@require_roles(*exports.EXPORTERS)
def umkm_export(kind: str):
    args = _query_args()
    content = exports.export_umkm(_uow(), _query(args), kind, current_staff())
    return download(content, kind, f"umkm.{kind}")


def _tell(form, problems: dict) -> None:
    """Every field's problem in one round, not the rules' only after the form's own: the rules'
    message goes beside each field the form found nothing wrong with."""
    for name, message in problems.items():
        field = getattr(form, name, None)
        if field is not None and not field.errors:
            field.errors = [str(message)]


@bp.route("/umkm/new", methods=["GET", "POST"])
@require_roles(REGISTRY_OFFICER)
def umkm_new():
    form = RegistrationForm()
    if request.method == "POST":
        if form.validate():
            try:
                view = usecases.register_umkm(_uow(), form.command(), current_staff(),
                                               source="form")
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("UMKM %(name)s terdaftar dan menunggu verifikasi.",
                        name=view["business_name"]))
                return redirect(url_for("registry_web.umkm_detail", umkm_id=view["id"]))
        else:
            _tell(form, registering.registration_problems(form.command(), uow=_uow()))
        return render_template("registry/umkm_form.html", form=form, kecamatan=KECAMATAN), 422
    return render_template("registry/umkm_form.html", form=form, kecamatan=KECAMATAN)


@bp.route("/umkm/<string:umkm_id>/edit", methods=["GET", "POST"])
@require_roles(REGISTRY_OFFICER)
def umkm_edit(umkm_id: str):
    umkm = usecases.get_umkm(_uow(), umkm_id)
    if request.method == "GET":
        form = EditForm.of(umkm, shown=editing.shown_values(umkm))
        return render_template("registry/umkm_form.html", form=form, umkm=umkm,
                               kecamatan=KECAMATAN)
    form, status = EditForm(), 422
    if form.validate():
        try:
            view = editing.update_umkm(_uow(), umkm_id, form.command(), current_staff(),
                                       shown=form.shown.data)
        except DomainError as error:
            status = apply_edit_errors(form, error)
        else:
            flash(_("Data %(name)s tersimpan.", name=view["business_name"]))
            return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))
    else:  # a field the form refused keeps its stored value for the rules' other checks
        typed = {name: value for name, value in form.command().items()
                 if not getattr(form, name).errors}
        _tell(form, editing.edit_problems(_uow(), umkm_id, typed))
    return render_template("registry/umkm_form.html", form=form, umkm=umkm,
                           kecamatan=KECAMATAN), status


def _detail(umkm_id: str, status_form: StatusForm | None = None, failed: str | None = None,
            nik: dict | None = None):
    view = usecases.get_umkm(_uow(), umkm_id)
    staff = current_staff()
    return render_template(
        "registry/umkm_detail.html", umkm=view, sectors=SECTORS, nik=nik,
        can_verify=staff.has_any(REGISTRY_OFFICER),
        can_see_nik=staff.has_any(ADMIN, REGISTRY_OFFICER),
        status_form=status_form or StatusForm(formdata=None), failed_action=failed,
        products=products.list_products(_uow(), umkm_id),
        timeline=activity.timeline(_uow(), umkm_id, per_page=100),
        changes=usecases.data_changes(_uow(), umkm_id, per_page=100),
        other_businesses=usecases.other_businesses(_uow(), umkm_id),
        field_labels=FIELD_LABELS,
    )


@bp.get("/umkm/<string:umkm_id>")
@require_roles()
def umkm_detail(umkm_id: str):
    return _detail(umkm_id)


@bp.post("/umkm/<string:umkm_id>/status/<any(reject, deactivate, reactivate):action>")
@require_roles(REGISTRY_OFFICER)
def umkm_status(umkm_id: str, action: str):
    form = StatusForm()
    if form.validate():
        try:
            view = usecases.change_status(_uow(), umkm_id, action, current_staff(),
                                          form.reason.data)
        except InvalidInput as error:
            apply_errors(form, error)
        except DomainError as error:
            flash(error.message, "error")
            return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))
        else:
            flash(_STATUS_DONE[action] % {"name": view["business_name"]})
            return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))
    return _detail(umkm_id, form, action), 422


_STATUS_DONE = {
    "reject": _l("Pendaftaran %(name)s ditolak."),
    "deactivate": _l("%(name)s dinonaktifkan."),
    "reactivate": _l("%(name)s diaktifkan kembali."),
}


@bp.post("/umkm/<string:umkm_id>/verify")
@require_roles(REGISTRY_OFFICER)
def umkm_verify(umkm_id: str):
    try:
        view = usecases.verify_umkm(_uow(), umkm_id, current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s sudah terverifikasi.", name=view["business_name"]))
    return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))


@bp.post("/umkm/<string:umkm_id>/nik")
@require_roles(ADMIN, REGISTRY_OFFICER)
def umkm_nik(umkm_id: str):
    return _detail(umkm_id, nik=usecases.reveal_nik(_uow(), umkm_id, current_staff()))
