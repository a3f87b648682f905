"""Bazaar pages: list, schedule, detail (apply for an owner, allocate, check in)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.bazaar.domain.labels import word
from services.bazaar.usecases import (
    applications,
    bazaars,
    markets,
    overrides,
    sales,
    sales_links,
    umkm_picker,
)
from services.bazaar.web import bazaar_service, bp, pickers
from services.bazaar.web.forms import ApplyForm, BazaarForm, CancelForm, OverrideForm, SalesForm
from services.kernel.errors import DomainError
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.reference import SECTORS
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors


def can_manage() -> bool:
    return current_staff().has_any(BAZAAR_COORDINATOR)


def _short(label: str) -> str:
    """A chart's bar label: "Kriya" of "Kriya (kerajinan, suvenir, tapis)"."""
    return label.split(" (")[0]


@bp.get("/")
@require_roles()
def home():
    return redirect(url_for("bazaar_web.bazaar_list"))


@bp.get("/bazaars")
@require_roles()
def bazaar_list():
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = bazaars.list_bazaars(bazaar_service().uow, page=page, per_page=25)
    totals = [(t["title"][:28], t["revenue_idr"]) for t in
              sales.totals_over_time(bazaar_service().uow)]
    return render_template("bazaar/bazaars.html", result=result, can_manage=can_manage(),
                           totals=totals)


@bp.route("/bazaars/new", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def bazaar_new():
    form = BazaarForm()
    if request.method == "POST":
        if form.validate():
            try:
                view = bazaars.schedule_bazaar(bazaar_service().uow, form.command(),
                                               current_staff())
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("Bazar %(title)s dijadwalkan; UMKM yang memenuhi syarat diundang.",
                        title=view["title"]))
                return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=view["id"]))
        return render_template("bazaar/bazaar_new.html", form=form), 422
    return render_template("bazaar/bazaar_new.html", form=form)


def render_detail(bazaar_id: str, form: ApplyForm | None = None, status: int = 200,
                  sales_form: SalesForm | None = None, sales_for: str | None = None,
                  cancel_form: CancelForm | None = None,
                  override_form: OverrideForm | None = None, override_for: str | None = None):
    service = bazaar_service()
    bazaar = bazaars.get_bazaar(service.uow, bazaar_id)
    listed = applications.list_applications(service.uow, bazaar_id)["items"]
    picker = umkm_picker.for_bazaar(service.uow, service.directory, bazaar_id,
                                    pickers.search_text(), pickers.chosen(form))
    form = form or ApplyForm(formdata=None)
    picker = pickers.offer(form.umkm_id, picker, _("Pilih UMKM..."))
    report = sales.bazaar_report(service.uow, bazaar_id)
    return render_template("bazaar/bazaar_detail.html", bazaar=bazaar, applications=listed,
                           stall_choices=overrides.stall_choices(service.uow, bazaar_id),
                           form=form, picker=picker, can_manage=can_manage(), sectors=SECTORS,
                           report=report,
                           sector_revenue=[(_short(word("sector", code)), revenue)
                                           for code, revenue in report["by_sector"]],
                           sales_form=sales_form or SalesForm(formdata=None),
                           sales_for=sales_for, override_form=override_form,
                           override_for=override_for,
                           cancel_form=cancel_form or CancelForm(formdata=None)), status


@bp.get("/bazaars/<string:bazaar_id>")
@require_roles()
def bazaar_detail(bazaar_id: str):
    return render_detail(bazaar_id)


@bp.post("/bazaars/<string:bazaar_id>/apply")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_apply(bazaar_id: str):
    form = ApplyForm()
    form.umkm_id.choices = []
    if form.validate():
        service = bazaar_service()
        try:
            view = applications.apply(service.uow, service.directory, bazaar_id,
                                      form.umkm_id.data, current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("%(name)s didaftarkan.", name=view["business_name"]))
            return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
    return render_detail(bazaar_id, form, 422)


@bp.post("/bazaars/<string:bazaar_id>/allocate")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_allocate(bazaar_id: str):
    try:
        result = applications.allocate_stalls(bazaar_service().uow, bazaar_id, current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(n)s lapak dialokasikan, %(w)s masuk daftar tunggu.",
                n=result["allocated"], w=result["waitlisted"]))
    return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))


@bp.post("/bazaars/<string:bazaar_id>/applications/<string:application_id>/"
         "<any(hadir, absen):mark>")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_attendance(bazaar_id: str, application_id: str, mark: str):
    try:
        applications.record_attendance(bazaar_service().uow, bazaar_id, application_id,
                                       mark == "hadir")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))


@bp.post("/bazaars/<string:bazaar_id>/applications/<string:application_id>/stall")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_stall_override(bazaar_id: str, application_id: str):
    form = OverrideForm()
    if form.validate():
        try:
            view = overrides.override_stall(
                bazaar_service().uow, bazaar_id, application_id, form.stall_number.data or None,
                form.reason.data, current_staff())
        except DomainError as error:
            if error.status != 422:  # too late, or not a stallholder: say why on the page
                flash(error.message, "error")
                return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
            apply_errors(form, error)
        else:
            flash(_("Lapak %(name)s diubah: %(stall)s.", name=view["business_name"],
                    stall=view["stall_number"] or _("daftar tunggu")))
            return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
    return render_detail(bazaar_id, override_form=form, override_for=application_id,
                         status=422)


@bp.post("/bazaars/<string:bazaar_id>/applications/<string:application_id>/withdraw")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_withdraw(bazaar_id: str, application_id: str):
    try:
        applications.withdraw(bazaar_service().uow, bazaar_id, application_id)
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))


@bp.post("/bazaars/<string:bazaar_id>/applications/<string:application_id>/sales")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_sales(bazaar_id: str, application_id: str):
    form = SalesForm()
    if form.validate():
        try:
            sales.report_sales(bazaar_service().uow, bazaar_id, application_id,
                               form.revenue_idr.data, form.units_sold.data,
                               form.best_product.data, current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Penjualan tercatat."))
            return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
    return render_detail(bazaar_id, sales_form=form, sales_for=application_id, status=422)


@bp.post("/bazaars/<string:bazaar_id>/close")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_close(bazaar_id: str):
    try:
        result = sales.close_bazaar(bazaar_service().uow, bazaar_id, current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Bazar ditutup: %(used)s lapak terpakai, %(absent)s tidak hadir.",
                used=result["stalls_used"], absent=result["no_shows"]))
    return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))


@bp.get("/publik")
def public_bazaars():
    """No login: upcoming bazaars and market days, so the community knows where to shop."""
    upcoming = bazaars.list_bazaars(bazaar_service().uow, upcoming_only=True, per_page=50)
    market_days = markets.upcoming_market_days(bazaar_service().uow)
    return render_template("bazaar/public.html", bazaars=upcoming["items"],
                           market_days=market_days)


@bp.route("/laporan-penjualan/<string:token>", methods=["GET", "POST"])
def owner_sales_report(token: str):
    """No login: the owner reports (or corrects) their sales through the signed link."""
    service = bazaar_service()
    target = sales_links.link_target(service.uow, service.sales_links, token)
    application, done = target["application"], False
    form = SalesForm(data={"revenue_idr": application["revenue_idr"],
                           "units_sold": application["units_sold"],
                           "best_product": application["best_product"]}
                     if request.method == "GET" else None)
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                application = sales.report_sales(
                    service.uow, application["bazaar_id"], application["id"],
                    form.revenue_idr.data, form.units_sold.data, form.best_product.data, None)
                done = True
            except DomainError as error:
                apply_errors(form, error)
                status = 422
        else:
            status = 422
    return render_template("bazaar/owner_sales.html", form=form, bazaar=target["bazaar"],
                           application=application, done=done), status
