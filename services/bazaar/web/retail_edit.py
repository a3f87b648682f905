"""Correcting what was recorded about a retail partner: its name, note and whether it is
active, an MoU's number, dates and contact, and outlets that close or open again."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.bazaar.usecases import retail_outlets, retail_partners
from services.bazaar.web import bazaar_service, bp
from services.bazaar.web.forms_retail import MouForm, PartnerEditForm
from services.kernel.errors import DomainError
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_edit_errors


def _back(partner_id: str):
    return redirect(url_for("bazaar_web.retail_partner", partner_id=partner_id))


@bp.route("/mitra-ritel/<string:partner_id>/ubah", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def retail_partner_edit(partner_id: str):
    uow = bazaar_service().uow
    partner = retail_partners.get_partner(uow, partner_id)
    if request.method == "GET":
        form = PartnerEditForm(data={"name": partner["name"], "note": partner["note"],
                                     "active": partner["active"],
                                     "shown": retail_partners.partner_shown(partner)})
        return render_template("bazaar/retail_partner_edit.html", form=form, partner=partner)
    form, status = PartnerEditForm(), 422
    if form.validate():
        try:
            view = retail_partners.update_partner(uow, partner_id, form.command(),
                                                  current_staff(), shown=form.shown.data)
        except DomainError as error:
            status = apply_edit_errors(form, error)
        else:
            flash(_("Mitra %(name)s diperbarui.", name=view["name"]))
            return _back(partner_id)
    return render_template("bazaar/retail_partner_edit.html", form=form,
                           partner=partner), status


@bp.route("/mitra-ritel/<string:partner_id>/mou/<string:mou_id>/ubah", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def retail_mou_edit(partner_id: str, mou_id: str):
    uow = bazaar_service().uow
    partner = retail_partners.get_partner(uow, partner_id)
    mou = next((m for m in partner["mous"] if m["id"] == mou_id), None)
    if mou is None:
        flash(_("MoU tidak ditemukan."), "error")
        return _back(partner_id)
    if request.method == "GET":
        form = MouForm(data={**{k: mou[k] for k in ("number", "signed_on", "expires_on",
                                                    "contact_name", "contact_phone")},
                             "shown": retail_partners.mou_shown(mou)})
        return render_template("bazaar/retail_mou_edit.html", form=form, partner=partner,
                               mou=mou)
    form, status = MouForm(), 422
    if form.validate():
        try:
            view = retail_partners.update_mou(uow, partner_id, mou_id, form.command(),
                                              current_staff(), shown=form.shown.data)
        except DomainError as error:
            status = apply_edit_errors(form, error)
        else:
            flash(_("MoU %(number)s diperbarui.", number=view["number"]))
            return _back(partner_id)
    return render_template("bazaar/retail_mou_edit.html", form=form, partner=partner,
                           mou=mou), status


@bp.post("/mitra-ritel/<string:partner_id>/gerai/<string:outlet_id>/tutup")
@require_roles(BAZAAR_COORDINATOR)
def retail_outlet_close(partner_id: str, outlet_id: str):
    try:
        view = retail_outlets.close_outlet(bazaar_service().uow, partner_id, outlet_id,
                                           current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Gerai %(name)s ditutup.", name=view["name"]))
    return _back(partner_id)


@bp.post("/mitra-ritel/<string:partner_id>/gerai/<string:outlet_id>/buka")
@require_roles(BAZAAR_COORDINATOR)
def retail_outlet_reopen(partner_id: str, outlet_id: str):
    try:
        view = retail_outlets.reopen_outlet(bazaar_service().uow, partner_id, outlet_id,
                                            current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Gerai %(name)s dibuka kembali.", name=view["name"]))
    return _back(partner_id)
