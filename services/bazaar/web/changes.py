"""Bazaar pages: edit a bazaar before it starts, cancel it with a reason."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.bazaar.usecases import bazaars, cancellation, editing
from services.bazaar.web import bazaar_service, bp
from services.bazaar.web.bazaars import render_detail
from services.bazaar.web.forms import BazaarEditForm, CancelForm
from services.kernel.errors import DomainError, InvalidInput
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_edit_errors, apply_errors


@bp.route("/bazaars/<string:bazaar_id>/edit", methods=["GET", "POST"])
@require_roles(BAZAAR_COORDINATOR)
def bazaar_edit(bazaar_id: str):
    uow = bazaar_service().uow
    if request.method == "POST":
        form, status = BazaarEditForm(), 422
        if form.validate():
            try:
                view = editing.edit_bazaar(uow, bazaar_id, form.command(), current_staff(),
                                           shown=form.shown.data)
            except DomainError as error:
                status = apply_edit_errors(form, error)
            else:
                flash(_("Bazar %(title)s diubah.", title=view["title"]))
                if view["stallholders_told"]:
                    flash(_("%(n)s pemegang lapak diberi tahu tentang waktu atau tempat yang "
                            "baru.", n=view["stallholders_told"]))
                return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
        bazaar = bazaars.get_bazaar(uow, bazaar_id)
        return render_template("bazaar/bazaar_edit.html", form=form, bazaar=bazaar), status
    bazaar = bazaars.get_bazaar(uow, bazaar_id)
    if not bazaar["editable"]:
        flash(_("Bazar ini tidak dapat diubah lagi."), "error")
        return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
    form = BazaarEditForm(formdata=None, data={**BazaarEditForm.initial(bazaar),
                                               "shown": editing.shown_values(bazaar)})
    return render_template("bazaar/bazaar_edit.html", form=form, bazaar=bazaar)


@bp.post("/bazaars/<string:bazaar_id>/cancel")
@require_roles(BAZAAR_COORDINATOR)
def bazaar_cancel(bazaar_id: str):
    form = CancelForm()
    if form.validate():
        try:
            result = cancellation.cancel_bazaar(bazaar_service().uow, bazaar_id,
                                                form.reason.data, current_staff())
        except InvalidInput as error:
            apply_errors(form, error)
        except DomainError as error:  # cancelled, closed or over meanwhile: said on top
            flash(error.message, "error")
            return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
        else:
            flash(_("Bazar dibatalkan; %(n)s pendaftar diberi tahu.",
                    n=result["applications_cancelled"]))
            return redirect(url_for("bazaar_web.bazaar_detail", bazaar_id=bazaar_id))
    return render_detail(bazaar_id, cancel_form=form, status=422)
