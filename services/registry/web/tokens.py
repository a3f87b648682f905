"""The personal API tokens page: make one (shown once), see them, revoke."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.registry.usecases import tokens
from services.registry.web import bp
from services.registry.web.forms import TokenForm


def _uow():
    return current_app.extensions["registry"].uow


def _page(form: TokenForm, created: dict | None = None, status: int = 200):
    return render_template("registry/tokens.html", form=form, created=created,
                           tokens=tokens.list_tokens(_uow(), current_staff())), status


@bp.get("/akun/token")
@require_roles()
def own_tokens():
    return _page(TokenForm(formdata=None, data={"days": str(tokens.DEFAULT_DAYS)}))


@bp.post("/akun/token")
@require_roles()
def token_create():
    form = TokenForm()
    if form.validate():
        try:
            created = tokens.create_token(_uow(), current_staff(), form.name.data,
                                          form.days_value())
        except DomainError as error:
            apply_errors(form, error)
        else:
            # Shown in this answer only (never put in the session or a redirect).
            return _page(TokenForm(formdata=None, data={"days": str(tokens.DEFAULT_DAYS)}),
                         created, 201)
    return _page(form, status=422)


@bp.post("/akun/token/<string:token_id>/cabut")
@require_roles()
def token_revoke(token_id: str):
    try:
        revoked = tokens.revoke_token(_uow(), current_staff(), token_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Token \"%(name)s\" dicabut.", name=revoked["name"]))
    back = request.form.get("back")
    if back and back.startswith("staff:"):
        return redirect(url_for("registry_web.staff_edit", staff_id=back[6:]))
    return redirect(url_for("registry_web.own_tokens"))
