"""/api/v1/programs: schedule, read, staff and complete programmes; their outcomes."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.errors import InvalidInput
from services.kernel.identity import TRAINING_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.training.api import SECURITY, training
from services.training.api.schemas import (
    CompleteIn,
    Completion,
    Program,
    ProgramCreate,
    ProgramListArgs,
    ProgramPage,
    TrainerAssign,
)
from services.training.api.schemas_aid import Outcomes
from services.training.usecases import completion, outcomes, programs

blp = Blueprint("programs", __name__, url_prefix="/api/v1/programs",
                description="Training programmes with their sessions, aid package and plan.")


API_NAMES = {"eligible_sectors": "eligibility.sectors",
             "eligible_kecamatan": "eligibility.kecamatan"}


def plan_input(data: dict) -> dict:
    """The API's shape -> the domain's (eligibility flattened)."""
    data = dict(data)
    eligibility = data.pop("eligibility", None) or {}
    data["eligible_sectors"] = eligibility.get("sectors") or []
    data["eligible_kecamatan"] = eligibility.get("kecamatan") or []
    return data


@blp.route("")
class Programs(MethodView):
    @require_roles()
    @blp.arguments(ProgramListArgs, location="query")
    @blp.response(200, ProgramPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Programmes, latest start first."""
        return programs.list_programs(training().uow, programs.ProgramQuery(**args))

    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(ProgramCreate)
    @blp.response(201, Program)
    @blp.alt_response(422, schema="Error", description="One message per invalid field")
    @blp.alt_response(409, schema="Error", description="A trainer is booked at that time")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """Schedule a programme (publishes `training.scheduled`)."""
        try:
            return programs.create_program(training().uow, plan_input(data), current_staff())
        except InvalidInput as error:  # name the fields as this API's body does
            error.fields = {API_NAMES.get(k, k): v for k, v in error.fields.items()}
            raise


@blp.route("/<string:program_id>")
class ProgramItem(MethodView):
    @require_roles()
    @blp.response(200, Program)
    @blp.doc(security=SECURITY)
    def get(self, program_id: str):
        """One programme with its sessions, trainers and aid package."""
        return programs.get_program(training().uow, program_id)


@blp.route("/<string:program_id>/trainers")
class ProgramTrainers(MethodView):
    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(TrainerAssign)
    @blp.response(200, Program)
    @blp.alt_response(409, schema="Error", description="The trainer is booked at that time")
    @blp.doc(security=SECURITY)
    def post(self, data, program_id: str):
        """Book a trainer for the programme's sessions."""
        return programs.assign_trainer(training().uow, program_id, data["trainer_id"])


@blp.route("/<string:program_id>/complete")
class ProgramComplete(MethodView):
    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(CompleteIn)
    @blp.response(200, Completion)
    @blp.alt_response(409, schema="Error", description="Already completed or cancelled")
    @blp.doc(security=SECURITY)
    def post(self, data, program_id: str):
        """Complete: every participant passes unless `results` or the attendance rule says
        otherwise; `training.participant_completed` for each who passed."""
        return completion.complete_program(training().uow, program_id, data["results"],
                                           current_staff())


@blp.route("/<string:program_id>/outcomes")
class ProgramOutcomes(MethodView):
    @require_roles()
    @blp.response(200, Outcomes)
    @blp.doc(security=SECURITY)
    def get(self, program_id: str):
        """Participants, completion rate, share producing at each visit, sales, aid value."""
        return outcomes.outcomes(training().uow, program_id)
