"""The public MB2 catalogue (no login), and products / MB2 on the UMKM page."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.registry.usecases import photos, products
from services.registry.web import bp
from services.registry.web.forms import PhotoForm, ProductForm


def _uow():
    return current_app.extensions["registry"].uow


@bp.get("/katalog")
def catalogue():
    q = (request.args.get("q") or "").strip()
    category = (request.args.get("category") or "").strip()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    found = products.mb2_catalogue(_uow(), q or None, category or None, page=page)
    return render_template("registry/catalogue.html", found=found, q=q, category=category,
                           args={"q": q, "category": category})


@bp.route("/umkm/<string:umkm_id>/products/new", methods=["GET", "POST"])
@require_roles(REGISTRY_OFFICER)
def product_new(umkm_id: str):
    form = ProductForm()
    if form.is_submitted():
        if form.validate():
            try:
                products.add_product(_uow(), umkm_id, form.command(), current_staff(),
                                     photo=form.photo_bytes())
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


@bp.get("/katalog/foto/<string:product_id>")
def product_photo(product_id: str):
    """A product's photo: public when the catalogue shows the product, else for staff."""
    try:
        photo = photos.get_photo(_uow(), product_id, staff=current_staff() is not None)
    except DomainError:
        abort(404)
    response = make_response(photo["content"])
    response.headers["Content-Type"] = photo["mime"]
    response.set_etag(photo["etag"])
    response.last_modified = photo["updated_at"]
    # The address carries the photo's version (?v=), so browsers may keep it a long time.
    response.cache_control.max_age = 86400 * 30 if request.args.get("v") else 300
    response.cache_control.public = True
    return response.make_conditional(request)


@bp.post("/umkm/<string:umkm_id>/products/<string:product_id>/photo")
@require_roles(REGISTRY_OFFICER)
def product_photo_upload(umkm_id: str, product_id: str):
    form = PhotoForm()
    upload = form.photo.data
    try:
        photos.set_photo(_uow(), umkm_id, product_id,
                         upload.read() if upload and upload.filename else b"", current_staff())
    except DomainError as error:
        flash(next(iter(error.fields.values()), error.message) if error.fields
              else error.message, "error")
    else:
        flash(_("Foto produk disimpan."))
    return redirect(url_for("registry_web.umkm_detail", umkm_id=umkm_id))
