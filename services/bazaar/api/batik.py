"""/api/v1/batik: Friday local batik (Perwali): offices, craftspeople, orders, the report."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from services.bazaar.api import SECURITY, bazaar_service
from services.bazaar.api.schemas_batik import (
    BatikCancelIn,
    BatikCraftspersonArgs,
    BatikCraftspersonPage,
    BatikDeliveryCreate,
    BatikOffice,
    BatikOfficeArgs,
    BatikOfficeCreate,
    BatikOfficePage,
    BatikOfficeUpdate,
    BatikOrder,
    BatikOrderArgs,
    BatikOrderCreate,
    BatikOrderPage,
    BatikPurchaseReport,
    BatikReportArgs,
)
from services.bazaar.usecases import batik
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.api import ETAG, etag, if_match
from services.kernel.web.auth import current_staff, require_roles

blp = Blueprint("batik", __name__, url_prefix="/api/v1/batik",
                description="Friday local batik (Perwali): offices, local batik craftspeople, "
                            "orders and their fulfilment, and who buys how much.")


@blp.route("/offices")
class Offices(MethodView):
    @require_roles()
    @blp.arguments(BatikOfficeArgs, location="query")
    @blp.response(200, BatikOfficePage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """OPDs and vertical institutions."""
        return batik.list_offices(bazaar_service().uow, **args)

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BatikOfficeCreate)
    @blp.response(201, BatikOffice)
    @blp.alt_response(409, schema="Error", description="An office of that name exists")
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """An OPD, or a vertical institution with its circular letter."""
        return batik.create_office(bazaar_service().uow, data, current_staff())


@blp.route("/offices/<string:office_id>")
class OfficeItem(MethodView):
    @require_roles()
    @blp.response(200, BatikOffice, headers=ETAG)
    @blp.doc(security=SECURITY)
    def get(self, office_id: str):
        """An office. The ETag header names the version of its editable data: send it back in
        If-Match with a change."""
        view = batik.get_office(bazaar_service().uow, office_id)
        return view, etag(batik.office_version(view))

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BatikOfficeUpdate(partial=True))
    @blp.response(200, BatikOffice, headers=ETAG)
    @blp.alt_response(412, schema="Error",
                      description="If-Match was given and the data changed since it was read")
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY, parameters=[if_match("office")])
    def patch(self, data, office_id: str):
        """Change an office (only the fields given). With If-Match (the ETag of a GET),
        refused with 412 if someone changed it meanwhile."""
        view = batik.update_office(bazaar_service().uow, office_id, data,
                                   if_match=request.headers.get("If-Match"))
        return view, etag(batik.office_version(view))


@blp.route("/craftspeople")
class Craftspeople(MethodView):
    @require_roles()
    @blp.arguments(BatikCraftspersonArgs, location="query")
    @blp.response(200, BatikCraftspersonPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Local batik craftspeople: verified UMKM of the batik sector."""
        service = bazaar_service()
        return batik.list_craftspeople(service.uow, service.directory, **args)


@blp.route("/orders")
class Orders(MethodView):
    @require_roles()
    @blp.arguments(BatikOrderArgs, location="query")
    @blp.response(200, BatikOrderPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Orders, newest first."""
        return batik.list_orders(bazaar_service().uow, **args)

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BatikOrderCreate)
    @blp.response(201, BatikOrder)
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """An office orders batik from a local craftsperson (status `ordered`)."""
        service = bazaar_service()
        return batik.create_order(service.uow, service.directory, data, current_staff())


@blp.route("/orders/<string:order_id>")
class OrderView(MethodView):
    @require_roles()
    @blp.response(200, BatikOrder)
    @blp.doc(security=SECURITY)
    def get(self, order_id: str):
        return batik.get_order(bazaar_service().uow, order_id)


@blp.route("/orders/<string:order_id>/deliveries")
class Deliveries(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BatikDeliveryCreate)
    @blp.response(201, BatikOrder)
    @blp.alt_response(409, schema="Error", description="Delivered or cancelled already")
    @blp.alt_response(422, schema="Error", description="More than ordered, unknown item...")
    @blp.doc(security=SECURITY)
    def post(self, data, order_id: str):
        """Record a delivery: `partially_delivered`, or `delivered` once every item is in."""
        return batik.record_delivery(bazaar_service().uow, order_id, data, current_staff())


@blp.route("/orders/<string:order_id>/cancel")
class Cancel(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(BatikCancelIn)
    @blp.response(200, BatikOrder)
    @blp.alt_response(409, schema="Error", description="Delivered or cancelled already")
    @blp.doc(security=SECURITY)
    def post(self, data, order_id: str):
        """Cancel what has not come (what was delivered stays bought)."""
        return batik.cancel_order(bazaar_service().uow, order_id, data["reason"],
                                  current_staff())


@blp.route("/report")
class Report(MethodView):
    @require_roles()
    @blp.arguments(BatikReportArgs, location="query")
    @blp.response(200, BatikPurchaseReport)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Which offices buy local batik and how much, per office and month, and which active
        offices bought nothing in the year."""
        return batik.purchase_report(bazaar_service().uow, args["year"])
