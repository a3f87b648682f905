"""The public MB2 catalogue (no login), and products / MB2 on the UMKM page."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.registry.usecases import products
from services.registry.web import bp
from services.registry.web.forms import ProductForm


def _uow():
    return current_app.extensions["registry"].uow


@bp.get("/katalog")
def catalogue():
    q = (request.args.get("q") or "").strip()
    category = (request.args.get("category") or "").strip()
    found = products.mb2_catalogue(_uow(), q or None, category or None)
    return render_template("registry/catalogue.html", found=found, q=q, category=category)


@bp.route("/umkm/<string:umkm_id>/products/new", methods=["GET", "POST"])
@require_roles(REGISTRY_OFFICER)
def product_new(umkm_id: str):
    form = ProductForm()
    if form.is_submitted():
        if form.validate():
            try:
                products.add_product(_uow(), umkm_id, form.command(), current_staff())
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("Produk %(name)s ditambahkan.", name=form.name.data))
                return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))
        return render_template("registry/product_new.html", form=form, umkm_id=umkm_id), 422
    return render_template("registry/product_new.html", form=form, umkm_id=umkm_id)


@bp.post("/umkm/<string:umkm_id>/mb2")
@require_roles(REGISTRY_OFFICER)
def umkm_mb2(umkm_id: str):
    member = request.form.get("member") == "1"
    products.set_mb2(_uow(), umkm_id, member, current_staff())
    flash(_("Keanggotaan MB2 diperbarui."))
    return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))
