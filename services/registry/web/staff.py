"""Staff accounts page for admins, and the own-password page for everyone."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import ADMIN
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_edit_errors, apply_errors
from services.registry.usecases import staff as staff_usecases
from services.registry.usecases import staff_admin, tokens
from services.registry.web import bp
from services.registry.web.forms import (
    OwnPasswordForm,
    PasswordResetForm,
    StaffEditForm,
    StaffForm,
)


def _uow():
    return current_app.extensions["registry"].uow


@bp.route("/staff", methods=["GET", "POST"])
@require_roles(ADMIN)
def staff_list():
    form = StaffForm()
    status = 200
    if form.is_submitted():
        if form.validate():
            try:
                created = staff_usecases.create_staff(
                    _uow(), form.email.data, form.name.data, form.password.data,
                    form.roles.data or [], current_staff(), phone=form.phone.data or None,
                    kecamatan=form.kecamatan.data or [])
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("Akun %(email)s dibuat.", email=created.email))
                return redirect(url_for("registry_web.staff_list"))
        status = 422
    return render_template("registry/staff.html", accounts=staff_admin.list_accounts(_uow()),
                           form=form), status


def _edit_page(staff_id: str, edit=None, reset=None, status: int = 200):
    account = staff_admin.get_account(_uow(), staff_id)
    edit = edit or StaffEditForm(data={"roles": account["roles"],
                                       "kecamatan": account["kecamatan"],
                                       "active": account["active"],
                                       "shown": staff_admin.access_of(account)})
    return render_template("registry/staff_edit.html", account=account, edit=edit,
                           reset=reset or PasswordResetForm(formdata=None),
                           tokens=tokens.list_tokens(_uow(), current_staff(), staff_id),
                           back=f"staff:{staff_id}"), status


@bp.get("/staff/<string:staff_id>")
@require_roles(ADMIN)
def staff_edit(staff_id: str):
    return _edit_page(staff_id)


@bp.post("/staff/<string:staff_id>")
@require_roles(ADMIN)
def staff_update(staff_id: str):
    form, status = StaffEditForm(), 422
    if form.validate():
        try:
            staff_admin.update_account(_uow(), staff_id, roles=form.roles.data or [],
                                       kecamatan=form.kecamatan.data or [],
                                       active=form.active.data, actor=current_staff(),
                                       shown=form.shown.data)
        except DomainError as error:
            status = apply_edit_errors(form, error)
        else:
            flash(_("Akun diperbarui."))
            return redirect(url_for("registry_web.staff_edit", staff_id=staff_id))
    return _edit_page(staff_id, edit=form, status=status)


@bp.post("/staff/<string:staff_id>/password")
@require_roles(ADMIN)
def staff_reset(staff_id: str):
    form = PasswordResetForm()
    if form.validate():
        try:
            staff_admin.reset_password(_uow(), staff_id, form.password.data, current_staff())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Kata sandi baru disimpan; kunci akun dibuka."))
            return redirect(url_for("registry_web.staff_edit", staff_id=staff_id))
    return _edit_page(staff_id, reset=form, status=422)


@bp.route("/account/password", methods=["GET", "POST"])
@require_roles()
def own_password():
    form = OwnPasswordForm()
    if form.is_submitted():
        if form.validate():
            try:
                staff_admin.change_own_password(_uow(), current_staff(),
                                                form.current_password.data,
                                                form.new_password.data)
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("Kata sandi Anda sudah diganti."))
                return redirect(url_for("registry_web.home"))
        return render_template("registry/own_password.html", form=form), 422
    return render_template("registry/own_password.html", form=form)
