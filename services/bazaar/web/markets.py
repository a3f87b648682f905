"""Recurring-market pages: list, add and edit a market, its days with the vendors on duty, the
excluded dates, the roster, and attendance on a market day."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from services.bazaar.domain.markets import EXAMPLES
from services.bazaar.usecases import markets, umkm_picker
from services.bazaar.web import bazaar_service, bp, pickers
from services.bazaar.web.forms_markets import ExclusionForm, MarketForm, VendorForm
from services.kernel.errors import DomainError
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_edit_errors, apply_errors, options

DAYS_SHOWN = 8
EXCLUDABLE_DAYS = 26


def can_manage() -> bool:
    return current_staff().has_any(BAZAAR_COORDINATOR)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        abort(404)


@bp.get("/pasar")
@require_roles()
def market_list():
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = markets.list_markets(bazaar_service().uow, page=page, per_page=25)
    return render_template("bazaar/markets.html", result=result, can_manage=can_manage())


def _market_form_page(form: MarketForm, market: dict | None, status: int = 200):
    return render_template("bazaar/market_form.html", form=form, market=market,
                           examples=EXAMPLES), status


@bp.route("/pasar/baru", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def market_new():
    form = MarketForm()
    if request.method == "POST":
        if form.validate():
            try:
                view = markets.create_market(bazaar_service().uow, form.command(),
                                             current_staff())
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("Pasar %(name)s ditambahkan.", name=view["name"]))
                return redirect(url_for("bazaar_web.market_detail", market_id=view["id"]))
        return _market_form_page(form, None, 422)
    return _market_form_page(form, None)


@bp.route("/pasar/<string:market_id>/ubah", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def market_edit(market_id: str):
    market = markets.get_market(bazaar_service().uow, market_id)
    if request.method == "GET":
        return _market_form_page(MarketForm(
            data={**market, "shown": markets.market_shown(market)}), market)
    form, status = MarketForm(), 422
    if form.validate():
        try:
            markets.update_market(bazaar_service().uow, market_id, form.command(),
                                  current_staff(), shown=form.shown.data)
        except DomainError as error:
            status = apply_edit_errors(form, error)
        else:
            flash(_("Pasar diperbarui."))
            return redirect(url_for("bazaar_web.market_detail", market_id=market_id))
    return _market_form_page(form, market, status)


def _detail(market_id: str, *, exclusion_form: ExclusionForm | None = None,
            vendor_form: VendorForm | None = None, status: int = 200):
    service = bazaar_service()
    market = markets.get_market(service.uow, market_id)
    coming = markets.list_days(service.uow, market_id, count=EXCLUDABLE_DAYS)["items"]
    roster = markets.list_vendors(service.uow, market_id)["items"]
    exclusion_form = exclusion_form or ExclusionForm(formdata=None)
    exclusion_form.date.choices = options((
        (d["date"].isoformat(), format_date(d["date"], "EEEE, d MMM yyyy"))
        for d in coming if not d["excluded"]), _("Pilih hari pasar..."))
    picker = umkm_picker.for_market(service.uow, service.directory, market_id,
                                    pickers.search_text(), pickers.chosen(vendor_form))
    vendor_form = vendor_form or VendorForm(formdata=None)
    picker = pickers.offer(vendor_form.umkm_id, picker, _("Pilih UMKM..."))
    return render_template("bazaar/market_detail.html", market=market,
                           days=coming[:DAYS_SHOWN], roster=roster,
                           exclusion_form=exclusion_form, vendor_form=vendor_form,
                           picker=picker,
                           can_manage=can_manage()), status


@bp.get("/pasar/<string:market_id>")
@require_roles()
def market_detail(market_id: str):
    return _detail(market_id)


@bp.post("/pasar/<string:market_id>/pengecualian")
@require_roles(BAZAAR_COORDINATOR)
def market_exclude(market_id: str):
    form = ExclusionForm()
    if form.validate():
        try:
            day = date.fromisoformat(form.date.data) if form.date.data else None
        except ValueError:
            day = None
        try:
            markets.add_exclusion(bazaar_service().uow, market_id, day, form.reason.data,
                                  current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Pasar tidak diadakan pada %(d)s.", d=day.isoformat()))
            return redirect(url_for("bazaar_web.market_detail", market_id=market_id))
    return _detail(market_id, exclusion_form=form, status=422)


@bp.post("/pasar/<string:market_id>/pengecualian/<string:day>/hapus")
@require_roles(BAZAAR_COORDINATOR)
def market_unexclude(market_id: str, day: str):
    try:
        markets.remove_exclusion(bazaar_service().uow, market_id, _date(day))
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Pasar diadakan lagi pada %(d)s.", d=day))
    return redirect(url_for("bazaar_web.market_detail", market_id=market_id))


@bp.post("/pasar/<string:market_id>/pedagang")
@require_roles(BAZAAR_COORDINATOR)
def market_add_vendor(market_id: str):
    form = VendorForm()
    if form.validate():
        service = bazaar_service()
        try:
            view = markets.add_vendor(service.uow, service.directory, market_id,
                                      form.umkm_id.data, current_staff(),
                                      joined_on=form.joined_on.data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("%(name)s masuk daftar pedagang.", name=view["business_name"]))
            return redirect(url_for("bazaar_web.market_detail", market_id=market_id))
    return _detail(market_id, vendor_form=form, status=422)


@bp.post("/pasar/<string:market_id>/pedagang/<string:umkm_id>/keluar")
@require_roles(BAZAAR_COORDINATOR)
def market_remove_vendor(market_id: str, umkm_id: str):
    try:
        view = markets.remove_vendor(bazaar_service().uow, market_id, umkm_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s keluar dari daftar pedagang mulai besok.",
                name=view["business_name"]))
    return redirect(url_for("bazaar_web.market_detail", market_id=market_id))


@bp.get("/pasar/<string:market_id>/hari/<string:day>")
@require_roles()
def market_day(market_id: str, day: str):
    service = bazaar_service()
    market = markets.get_market(service.uow, market_id)
    item = markets.get_day(service.uow, market_id, _date(day))
    return render_template("bazaar/market_day.html", market=market, day=item,
                           can_manage=can_manage())


@bp.post("/pasar/<string:market_id>/hari/<string:day>/<string:umkm_id>/"
         "<any(hadir, absen):mark>")
@require_roles(BAZAAR_COORDINATOR)
def market_attendance(market_id: str, day: str, umkm_id: str, mark: str):
    try:
        markets.record_attendance(bazaar_service().uow, market_id, _date(day), umkm_id,
                                  mark == "hadir", current_staff())
    except DomainError as error:
        flash(error.message if not error.fields else " ".join(
            str(m) for m in error.fields.values()), "error")
    return redirect(url_for("bazaar_web.market_day", market_id=market_id, day=day))
