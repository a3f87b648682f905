"""/api/v1/umkm: register, read, search and verify UMKM."""

from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.identity import ADMIN, REGISTRY_OFFICER
from services.kernel.web.api import ETAG, PageArgs, etag, if_match
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.errors import http_error
from services.registry.api.imports import download
from services.registry.api.schemas import (
    ActivityPage,
    DataChangePage,
    NikView,
    StatusReason,
    Umkm,
    UmkmCreate,
    UmkmDetail,
    UmkmFilterArgs,
    UmkmListArgs,
    UmkmPage,
    UmkmUpdate,
)
from services.registry.usecases import activity, editing, exports
from services.registry.usecases import umkm as usecases
from services.registry.usecases.registering import registration_problems

blp = Blueprint("umkm", __name__, url_prefix="/api/v1/umkm",
                description="UMKM: a business with its owner.")

SECURITY = [{"bearerAuth": []}]
# Argument schemas are given as instances: webargs would build (and deep-copy the fields of) a
# new schema from a class on every request.


def _uow():
    return current_app.extensions["registry"].uow


_CREATE, _UPDATE = UmkmCreate(), UmkmUpdate()


@blp.errorhandler(422)
def _every_problem_at_once(error):
    """A registration or a change with a value of the wrong type (a capital that is not a
    number) is told with the rules' problems of its other fields in the same 422, as on the
    registration and edit pages."""
    data, exc = getattr(error, "data", None) or {}, getattr(error, "exc", None)
    valid = getattr(exc, "valid_data", None)
    messages = data.get("messages")
    schema = data.get("schema")
    if schema in (_CREATE, _UPDATE) and isinstance(valid, dict) \
            and isinstance(messages, dict) and isinstance(messages.get("json"), dict):
        problems = (registration_problems(valid, uow=_uow()) if schema is _CREATE else
                    editing.edit_problems(_uow(), request.view_args["umkm_id"], valid))
        told = messages["json"]
        error.data = {**data, "messages": {**messages, "json": {
            **{name: [str(message)] for name, message in problems.items()}, **told}}}
    return http_error(error)


@blp.route("")
class UmkmCollection(MethodView):
    @require_roles()
    @blp.arguments(UmkmListArgs(), location="query")
    @blp.response(200, UmkmPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Search and filter, newest registration first. NIK is masked."""
        return usecases.search_umkm(_uow(), usecases.UmkmQuery(**args))

    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(_CREATE)
    @blp.response(201, Umkm)
    @blp.alt_response(409, schema="Error", description="Duplicate NIB or business")
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Register an UMKM (status `pending`, scale derived under PP 7/2021)."""
        return usecases.register_umkm(_uow(), data, current_staff())


@blp.route("/export.<any(csv, xlsx):kind>")
class UmkmExport(MethodView):
    @require_roles(*exports.EXPORTERS)
    @blp.arguments(UmkmFilterArgs(), location="query")
    @blp.response(200, description="The filtered list as CSV or XLSX")
    @blp.doc(security=SECURITY)
    def get(self, args, kind: str):
        """Every UMKM matching the filters, as a file (audited)."""
        content = exports.export_umkm(_uow(), usecases.UmkmQuery(**args), kind, current_staff())
        return download(content, kind, f"umkm.{kind}")


@blp.route("/<string:umkm_id>")
class UmkmItem(MethodView):
    @require_roles()
    @blp.response(200, UmkmDetail, headers=ETAG)
    @blp.doc(security=SECURITY)
    def get(self, umkm_id: str):
        """One UMKM with its status history. NIK is masked. The ETag header names the version
        of its editable data: send it back in If-Match with a change."""
        view = usecases.get_umkm(_uow(), umkm_id)
        return view, etag(editing.version(view))

    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(_UPDATE)
    @blp.response(200, Umkm, headers=ETAG)
    @blp.alt_response(409, schema="Error", description="The new NIB or name is taken")
    @blp.alt_response(412, schema="Error",
                      description="If-Match was given and the data changed since it was read")
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY, parameters=[if_match("UMKM")])
    def patch(self, data, umkm_id: str):
        """Change an UMKM's data: only the fields sent; publishes `umkm.updated` (audited).
        With If-Match (the ETag of a GET), refused with 412 if someone changed it meanwhile."""
        view = editing.update_umkm(_uow(), umkm_id, data, current_staff(),
                                   if_match=request.headers.get("If-Match"))
        return view, etag(editing.version(view))


@blp.route("/<string:umkm_id>/changes")
class UmkmChanges(MethodView):
    @require_roles()
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, DataChangePage)
    @blp.doc(security=SECURITY)
    def get(self, args, umkm_id: str):
        """What staff changed in the UMKM's data, newest first: each field before and after."""
        return usecases.data_changes(_uow(), umkm_id, args["page"], args["per_page"])


@blp.route("/<string:umkm_id>/activity")
class UmkmActivity(MethodView):
    @require_roles()
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, ActivityPage)
    @blp.doc(security=SECURITY)
    def get(self, args, umkm_id: str):
        """The UMKM's timeline, newest first: trainings, aid, visits, bazaar stalls (taken back,
        cancelled) and sales, retail listings (kept from the training and bazaar services'
        events)."""
        return activity.timeline(_uow(), umkm_id, args["page"], args["per_page"])


@blp.route("/<string:umkm_id>/verify")
class UmkmVerify(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.response(200, Umkm)
    @blp.alt_response(409, schema="Error", description="Already verified, or merged into another")
    @blp.doc(security=SECURITY)
    def post(self, umkm_id: str):
        """Mark an UMKM verified (publishes `umkm.verified`)."""
        return usecases.verify_umkm(_uow(), umkm_id, current_staff())


@blp.route("/<string:umkm_id>/reject")
class UmkmReject(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(StatusReason())
    @blp.response(200, Umkm)
    @blp.alt_response(409, schema="Error", description="Not pending")
    @blp.alt_response(422, schema="Error", description="Reason missing or too long")
    @blp.doc(security=SECURITY)
    def post(self, data, umkm_id: str):
        """Reject a pending registration, with a reason (publishes `umkm.rejected`)."""
        return usecases.change_status(_uow(), umkm_id, "reject", current_staff(), data["reason"])


@blp.route("/<string:umkm_id>/deactivate")
class UmkmDeactivate(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(StatusReason())
    @blp.response(200, Umkm)
    @blp.alt_response(409, schema="Error", description="Already inactive")
    @blp.doc(security=SECURITY)
    def post(self, data, umkm_id: str):
        """Deactivate (closed, moved away), optionally with a reason (`umkm.deactivated`)."""
        return usecases.change_status(_uow(), umkm_id, "deactivate", current_staff(),
                                      data["reason"])


@blp.route("/<string:umkm_id>/reactivate")
class UmkmReactivate(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.response(200, Umkm)
    @blp.alt_response(409, schema="Error", description="Not inactive")
    @blp.doc(security=SECURITY)
    def post(self, umkm_id: str):
        """Back to the status it had (verified or pending); publishes `umkm.updated`."""
        return usecases.change_status(_uow(), umkm_id, "reactivate", current_staff())


@blp.route("/<string:umkm_id>/nik")
class UmkmNik(MethodView):
    @require_roles(ADMIN, REGISTRY_OFFICER)
    @blp.response(200, NikView)
    @blp.doc(security=SECURITY)
    def get(self, umkm_id: str):
        """The owner's full NIK (audited)."""
        return usecases.reveal_nik(_uow(), umkm_id, current_staff())
