"""Aid pages: the handover form, the handover (BAST download and signed scan upload), the
inventory and the trainers."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import TRAINING_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.training.adapters.bast import render_bast
from services.training.usecases import aid, enrollment, programs, trainers
from services.training.web import bp, training
from services.training.web.forms import (
    AidItemForm,
    HandoverForm,
    ScanForm,
    StockForm,
    TrainerForm,
)


@bp.route("/programs/<string:program_id>/handover/<string:enrollment_id>",
          methods=["GET", "POST"])
@require_roles(TRAINING_COORDINATOR)
def handover_new(program_id: str, enrollment_id: str):
    uow = training().uow
    program = programs.get_program(uow, program_id)
    person = next((p for p in enrollment.list_enrollments(uow, program_id)["items"]
                   if p["id"] == enrollment_id), None)
    if person is None:
        flash(_("Peserta tidak ditemukan."), "error")
        return redirect(url_for("training_web.program_detail", program_id=program_id))
    form = HandoverForm()
    if request.method == "GET":
        for line in program["aid_package"]:
            form.lines.append_entry({"aid_item_id": line["aid_item_id"],
                                     "quantity": line["quantity"]})
        form.received_by.data = person["owner_name"]
    names = {line["aid_item_id"]: line["item"] for line in program["aid_package"]}
    if request.method == "POST" and form.validate():
        items = [{"aid_item_id": line.aid_item_id.data, "quantity": line.quantity.data or 0,
                  "serial_numbers": line.serial_numbers.data or ""} for line in form.lines]
        try:
            view = aid.hand_over(uow, program_id, {
                "umkm_id": person["umkm_id"], "items": items,
                "handed_over_on": form.handed_over_on.data,
                "received_by": form.received_by.data}, current_staff())
        except DomainError as error:
            for key, message in error.fields.items():
                target = _handover_field(form, key)
                if target is not None:
                    target.errors = [*target.errors, str(message)]
                else:
                    form.form_errors.append(str(message))
            if not error.fields or error.status == 409:
                form.form_errors.append(error.message)
        else:
            flash(_("Bantuan diserahkan. Cetak BAST untuk ditandatangani."))
            return redirect(url_for("training_web.handover_detail", handover_id=view["id"]))
    status = 422 if request.method == "POST" else 200
    return render_template("training/handover_new.html", program=program, person=person,
                           form=form, names=names), status


def _handover_field(form: HandoverForm, key: str):
    """The field a use case's key names: 'received_by', or a line's 'items.0.serial_numbers'
    (a line's other keys beside its quantity)."""
    parts = key.split(".")
    if parts[0] == "items" and len(parts) == 3 and parts[1].isdigit() \
            and int(parts[1]) < len(form.lines):
        line = form.lines[int(parts[1])]
        return getattr(line, parts[2], None) or line.quantity
    return getattr(form, key, None) if key in form else None


@bp.route("/handovers/<string:handover_id>", methods=["GET", "POST"])
@require_roles()
def handover_detail(handover_id: str):
    t = training()
    form = ScanForm()
    status = 200
    if request.method == "POST" and not current_staff().has_any(TRAINING_COORDINATOR):
        abort(403)
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if form.validate():
                aid.attach_scan(t.uow, t.upload_dir, handover_id,
                                upload.read() if upload else b"", t.upload_max_bytes)
        except DomainError as error:
            apply_errors(form, error)
            status = 422
        else:
            if not form.errors:
                flash(_("BAST bertanda tangan tersimpan."))
                return redirect(url_for("training_web.handover_detail", handover_id=handover_id))
    view = aid.get_handover(t.uow, handover_id)
    return render_template("training/handover.html", handover=view, form=form,
                           can_manage=current_staff().has_any(TRAINING_COORDINATOR)), status


@bp.get("/handovers/<string:handover_id>/bast.pdf")
@require_roles()
def bast_pdf(handover_id: str):
    t = training()
    view = aid.get_handover(t.uow, handover_id)
    return Response(render_bast(view, t.department), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{view["number"]}.pdf"'})


@bp.get("/handovers/<string:handover_id>/scan")
@require_roles()
def bast_scan(handover_id: str):
    t = training()
    path, mimetype = aid.scan_file(t.uow, t.upload_dir, handover_id)
    return send_file(path, mimetype=mimetype)


@bp.route("/aid-items", methods=["GET", "POST"])
@require_roles()
def inventory():
    uow = training().uow
    can_manage = current_staff().has_any(TRAINING_COORDINATOR)
    if request.method == "POST" and not can_manage:
        abort(403)
    # Two kinds of form on one page: a row's stock, or a new item. Only the posted one is read.
    stock_posted = request.method == "POST" and "stock_item" in request.form
    form = AidItemForm(formdata=None) if stock_posted else AidItemForm()
    stock = StockForm() if stock_posted else None
    status = 200
    if request.method == "POST":
        status = 422
        try:
            if stock is not None:
                if stock.validate():
                    aid.receive_stock(uow, stock.stock_item.data, stock.quantity.data,
                                      stock.note.data, current_staff())
                    flash(_("Stok diperbarui."))
                    return redirect(url_for("training_web.inventory"))
            elif form.validate():
                aid.create_aid_item(uow, {"name": form.name.data, "unit": form.unit.data,
                                          "unit_value_idr": form.unit_value_idr.data,
                                          "stock": form.stock.data or 0}, current_staff())
                flash(_("Barang ditambahkan ke inventaris."))
                return redirect(url_for("training_web.inventory"))
        except DomainError as error:
            apply_errors(stock or form, error)
            if stock is None:
                flash(error.message, "error")
    return render_template("training/inventory.html", items=aid.list_aid_items(uow)["items"],
                           form=form, stock=stock, blank=StockForm(formdata=None),
                           can_manage=can_manage), status


@bp.route("/trainers", methods=["GET", "POST"])
@require_roles()
def trainer_list():
    uow = training().uow
    form = TrainerForm()
    can_manage = current_staff().has_any(TRAINING_COORDINATOR)
    if request.method == "POST" and not can_manage:
        abort(403)
    status = 200
    if request.method == "POST":
        status = 422
        try:
            if form.validate():
                view = trainers.create_trainer(uow, form.command())
                flash(_("Pelatih %(name)s tersimpan.", name=view["name"]))
                return redirect(url_for("training_web.trainer_list"))
        except DomainError as error:
            apply_errors(form, error)
    args = {"q": (request.args.get("q") or "").strip()}
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = trainers.list_trainers(uow, q=args["q"] or None, page=page, per_page=50)
    return render_template("training/trainers.html", result=result, args=args, form=form,
                           can_manage=can_manage), status
