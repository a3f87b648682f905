"""Retail partner pages: partners, a partner (outlets, MoUs, placements), a placement (readiness
checklist, status buttons, monthly sales)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from services.bazaar.domain import retail as rules
from services.bazaar.domain.labels import word
from services.bazaar.usecases import (
    retail_outlets,
    retail_pages,
    retail_partners,
    retail_placements,
    retail_sales,
)
from services.bazaar.web import bazaar_service, bp, pickers
from services.bazaar.web.forms_retail import (
    ChecklistForm,
    MouForm,
    OutletForm,
    OutletsForm,
    PartnerForm,
    PlacementForm,
    RetailSalesForm,
    StatusForm,
)
from services.kernel.errors import DomainError
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors, options

# The button that moves a placement to each status.
MOVES = {rules.CURATED: _l("Tandai sudah dikurasi"), rules.LISTED: _l("Pajang di gerai"),
         rules.DELISTED: _l("Turunkan"), rules.PROPOSED: _l("Kembalikan ke usulan")}


def can_manage() -> bool:
    return current_staff().has_any(BAZAAR_COORDINATOR)


def _render(template: str, status: int = 200, **context):
    return render_template(template, can_manage=can_manage(), **context), status


@bp.get("/mitra-ritel")
@require_roles()
def retail_partners_page(form: PartnerForm | None = None, status: int = 200):
    year = request.args.get("tahun", type=int)
    page = retail_pages.partners_page(bazaar_service().uow, request.args.get("q"), year)
    chart = [(t["partner_name"], t["revenue_idr"]) for t in page["totals"]["items"]]
    return _render("bazaar/retail_partners.html", status, form=form or PartnerForm(
        formdata=None), chart=chart, year=year, q=request.args.get("q") or "", **page)


@bp.post("/mitra-ritel")
@require_roles(BAZAAR_COORDINATOR)
def retail_partner_add():
    form = PartnerForm()
    if form.validate():
        try:
            view = retail_partners.add_partner(bazaar_service().uow, {
                "name": form.name.data, "note": form.note.data}, current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Mitra %(name)s ditambahkan.", name=view["name"]))
            return redirect(url_for("bazaar_web.retail_partner", partner_id=view["id"]))
    return retail_partners_page(form, 422)


def _partner(partner_id: str, status: int = 200, **forms):
    service = bazaar_service()
    placement_form = forms.pop("placement_form", None)
    page = retail_pages.partner_page(service.uow, service.directory, partner_id,
                                     pickers.search_text(), pickers.chosen(placement_form))
    partner = page["partner"]
    placement_form = placement_form or PlacementForm(formdata=None)
    picker = pickers.offer(placement_form.umkm_id, page["umkm"],
                           _("Pilih UMKM terverifikasi..."), sector=False)
    placement_form.outlet_ids.choices = options((o["id"], o["name"])
                                                for o in partner["outlet_list"] if o["open"])
    chart = [(m["month"], m["revenue_idr"]) for m in page["monthly"]["items"]]
    return _render("bazaar/retail_partner.html", status, partner=partner,
                   monthly=page["monthly"], chart=chart, placement_form=placement_form,
                   picker=picker,
                   outlet_form=forms.get("outlet_form") or OutletForm(formdata=None),
                   mou_form=forms.get("mou_form") or MouForm(formdata=None))


@bp.get("/mitra-ritel/<string:partner_id>")
@require_roles()
def retail_partner(partner_id: str):
    return _partner(partner_id)


@bp.post("/mitra-ritel/<string:partner_id>/gerai")
@require_roles(BAZAAR_COORDINATOR)
def retail_outlet_add(partner_id: str):
    form = OutletForm()
    if form.validate():
        try:
            view = retail_outlets.add_outlet(bazaar_service().uow, partner_id, {
                "name": form.name.data, "address": form.address.data}, current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Gerai %(name)s ditambahkan.", name=view["name"]))
            return redirect(url_for("bazaar_web.retail_partner", partner_id=partner_id))
    return _partner(partner_id, 422, outlet_form=form)


@bp.post("/mitra-ritel/<string:partner_id>/mou")
@require_roles(BAZAAR_COORDINATOR)
def retail_mou_add(partner_id: str):
    form = MouForm()
    if form.validate():
        try:
            view = retail_partners.add_mou(bazaar_service().uow, partner_id, form.command(),
                                           current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("MoU %(number)s dicatat.", number=view["number"]))
            return redirect(url_for("bazaar_web.retail_partner", partner_id=partner_id))
    return _partner(partner_id, 422, mou_form=form)


@bp.post("/mitra-ritel/<string:partner_id>/penempatan")
@require_roles(BAZAAR_COORDINATOR)
def retail_placement_add(partner_id: str):
    form = PlacementForm()
    if form.validate():
        service = bazaar_service()
        try:
            view = retail_placements.propose(service.uow, service.directory,
                                             form.command(partner_id), current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("%(product)s diusulkan; lengkapi daftar kesiapannya.",
                    product=view["product_name"]))
            return redirect(url_for("bazaar_web.retail_placement", placement_id=view["id"]))
    return _partner(partner_id, 422, placement_form=form)


def _placement(placement_id: str, status: int = 200, sales_form=None, checklist_forms=None,
               status_form=None):
    service = bazaar_service()
    page = retail_pages.placement_page(service.uow, service.directory, placement_id)
    placement, partner = page["placement"], page["partner"]
    forms = {}
    for row in placement["checklist"]:
        given = (checklist_forms or {}).get(row["item"])
        forms[row["item"]] = given or ChecklistForm(formdata=None, prefix=row["item"], data={
            "checked": row["checked"], "not_applicable": row["not_applicable"],
            "note": row["note"]})
    outlets_form = OutletsForm(formdata=None, data={
        "outlet_ids": [o["id"] for o in placement["outlets"]]})
    outlets_form.outlet_ids.choices = options((o["id"], o["name"])
                                              for o in partner["outlet_list"] if o["open"])
    chart = [(s["month"], s["revenue_idr"]) for s in placement["sales"]]
    return _render("bazaar/retail_placement.html", status, placement=placement,
                   partner=partner, checklist_forms=forms, outlets_form=outlets_form,
                   status_form=status_form or StatusForm(formdata=None), moves=MOVES, chart=chart,
                   sales_form=sales_form or RetailSalesForm(formdata=None))


@bp.get("/penempatan/<string:placement_id>")
@require_roles()
def retail_placement(placement_id: str):
    return _placement(placement_id)


@bp.post("/penempatan/<string:placement_id>/kesiapan/<string:item>")
@require_roles(BAZAAR_COORDINATOR)
def retail_checklist(placement_id: str, item: str):
    form = ChecklistForm(prefix=item)
    if form.validate():
        service = bazaar_service()
        try:
            retail_placements.check_item(service.uow, service.directory, placement_id, item,
                                         form.checked.data, form.note.data, current_staff(),
                                         form.not_applicable.data)
        except DomainError as error:
            if error.status != 422:  # a listed product's item cannot be unticked: say why
                flash(error.message, "error")
                return redirect(url_for("bazaar_web.retail_placement",
                                        placement_id=placement_id))
            apply_errors(form, error)
        else:
            flash(_("Daftar kesiapan diperbarui."))
            return redirect(url_for("bazaar_web.retail_placement", placement_id=placement_id))
    return _placement(placement_id, 422, checklist_forms={item: form})


@bp.post("/penempatan/<string:placement_id>/status")
@bp.post("/penempatan/<string:placement_id>/status/<string:target>")
@require_roles(BAZAAR_COORDINATOR)
def retail_status(placement_id: str, target: str | None = None):
    """The status buttons: each sends the status it moves to (status=listed); posted without
    one, the page says so beside the buttons."""
    form = StatusForm()
    if target:
        form.status.data = target
    if form.validate():
        service = bazaar_service()
        try:
            view = retail_placements.change_status(service.uow, service.directory, placement_id,
                                                   form.status.data, form.note.data,
                                                   current_staff())
        except DomainError as error:
            if error.status != 422:  # not allowed now (what blocks listing is on the page)
                flash(error.message, "error")
                return redirect(url_for("bazaar_web.retail_placement",
                                        placement_id=placement_id))
            apply_errors(form, error)
        else:
            flash(_("Status sekarang: %(status)s.", status=word("placement", view["status"])))
            return redirect(url_for("bazaar_web.retail_placement", placement_id=placement_id))
    return _placement(placement_id, 422, status_form=form)


@bp.post("/penempatan/<string:placement_id>/gerai")
@require_roles(BAZAAR_COORDINATOR)
def retail_placement_outlets(placement_id: str):
    form = OutletsForm()
    form.outlet_ids.choices = []
    service = bazaar_service()
    try:
        retail_placements.set_outlets(service.uow, service.directory, placement_id,
                                      form.outlet_ids.data or [], current_staff())
    except DomainError as error:
        flash(error.fields.get("outlet_ids") or error.message, "error")
    else:
        flash(_("Gerai diperbarui."))
    return redirect(url_for("bazaar_web.retail_placement", placement_id=placement_id))


@bp.post("/penempatan/<string:placement_id>/penjualan")
@require_roles(BAZAAR_COORDINATOR)
def retail_sales_add(placement_id: str):
    form = RetailSalesForm()
    if form.validate():
        try:
            view = retail_sales.record_sales(bazaar_service().uow, placement_id, form.command(),
                                             current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Penjualan %(month)s dikoreksi.", month=view["month"]) if view["corrected"]
                  else _("Penjualan %(month)s dicatat.", month=view["month"]))
            return redirect(url_for("bazaar_web.retail_placement", placement_id=placement_id))
    return _placement(placement_id, 422, sales_form=form)
