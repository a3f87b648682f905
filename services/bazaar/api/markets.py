"""/api/v1/markets: recurring markets (Pasar Segar, Payungi), their days, roster and attendance."""

from __future__ import annotations

from datetime import date

from flask import request
from flask.views import MethodView
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from services.bazaar.api import SECURITY, bazaar_service
from services.bazaar.api.schemas_markets import (
    Market,
    MarketAttendanceIn,
    MarketCreate,
    MarketDay,
    MarketDayArgs,
    MarketDayPage,
    MarketExclusionCreate,
    MarketPage,
    MarketUpdate,
    MarketVendor,
    MarketVendorArgs,
    MarketVendorCreate,
    MarketVendorPage,
)
from services.bazaar.usecases import markets
from services.kernel.errors import InvalidInput
from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.web.api import ETAG, PageArgs, etag, if_match
from services.kernel.web.auth import current_staff, require_roles

blp = Blueprint("markets", __name__, url_prefix="/api/v1/markets",
                description="Recurring markets: a recurrence rule (RRULE), excluded dates, a "
                            "vendor roster taking turns, attendance per market day.")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput({"day": _l("Tanggal ditulis YYYY-MM-DD.")}) from None


@blp.route("")
class Markets(MethodView):
    @require_roles()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, MarketPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Markets by name, each with its next market days."""
        return markets.list_markets(bazaar_service().uow, page=args["page"],
                                    per_page=args["per_page"])

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(MarketCreate)
    @blp.response(201, Market)
    @blp.alt_response(409, schema="Error", description="A market of that name exists")
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """A recurring market, e.g. Payungi every Sunday 06:00-10:00 WIB."""
        return markets.create_market(bazaar_service().uow, data, current_staff())


@blp.route("/<string:market_id>")
class MarketItem(MethodView):
    @require_roles()
    @blp.response(200, Market, headers=ETAG)
    @blp.doc(security=SECURITY)
    def get(self, market_id: str):
        """A market. The ETag header names the version of its editable data: send it back in
        If-Match with a change."""
        view = markets.get_market(bazaar_service().uow, market_id)
        return view, etag(markets.market_version(view))

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(MarketUpdate(partial=True))
    @blp.response(200, Market, headers=ETAG)
    @blp.alt_response(412, schema="Error",
                      description="If-Match was given and the data changed since it was read")
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.doc(security=SECURITY, parameters=[if_match("market")])
    def patch(self, data, market_id: str):
        """Change any field; days and turns are recomputed (recorded attendance stays). With
        If-Match (the ETag of a GET), refused with 412 if someone changed it meanwhile."""
        view = markets.update_market(bazaar_service().uow, market_id, data, current_staff(),
                                     if_match=request.headers.get("If-Match"))
        return view, etag(markets.market_version(view))


@blp.route("/<string:market_id>/days")
class Days(MethodView):
    @require_roles()
    @blp.arguments(MarketDayArgs, location="query")
    @blp.response(200, MarketDayPage)
    @blp.doc(security=SECURITY)
    def get(self, args, market_id: str):
        """The next market days from `from` (computed from the rule; excluded ones marked),
        each with the vendors on duty, the queue after them and the attendance."""
        return markets.list_days(bazaar_service().uow, market_id, start=args["start"],
                                 count=args["count"])


@blp.route("/<string:market_id>/days/<string:day>")
class DayItem(MethodView):
    @require_roles()
    @blp.response(200, MarketDay)
    @blp.alt_response(404, schema="Error", description="Not a market day of the rule")
    @blp.alt_response(422, schema="Error", description="The day is not a YYYY-MM-DD date")
    @blp.doc(security=SECURITY)
    def get(self, market_id: str, day: str):
        return markets.get_day(bazaar_service().uow, market_id, _day(day))


@blp.route("/<string:market_id>/days/<string:day>/attendance/<string:umkm_id>")
class AttendanceItem(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(MarketAttendanceIn)
    @blp.response(200, MarketDay)
    @blp.alt_response(422, schema="Error", description="Not on duty that day, or a future day")
    @blp.doc(security=SECURITY)
    def put(self, data, market_id: str, day: str, umkm_id: str):
        """Present or absent, for a vendor on duty (on the day or after it)."""
        return markets.record_attendance(bazaar_service().uow, market_id, _day(day), umkm_id,
                                         data["present"], current_staff())


@blp.route("/<string:market_id>/exclusions")
class Exclusions(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(MarketExclusionCreate)
    @blp.response(201, Market)
    @blp.alt_response(409, schema="Error", description="Already excluded")
    @blp.alt_response(422, schema="Error", description="Not a market day, or in the past")
    @blp.doc(security=SECURITY)
    def post(self, data, market_id: str):
        """A market day not held (holiday, cancelled); the turns wait for the next day."""
        return markets.add_exclusion(bazaar_service().uow, market_id, data["date"],
                                     data["reason"], current_staff())


@blp.route("/<string:market_id>/exclusions/<string:day>")
class ExclusionItem(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, Market)
    @blp.alt_response(422, schema="Error", description="The day is not a YYYY-MM-DD date")
    @blp.doc(security=SECURITY)
    def delete(self, market_id: str, day: str):
        """The market is held on that day after all."""
        return markets.remove_exclusion(bazaar_service().uow, market_id, _day(day))


@blp.route("/<string:market_id>/vendors")
class Vendors(MethodView):
    @require_roles()
    @blp.arguments(MarketVendorArgs, location="query")
    @blp.response(200, MarketVendorPage)
    @blp.doc(security=SECURITY)
    def get(self, args, market_id: str):
        """The vendor roster, with the market days each attended and missed."""
        return markets.list_vendors(bazaar_service().uow, market_id,
                                    include_past=args["include_past"])

    @require_roles(BAZAAR_COORDINATOR)
    @blp.arguments(MarketVendorCreate)
    @blp.response(201, MarketVendor)
    @blp.alt_response(409, schema="Error", description="Already on the roster")
    @blp.alt_response(422, schema="Error", description="Unknown or unverified UMKM")
    @blp.doc(security=SECURITY)
    def post(self, data, market_id: str):
        """Put a verified UMKM on the roster; it joins the back of the queue."""
        service = bazaar_service()
        return markets.add_vendor(service.uow, service.directory, market_id, data["umkm_id"],
                                  current_staff(), joined_on=data["joined_on"])


@blp.route("/<string:market_id>/vendors/<string:umkm_id>")
class VendorItem(MethodView):
    @require_roles(BAZAAR_COORDINATOR)
    @blp.response(200, MarketVendor)
    @blp.doc(security=SECURITY)
    def delete(self, market_id: str, umkm_id: str):
        """Off the roster after today (past and today's turns stay)."""
        return markets.remove_vendor(bazaar_service().uow, market_id, umkm_id)
