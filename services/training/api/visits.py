"""/api/v1/visits: follow-up visits, their reports and reschedules; /api/v1/outcomes."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.identity import FIELD_OFFICER, TRAINING_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.training.api import SECURITY, training
from services.training.api.schemas import (
    ReportIn,
    RescheduleIn,
    VisitArgs,
    VisitDetail,
    VisitPage,
)
from services.training.api.schemas_aid import Outcomes
from services.training.usecases import outcomes, reports, visits

blp = Blueprint("visits", __name__, url_prefix="/api/v1",
                description="Follow-up visits scheduled when a participant passes.")


@blp.route("/visits")
class Visits(MethodView):
    @require_roles()
    @blp.arguments(VisitArgs, location="query")
    @blp.response(200, VisitPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """One item per scheduled visit, earliest due first."""
        return visits.list_visits(training().uow, visits.VisitQuery(**args))


@blp.route("/visits/<string:visit_id>")
class VisitItem(MethodView):
    @require_roles()
    @blp.response(200, VisitDetail)
    @blp.doc(security=SECURITY)
    def get(self, visit_id: str):
        return visits.get_visit(training().uow, visit_id)


@blp.route("/visits/<string:visit_id>/report")
class VisitReport(MethodView):
    @require_roles(FIELD_OFFICER, TRAINING_COORDINATOR)
    @blp.arguments(ReportIn)
    @blp.response(200, VisitDetail)
    @blp.alt_response(409, schema="Error", description="The report is already filed")
    @blp.doc(security=SECURITY)
    def post(self, data, visit_id: str):
        """File the visit report (publishes `visit.completed`)."""
        t = training()
        return reports.file_report(t.uow, visit_id, data, [], t.upload_dir, t.upload_max_bytes,
                                   current_staff())


@blp.route("/visits/<string:visit_id>/reschedule")
class VisitReschedule(MethodView):
    @require_roles(FIELD_OFFICER, TRAINING_COORDINATOR)
    @blp.arguments(RescheduleIn)
    @blp.response(200, VisitDetail)
    @blp.alt_response(409, schema="Error", description="The visit is already done")
    @blp.doc(security=SECURITY)
    def post(self, data, visit_id: str):
        """Move the visit to another day, with a reason."""
        return visits.reschedule_visit(training().uow, visit_id, data["due_on"], data["reason"],
                                       current_staff())


@blp.route("/outcomes")
class AllOutcomes(MethodView):
    @require_roles()
    @blp.response(200, Outcomes)
    @blp.doc(security=SECURITY)
    def get(self):
        """Every programme together, and one line per programme."""
        return outcomes.outcomes(training().uow)
