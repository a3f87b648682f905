"""Login and logout: one staff session for the four services."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.web.auth import current_staff, end_staff_session, start_staff_session
from services.kernel.web.safety import safe_next
from services.registry.usecases.staff import authenticate
from services.registry.web import bp
from services.registry.web.forms import LoginForm


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    next_url = safe_next(request.args.get("next"), url_for("registry_web.home"))
    if current_staff() and request.method == "GET":
        return redirect(next_url)
    if form.validate_on_submit():
        try:
            identity = authenticate(current_app.extensions["registry"].uow, form.email.data,
                                    form.password.data)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            start_staff_session(identity)
            flash(_("Selamat datang, %(name)s.", name=identity.name or identity.email))
            return redirect(next_url)
    return render_template("registry/login.html", form=form), 200 if not form.errors else 422


@bp.post("/logout")
def logout():
    end_staff_session()
    flash(_("Anda telah keluar."))
    return redirect(url_for("registry_web.login"))
