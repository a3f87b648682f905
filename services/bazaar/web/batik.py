"""Friday local batik pages: the report (who buys how much), offices, craftspeople, orders with
their deliveries and cancellation."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from services.bazaar.domain.batik import OFFICE_KINDS, OPEN, STATUSES
from services.bazaar.domain.labels import word
from services.bazaar.usecases import batik
from services.bazaar.web import bazaar_service, bp
from services.bazaar.web.forms_batik import CancelForm, DeliveryForm, OfficeForm, OrderForm
from services.kernel.clock import today_wib
from services.kernel.errors import DomainError
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_edit_errors, apply_errors, options


def can_manage() -> bool:
    return current_staff().has_any(BAZAAR_COORDINATOR)


def _apply(form, error: DomainError, rows: list[int]) -> None:
    """Per-field messages beside the fields, those of item rows (items.0.quantity) included;
    `rows` maps the n-th item sent to the form row it came from."""
    rest = {}
    for key, message in error.fields.items():
        parts = key.split(".")
        if parts[0] == "items" and len(parts) == 3 and parts[1].isdigit() \
                and int(parts[1]) < len(rows) and rows[int(parts[1])] < len(form.items.entries):
            entry = form.items.entries[rows[int(parts[1])]].form
            target = getattr(entry, parts[2], None)
            if target is None or parts[2] == "item_id":  # hidden: say it beside the quantity
                target = entry.quantity
            target.errors = [*list(target.errors or []), str(message)]
        else:
            rest[key] = message
    error.fields = rest
    apply_errors(form, error)


@bp.get("/batik")
@require_roles()
def batik_report():
    year = request.args.get("year", type=int) or today_wib().year
    year = min(max(year, 2000), 2100)
    report = batik.purchase_report(bazaar_service().uow, year)
    months = [(format_date(today_wib().replace(month=m["month"], day=1), "MMM"), m["value_idr"])
              for m in report["months"]]
    offices = [(o["name"][:24], o["value_idr"]) for o in report["offices"]]
    return render_template("bazaar/batik_report.html", report=report, months=months,
                           offices=offices, year=year, this_year=today_wib().year)


def _offices_page(form: OfficeForm | None = None, status: int = 200):
    kind = request.args.get("kind") if request.args.get("kind") in OFFICE_KINDS else None
    result = batik.list_offices(bazaar_service().uow, kind=kind, per_page=200)
    return render_template("bazaar/batik_offices.html", result=result,
                           form=form or OfficeForm(formdata=None), kind=kind,
                           can_manage=can_manage()), status


@bp.get("/batik/instansi")
@require_roles()
def batik_offices():
    return _offices_page()


@bp.post("/batik/instansi")
@require_roles(BAZAAR_COORDINATOR)
def batik_office_new():
    form = OfficeForm()
    if form.validate():
        try:
            view = batik.create_office(bazaar_service().uow, form.command(), current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Instansi %(name)s ditambahkan.", name=view["name"]))
            return redirect(url_for("bazaar_web.batik_offices"))
    return _offices_page(form, 422)


@bp.route("/batik/instansi/<string:office_id>/ubah", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def batik_office_edit(office_id: str):
    office = batik.get_office(bazaar_service().uow, office_id)
    if request.method == "GET":
        return render_template("bazaar/batik_office_edit.html", office=office, form=OfficeForm(
            data={**office, "shown": batik.office_shown(office)}))
    form, status = OfficeForm(), 422
    if form.validate():
        try:
            batik.update_office(bazaar_service().uow, office_id, form.command(),
                                shown=form.shown.data)
        except DomainError as error:
            status = apply_edit_errors(form, error)
        else:
            flash(_("Instansi diperbarui."))
            return redirect(url_for("bazaar_web.batik_offices"))
    return render_template("bazaar/batik_office_edit.html", office=office, form=form), status


@bp.get("/batik/perajin")
@require_roles()
def batik_craftspeople():
    service = bazaar_service()
    q = (request.args.get("q") or "").strip()[:100] or None
    result = batik.list_craftspeople(service.uow, service.directory, q=q, per_page=200)
    return render_template("bazaar/batik_craftspeople.html", result=result, q=q or "")


@bp.get("/batik/pesanan")
@require_roles()
def batik_orders():
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    office_id = request.args.get("office_id") or None
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    service = bazaar_service()
    result = batik.list_orders(service.uow, status=status, office_id=office_id, page=page,
                               per_page=25)
    offices = batik.list_offices(service.uow, per_page=200)["items"]
    return render_template("bazaar/batik_orders.html", result=result, status=status,
                           office_id=office_id, offices=offices, statuses=STATUSES,
                           can_manage=can_manage())


def _order_choices(form: OrderForm) -> None:
    service = bazaar_service()
    offices = batik.list_offices(service.uow, active=True, per_page=200)["items"]
    people = batik.list_craftspeople(service.uow, service.directory, per_page=200)["items"]
    form.office_id.choices = options(((o["id"], o["name"]) for o in offices),
                                     _("Pilih instansi..."))
    form.umkm_id.choices = options((
        (p["umkm_id"], f"{p['business_name']} — {p['owner_name']} ({p['kecamatan']})")
        for p in people), _("Pilih perajin batik..."))


@bp.route("/batik/pesanan/baru", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def batik_order_new():
    form = OrderForm()
    _order_choices(form)
    if request.method == "POST":
        if form.validate():
            command, rows = form.command()
            service = bazaar_service()
            try:
                view = batik.create_order(service.uow, service.directory, command,
                                          current_staff())
            except DomainError as error:
                _apply(form, error, rows)
            else:
                flash(_("Pesanan %(office)s kepada %(name)s dicatat.",
                        office=view["office_name"], name=view["business_name"]))
                return redirect(url_for("bazaar_web.batik_order_detail", order_id=view["id"]))
        return render_template("bazaar/batik_order_new.html", form=form), 422
    if not form.ordered_on.data:
        form.ordered_on.data = today_wib()
    return render_template("bazaar/batik_order_new.html", form=form)


def _order_page(order_id: str, *, delivery_form: DeliveryForm | None = None,
                cancel_form: CancelForm | None = None, status: int = 200):
    order = batik.get_order(bazaar_service().uow, order_id)
    if delivery_form is None:
        delivery_form = DeliveryForm(formdata=None, data={
            "delivered_on": today_wib(),
            "items": [{"item_id": i["id"], "quantity": None} for i in order["items"]]})
    return render_template("bazaar/batik_order.html", order=order, delivery_form=delivery_form,
                           cancel_form=cancel_form or CancelForm(formdata=None),
                           can_manage=can_manage(), open_statuses=OPEN), status


@bp.get("/batik/pesanan/<string:order_id>")
@require_roles()
def batik_order_detail(order_id: str):
    return _order_page(order_id)


@bp.post("/batik/pesanan/<string:order_id>/pengiriman")
@require_roles(BAZAAR_COORDINATOR)
def batik_order_delivery(order_id: str):
    form = DeliveryForm()
    if form.validate():
        command, rows = form.command()
        try:
            view = batik.record_delivery(bazaar_service().uow, order_id, command,
                                         current_staff())
        except DomainError as error:
            if not error.fields:  # e.g. delivered or cancelled meanwhile: the form is gone
                flash(error.message, "error")
                return redirect(url_for("bazaar_web.batik_order_detail", order_id=order_id))
            _apply(form, error, rows)
        else:
            flash(_("Pengiriman dicatat; status pesanan: %(s)s.",
                    s=word("batik_order", view["status"])))
            return redirect(url_for("bazaar_web.batik_order_detail", order_id=order_id))
    return _order_page(order_id, delivery_form=form, status=422)


@bp.post("/batik/pesanan/<string:order_id>/batal")
@require_roles(BAZAAR_COORDINATOR)
def batik_order_cancel(order_id: str):
    form = CancelForm()
    if form.validate():
        try:
            batik.cancel_order(bazaar_service().uow, order_id, form.reason.data,
                               current_staff())
        except DomainError as error:
            if not error.fields:
                flash(error.message, "error")
                return redirect(url_for("bazaar_web.batik_order_detail", order_id=order_id))
            apply_errors(form, error)
        else:
            flash(_("Pesanan dibatalkan."))
            return redirect(url_for("bazaar_web.batik_order_detail", order_id=order_id))
    return _order_page(order_id, cancel_form=form, status=422)
