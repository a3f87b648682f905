"""/api/v1/staff: staff accounts (admins), and /api/v1/me/password for everyone."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, fields, validate

from services.kernel.identity import ADMIN, ROLES
from services.kernel.web.auth import current_staff, require_roles
from services.registry.usecases import staff as staff_usecases
from services.registry.usecases import staff_admin
from services.registry.usecases.staff import MIN_PASSWORD_LENGTH

blp = Blueprint("staff", __name__, url_prefix="/api/v1",
                description="Staff accounts, roles and passwords.")
SECURITY = [{"bearerAuth": []}]


class StaffCreate(Schema):
    class Meta:
        unknown = RAISE

    email = fields.Email(required=True)
    name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    password = fields.String(required=True, load_only=True, validate=validate.Length(
        min=MIN_PASSWORD_LENGTH, error=_l("Kata sandi minimal %(n)s karakter.",
                                          n=MIN_PASSWORD_LENGTH)))
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True)
    phone = fields.String(load_default=None, allow_none=True)
    kecamatan = fields.List(fields.String(), load_default=list)


class StaffUpdate(Schema):
    class Meta:
        unknown = RAISE

    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True)
    kecamatan = fields.List(fields.String(), load_default=list)
    active = fields.Boolean(required=True)


class PasswordReset(Schema):
    class Meta:
        unknown = RAISE

    password = fields.String(required=True, load_only=True)


class PasswordChange(Schema):
    class Meta:
        unknown = RAISE

    current_password = fields.String(required=True, load_only=True)
    new_password = fields.String(required=True, load_only=True)


class Staff(Schema):
    id = fields.String()
    email = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    kecamatan = fields.List(fields.String())
    phone = fields.String(allow_none=True)
    active = fields.Boolean()
    locked_until = fields.DateTime(allow_none=True)
    last_login_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class StaffList(Schema):
    items = fields.List(fields.Nested(Staff))
    total = fields.Integer()
    page = fields.Integer()


def _uow():
    return current_app.extensions["registry"].uow


@blp.route("/staff")
class StaffCollection(MethodView):
    @require_roles(ADMIN)
    @blp.response(200, StaffList)
    @blp.doc(security=SECURITY)
    def get(self):
        items = staff_admin.list_accounts(_uow())
        return {"items": items, "total": len(items), "page": 1}

    @require_roles(ADMIN)
    @blp.arguments(StaffCreate)
    @blp.response(201, Staff)
    @blp.alt_response(409, schema="Error", description="Email already used")
    @blp.doc(security=SECURITY)
    def post(self, data):
        created = staff_usecases.create_staff(
            _uow(), data["email"], data["name"], data["password"], data["roles"],
            current_staff(), phone=data["phone"], kecamatan=data["kecamatan"])
        return staff_admin.get_account(_uow(), created.id)


@blp.route("/staff/<string:staff_id>")
class StaffItem(MethodView):
    @require_roles(ADMIN)
    @blp.arguments(StaffUpdate)
    @blp.response(200, Staff)
    @blp.doc(security=SECURITY)
    def patch(self, data, staff_id: str):
        """Roles, kecamatan covered, active."""
        return staff_admin.update_account(_uow(), staff_id, actor=current_staff(), **data)


@blp.route("/staff/<string:staff_id>/password")
class StaffPassword(MethodView):
    @require_roles(ADMIN)
    @blp.arguments(PasswordReset)
    @blp.response(200, Staff)
    @blp.doc(security=SECURITY)
    def post(self, data, staff_id: str):
        """Set a new password (also lifts a lock-out)."""
        return staff_admin.reset_password(_uow(), staff_id, data["password"], current_staff())


@blp.route("/me/password")
class OwnPassword(MethodView):
    @require_roles()
    @blp.arguments(PasswordChange)
    @blp.response(204)
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Change your own password (the current one is asked)."""
        staff_admin.change_own_password(_uow(), current_staff(), data["current_password"],
                                        data["new_password"])
