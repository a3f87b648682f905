"""/api/v1/bazaars: schedule bazaars, take applications, allocate stalls, check in."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from services.bazaar.api import SECURITY, bazaar_service
from services.bazaar.api.schemas import (
    Allocation,
    Application,
    ApplicationCreate,
    ApplicationPage,
    Attendance,
    Bazaar,
    BazaarCreate,
    BazaarListArgs,
    BazaarPage,
    BazaarUpdate,
    CancelIn,
    Cancelled,
    Closed,
    Edited,
    SalesIn,
    StallOverrideBody,
)
from services.bazaar.usecases import (
    applications,
    bazaars,
    cancellation,
    editing,
    overrides,
    sales,
)
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.api import ETAG, etag, if_match
from services.kernel.web.auth import current_staff, require_roles

blp = Blueprint("bazaars", __name__, url_prefix="/api/v1/bazaars",
                description="Bazaars at government events: stalls, applications, allocation.")


@blp.route("")
class Bazaars(MethodView):
    @require_roles()
    @blp.arguments(BazaarListArgs, location="query")
    @blp.response(200, BazaarPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Bazaars, latest start first."""
        return bazaars.list_bazaars(bazaar_service().uow, upcoming_only=args["upcoming"],
                                    page=args["page"], per_page=args["per_page"])

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BazaarCreate)
    @blp.response(201, Bazaar)
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Schedule a bazaar; `bazaar.scheduled` makes the notifier invite eligible UMKM."""
        return bazaars.schedule_bazaar(bazaar_service().uow, data, current_staff())


@blp.route("/<string:bazaar_id>")
class BazaarItem(MethodView):
    @require_roles()
    @blp.response(200, Bazaar, headers=ETAG)
    @blp.doc(security=SECURITY)
    def get(self, bazaar_id: str):
        """A bazaar. The ETag header names the version of its editable data: send it back in
        If-Match with a change."""
        view = bazaars.get_bazaar(bazaar_service().uow, bazaar_id)
        return view, etag(editing.version(view))

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BazaarUpdate)
    @blp.response(200, Edited, headers=ETAG)
    @blp.alt_response(409, schema="Error", description="Started, closed or cancelled")
    @blp.alt_response(412, schema="Error",
                      description="If-Match was given and the data changed since it was read")
    @blp.alt_response(422, schema="Error", description="One message per invalid field, e.g. "
                      "fewer stalls than are already allocated")
    @blp.doc(security=SECURITY, parameters=[if_match("bazaar")])
    def patch(self, data, bazaar_id: str):
        """Edit a bazaar before it starts (only the fields given).

        Allowed while it takes applications or has its stalls allocated. The stalls never
        drop below those already allocated and allocated stall numbers stay; a new time or
        place after the allocation is told to each stallholder (`bazaar.rescheduled`). With
        If-Match (the ETag of a GET), refused with 412 if someone changed it meanwhile.
        """
        view = editing.edit_bazaar(bazaar_service().uow, bazaar_id, data, current_staff(),
                                   if_match=request.headers.get("If-Match"))
        return view, etag(editing.version(view))


@blp.route("/<string:bazaar_id>/cancel")
class Cancel(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(CancelIn)
    @blp.response(200, Cancelled)
    @blp.alt_response(409, schema="Error", description="Already ended, closed or cancelled")
    @blp.alt_response(422, schema="Error", description="Reason missing, too short or too long")
    @blp.doc(security=SECURITY)
    def post(self, data, bazaar_id: str):
        """Cancel a bazaar with a reason.

        Allowed until it ends, while it takes applications or has its stalls allocated. Every
        application (the withdrawn ones apart) is cancelled with it and each applicant is
        told the reason (`bazaar.cancelled`, one event per application).
        """
        return cancellation.cancel_bazaar(bazaar_service().uow, bazaar_id, data["reason"],
                                          current_staff())


@blp.route("/<string:bazaar_id>/applications")
class Applications(MethodView):
    @require_roles()
    @blp.response(200, ApplicationPage)
    @blp.doc(security=SECURITY)
    def get(self, bazaar_id: str):
        """Applications in the order they came, with stalls and explanations once allocated."""
        return applications.list_applications(bazaar_service().uow, bazaar_id)

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(ApplicationCreate)
    @blp.response(201, Application)
    @blp.alt_response(409, schema="Error", description="Already applied, or closed")
    @blp.alt_response(422, schema="Error", description="Unknown, unverified or not eligible")
    @blp.doc(security=SECURITY)
    def post(self, data, bazaar_id: str):
        """Apply for a stall (staff often apply on an owner's behalf); one per UMKM."""
        service = bazaar_service()
        return applications.apply(service.uow, service.directory, bazaar_id, data["umkm_id"],
                                  current_staff())


@blp.route("/<string:bazaar_id>/applications/<string:application_id>/withdraw")
class Withdraw(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, Application)
    @blp.alt_response(409, schema="Error", description="No longer waiting: allocated or withdrawn")
    @blp.doc(security=SECURITY)
    def post(self, bazaar_id: str, application_id: str):
        return applications.withdraw(bazaar_service().uow, bazaar_id, application_id)


@blp.route("/<string:bazaar_id>/allocate")
class Allocate(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, Allocation)
    @blp.alt_response(409, schema="Error", description="Already allocated")
    @blp.doc(security=SECURITY)
    def post(self, bazaar_id: str):
        """Allocate every stall fairly (explained per decision); the rest are waitlisted."""
        return applications.allocate_stalls(bazaar_service().uow, bazaar_id, current_staff())


@blp.route("/<string:bazaar_id>/applications/<string:application_id>/stall")
class StallOverride(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(StallOverrideBody)
    @blp.response(200, Application)
    @blp.alt_response(409, schema="Error", description="Not allocated yet, or already started")
    @blp.alt_response(422, schema="Error", description="Unknown or taken stall, no reason")
    @blp.doc(security=SECURITY)
    def put(self, data, bazaar_id: str, application_id: str):
        """A coordinator's override: a free stall for this application (`stall_number`), or
        the stall taken back (`null`); the reason is kept beside the decision."""
        return overrides.override_stall(bazaar_service().uow, bazaar_id, application_id,
                                        data["stall_number"], data["reason"], current_staff())


@blp.route("/<string:bazaar_id>/applications/<string:application_id>/attendance")
class AttendanceView(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(Attendance)
    @blp.response(200, Application)
    @blp.alt_response(409, schema="Error", description="Not a stallholder")
    @blp.doc(security=SECURITY)
    def post(self, data, bazaar_id: str, application_id: str):
        """On the day: checked in, or a no-show."""
        return applications.record_attendance(bazaar_service().uow, bazaar_id, application_id,
                                              data["present"])


@blp.route("/<string:bazaar_id>/applications/<string:application_id>/sales")
class Sales(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(SalesIn)
    @blp.response(200, Application)
    @blp.alt_response(409, schema="Error", description="Not a stallholder, or bazaar closed")
    @blp.doc(security=SECURITY)
    def put(self, data, bazaar_id: str, application_id: str):
        """A stallholder's sales (correctable until the bazaar is closed)."""
        return sales.report_sales(bazaar_service().uow, bazaar_id, application_id,
                                  data["revenue_idr"], data["units_sold"],
                                  data["best_product"], current_staff())


@blp.route("/<string:bazaar_id>/close")
class Close(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, Closed)
    @blp.alt_response(409, schema="Error", description="Not allocated yet, or already closed")
    @blp.doc(security=SECURITY)
    def post(self, bazaar_id: str):
        """The bazaar is over (`bazaar.closed`); sales can no longer change."""
        return sales.close_bazaar(bazaar_service().uow, bazaar_id, current_staff())
