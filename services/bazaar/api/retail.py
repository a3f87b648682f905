"""/api/v1/retail: retail partners, their outlets and MoUs, product placements with the
readiness checklist, monthly sales and the totals per partner."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from services.bazaar.api import SECURITY, bazaar_service
from services.bazaar.api.schemas_retail import (
    RetailChecklistIn,
    RetailMou,
    RetailMouIn,
    RetailOutlet,
    RetailOutletCreate,
    RetailOutletsIn,
    RetailPartnerCreate,
    RetailPartnerDetail,
    RetailPartnerListArgs,
    RetailPartnerMonthly,
    RetailPartnerPage,
    RetailPartnerUpdate,
    RetailPlacementCreate,
    RetailPlacementDetail,
    RetailPlacementListArgs,
    RetailPlacementPage,
    RetailSales,
    RetailSalesIn,
    RetailStatusIn,
    RetailTotals,
    RetailYearArgs,
)
from services.bazaar.usecases import (
    retail_outlets,
    retail_partners,
    retail_placements,
    retail_sales,
)
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.api import ETAG, etag, if_match
from services.kernel.web.auth import current_staff, require_roles

blp = Blueprint("retail", __name__, url_prefix="/api/v1/retail",
                description="Retail partners (MoUs, outlets) and UMKM product placements.")

INVALID = "One message per invalid field"
STALE = "If-Match was given and the data changed since it was read"


@blp.route("/partners")
class Partners(MethodView):
    @require_roles()
    @blp.arguments(RetailPartnerListArgs, location="query")
    @blp.response(200, RetailPartnerPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Partners by name, each with its MoU in force and placements per status."""
        return retail_partners.list_partners(bazaar_service().uow, q=args.get("q"),
                                             page=args["page"], per_page=args["per_page"])

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailPartnerCreate)
    @blp.response(201, RetailPartnerDetail)
    @blp.alt_response(409, schema="Error", description="A partner of that name exists")
    @blp.alt_response(422, schema="Error", description=INVALID)
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Add a partner beside the reference list (Alfamart, Alfamidi, Indomaret, ...)."""
        return retail_partners.add_partner(bazaar_service().uow, data, current_staff())


@blp.route("/partners/<string:partner_id>")
class PartnerItem(MethodView):
    @require_roles()
    @blp.response(200, RetailPartnerDetail, headers=ETAG)
    @blp.doc(security=SECURITY)
    def get(self, partner_id: str):
        """A partner with its outlets, MoUs and placements. The ETag header names the version
        of its own editable data (name, note, active): send it back in If-Match with a
        change."""
        view = retail_partners.get_partner(bazaar_service().uow, partner_id)
        return view, etag(retail_partners.partner_version(view))

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailPartnerUpdate)
    @blp.response(200, RetailPartnerDetail, headers=ETAG)
    @blp.alt_response(409, schema="Error", description="A partner of that name exists")
    @blp.alt_response(412, schema="Error", description=STALE)
    @blp.alt_response(422, schema="Error", description=INVALID)
    @blp.doc(security=SECURITY, parameters=[if_match("partner")])
    def patch(self, data, partner_id: str):
        """Rename a partner, change its note, or mark it (in)active. With If-Match (the ETag
        of a GET), refused with 412 if someone changed it meanwhile."""
        view = retail_partners.update_partner(bazaar_service().uow, partner_id, data,
                                              current_staff(),
                                              if_match=request.headers.get("If-Match"))
        return view, etag(retail_partners.partner_version(view))


@blp.route("/partners/<string:partner_id>/outlets")
class Outlets(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailOutletCreate)
    @blp.response(201, RetailOutlet)
    @blp.alt_response(409, schema="Error", description="An outlet of that name exists")
    @blp.alt_response(422, schema="Error", description=INVALID)
    @blp.doc(security=SECURITY)
    def post(self, data, partner_id: str):
        return retail_outlets.add_outlet(bazaar_service().uow, partner_id, data,
                                         current_staff())


@blp.route("/partners/<string:partner_id>/outlets/<string:outlet_id>/close")
class OutletClose(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, RetailOutlet)
    @blp.alt_response(404, schema="Error", description="No such partner or outlet")
    @blp.alt_response(409, schema="Error", description=(
        "Already closed, or the only outlet of a listed product (the message names them)"))
    @blp.doc(security=SECURITY)
    def post(self, partner_id: str, outlet_id: str):
        """Close an outlet: it leaves every placement that carries it and can be chosen no
        more; kept on record."""
        return retail_outlets.close_outlet(bazaar_service().uow, partner_id, outlet_id,
                                           current_staff())


@blp.route("/partners/<string:partner_id>/outlets/<string:outlet_id>/reopen")
class OutletReopen(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, RetailOutlet)
    @blp.alt_response(404, schema="Error", description="No such partner or outlet")
    @blp.alt_response(409, schema="Error", description="The outlet is open")
    @blp.doc(security=SECURITY)
    def post(self, partner_id: str, outlet_id: str):
        """Open a closed outlet again."""
        return retail_outlets.reopen_outlet(bazaar_service().uow, partner_id, outlet_id,
                                            current_staff())


@blp.route("/partners/<string:partner_id>/mous")
class Mous(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailMouIn)
    @blp.response(201, RetailMou)
    @blp.alt_response(409, schema="Error", description="That MoU number is recorded")
    @blp.alt_response(422, schema="Error", description=INVALID)
    @blp.doc(security=SECURITY)
    def post(self, data, partner_id: str):
        """Record an MoU (a renewal is a new MoU); the expiry date comes after the signing."""
        return retail_partners.add_mou(bazaar_service().uow, partner_id, data,
                                       current_staff())


@blp.route("/partners/<string:partner_id>/mous/<string:mou_id>")
class MouItem(MethodView):
    @require_roles()
    @blp.response(200, RetailMou, headers=ETAG)
    @blp.alt_response(404, schema="Error", description="No such partner or MoU")
    @blp.doc(security=SECURITY)
    def get(self, partner_id: str, mou_id: str):
        """An MoU. The ETag header names the version of its editable data: send it back in
        If-Match with a correction."""
        view = retail_partners.get_mou(bazaar_service().uow, partner_id, mou_id)
        return view, etag(retail_partners.mou_version(view))

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailMouIn)
    @blp.response(200, RetailMou, headers=ETAG)
    @blp.alt_response(412, schema="Error", description=STALE)
    @blp.alt_response(422, schema="Error", description=INVALID)
    @blp.doc(security=SECURITY, parameters=[if_match("MoU")])
    def put(self, data, partner_id: str, mou_id: str):
        """Correct an MoU. With If-Match (the ETag of a GET), refused with 412 if someone
        changed it meanwhile."""
        view = retail_partners.update_mou(bazaar_service().uow, partner_id, mou_id, data,
                                          current_staff(),
                                          if_match=request.headers.get("If-Match"))
        return view, etag(retail_partners.mou_version(view))


@blp.route("/partners/<string:partner_id>/sales")
class PartnerSales(MethodView):
    @require_roles()
    @blp.arguments(RetailYearArgs, location="query")
    @blp.response(200, RetailPartnerMonthly)
    @blp.doc(security=SECURITY)
    def get(self, args, partner_id: str):
        """The partner's sales month by month, every placement together."""
        return retail_sales.partner_monthly(bazaar_service().uow, partner_id, args.get("year"))


@blp.route("/sales/totals")
class Totals(MethodView):
    @require_roles()
    @blp.arguments(RetailYearArgs, location="query")
    @blp.response(200, RetailTotals)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Units and revenue per partner, the best-selling first."""
        return retail_sales.partner_totals(bazaar_service().uow, args.get("year"))


@blp.route("/placements")
class Placements(MethodView):
    @require_roles()
    @blp.arguments(RetailPlacementListArgs, location="query")
    @blp.response(200, RetailPlacementPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Placements, the latest status change first."""
        return retail_placements.list_placements(
            bazaar_service().uow, partner_id=args.get("partner_id"),
            umkm_id=args.get("umkm_id"), status=args.get("status"), page=args["page"],
            per_page=args["per_page"])

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailPlacementCreate)
    @blp.response(201, RetailPlacementDetail)
    @blp.alt_response(409, schema="Error", description="Already proposed to this partner")
    @blp.alt_response(422, schema="Error", description="Unknown or unverified UMKM, bad fields")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Propose a verified UMKM's product to a partner (status `proposed`)."""
        service = bazaar_service()
        return retail_placements.propose(service.uow, service.directory, data, current_staff())


@blp.route("/placements/<string:placement_id>")
class PlacementItem(MethodView):
    @require_roles()
    @blp.response(200, RetailPlacementDetail)
    @blp.doc(security=SECURITY)
    def get(self, placement_id: str):
        """A placement with its checklist, history, sales and what still blocks listing."""
        service = bazaar_service()
        return retail_placements.get_placement(service.uow, service.directory, placement_id)


@blp.route("/placements/<string:placement_id>/outlets")
class PlacementOutlets(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailOutletsIn)
    @blp.response(200, RetailPlacementDetail)
    @blp.alt_response(422, schema="Error", description="Outlets of another partner")
    @blp.doc(security=SECURITY)
    def put(self, data, placement_id: str):
        """Which of the partner's outlets carry the product."""
        service = bazaar_service()
        return retail_placements.set_outlets(service.uow, service.directory, placement_id,
                                             data["outlet_ids"], current_staff())


@blp.route("/placements/<string:placement_id>/checklist/<string:item>")
class Checklist(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailChecklistIn)
    @blp.response(200, RetailPlacementDetail)
    @blp.alt_response(409, schema="Error", description="Unticking an item of a listed product")
    @blp.alt_response(422, schema="Error", description="A checked item needs its number")
    @blp.doc(security=SECURITY)
    def put(self, data, placement_id: str, item: str):
        """Tick, untick or mark as not applying a readiness item: pirt, halal, bpom, barcode,
        packaging."""
        service = bazaar_service()
        return retail_placements.check_item(service.uow, service.directory, placement_id,
                                            item, data["checked"], data["note"],
                                            current_staff(), data["not_applicable"])


@blp.route("/placements/<string:placement_id>/status")
class Status(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailStatusIn)
    @blp.response(200, RetailPlacementDetail)
    @blp.alt_response(409, schema="Error", description=(
        "Not allowed from the current status, or listing blocked: the error names the missing "
        "readiness items (`missing`), a missing MoU, outlet or verification"))
    @blp.doc(security=SECURITY)
    def post(self, data, placement_id: str):
        """proposed -> curated -> listed -> delisted; listing publishes
        `retail.product_listed`."""
        service = bazaar_service()
        return retail_placements.change_status(service.uow, service.directory, placement_id,
                                               data["status"], data["note"], current_staff())


@blp.route("/placements/<string:placement_id>/sales")
class PlacementSales(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(RetailSalesIn)
    @blp.response(200, RetailSales)
    @blp.alt_response(422, schema="Error", description=INVALID)
    @blp.doc(security=SECURITY)
    def put(self, data, placement_id: str):
        """A month's units and revenue (entering a month again corrects it)."""
        return retail_sales.record_sales(bazaar_service().uow, placement_id, data,
                                         current_staff())
