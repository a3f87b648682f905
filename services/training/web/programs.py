"""Programme pages: list, create, detail (sessions, participants, waitlist, stock), complete,
outcomes."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import TRAINING_COORDINATOR
from services.kernel.reference import SECTORS
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.training.models import NOT_PASSED, PASSED, SCHEDULED
from services.training.usecases import aid, completion, enrollment, outcomes, programs, trainers
from services.training.usecases.visits import due_by_week
from services.training.web import bp, training
from services.training.web.forms import CompleteForm, ProgramForm

STATUSES = ("scheduled", "completed", "cancelled")


def can_manage() -> bool:
    return current_staff().has_any(TRAINING_COORDINATOR)


@bp.get("/programs")
@require_roles()
def program_list():
    args = {"q": (request.args.get("q") or "").strip(), "status": request.args.get("status") or ""}
    if args["status"] not in STATUSES:
        args["status"] = ""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = programs.list_programs(training().uow, programs.ProgramQuery(
        q=args["q"] or None, status=args["status"] or None, page=page, per_page=25))
    return render_template("training/programs.html", result=result, args=args,
                           statuses=STATUSES, can_manage=can_manage())


@bp.route("/programs/new", methods=["GET", "POST"])
@require_roles(TRAINING_COORDINATOR)
def program_new():
    people = trainers.list_trainers(training().uow, per_page=200)["items"]
    form = ProgramForm(trainers=people)
    if request.method == "POST":
        command = form.command() if form.validate() else None
        if command is not None:
            try:
                view = programs.create_program(training().uow, command, current_staff())
            except DomainError as error:
                _apply(form, error)
            else:
                flash(_("Program %(title)s dijadwalkan.", title=view["title"]))
                return redirect(url_for("training_web.program_detail", program_id=view["id"]))
        return render_template("training/program_new.html", form=form), 422
    return render_template("training/program_new.html", form=form)


def _apply(form: ProgramForm, error: DomainError) -> None:
    """Per-field messages beside the fields, the aid rows (aid_package.0.quantity) included."""
    rest = {}
    for key, message in error.fields.items():
        parts = key.split(".")
        if parts[0] == "aid_package" and len(parts) == 3 and parts[1].isdigit() \
                and int(parts[1]) < len(form.aid_package.entries):
            target = form.aid_package.entries[int(parts[1])][parts[2]]
            target.errors = [*list(target.errors or []), str(message)]
        else:
            rest["sessions" if parts[0] == "sessions" else key] = message
    error.fields = rest
    if rest or not error.fields:
        apply_errors(form, error)


@bp.get("/programs/<string:program_id>")
@require_roles()
def program_detail(program_id: str):
    uow = training().uow
    program = programs.get_program(uow, program_id)
    people = enrollment.list_enrollments(uow, program_id)["items"]
    handovers = {h["enrollment_id"]: h for h in aid.list_handovers(uow, program_id)}
    stock = {i["id"]: i["stock"] for i in aid.list_aid_items(uow)["items"]}
    return render_template(
        "training/program_detail.html", program=program, handovers=handovers, stock=stock,
        participants=[p for p in people if p["status"] == "enrolled"],
        waitlist=[p for p in people if p["status"] == "waitlisted"],
        cancelled=[p for p in people if p["status"] == "cancelled"],
        sectors=SECTORS, can_manage=can_manage(), open=program["status"] == SCHEDULED)


@bp.route("/programs/<string:program_id>/complete", methods=["GET", "POST"])
@require_roles(TRAINING_COORDINATOR)
def program_complete(program_id: str):
    uow = training().uow
    program = programs.get_program(uow, program_id)
    people = [p for p in enrollment.list_enrollments(uow, program_id)["items"]
              if p["status"] == "enrolled"]
    form = CompleteForm()
    if request.method == "GET":
        for person in people:
            form.rows.append_entry({"umkm_id": person["umkm_id"], "decision": "auto"})
    names = {p["umkm_id"]: p for p in people}
    if request.method == "POST" and form.validate():
        decided = [row for row in form.rows if row.decision.data in (PASSED, NOT_PASSED)]
        results = [{"umkm_id": row.umkm_id.data, "passed": row.decision.data == PASSED,
                    "reason": row.reason.data} for row in decided]
        try:
            done = completion.complete_program(uow, program_id, results, current_staff())
        except DomainError as error:
            _apply_rows(form, decided, error)
        else:
            flash(_("Program selesai: %(p)s lulus, %(n)s tidak lulus. Kunjungan pendampingan "
                    "dijadwalkan untuk yang lulus.", p=done["passed"], n=done["not_passed"]))
            return redirect(url_for("training_web.program_detail", program_id=program_id))
    status = 422 if request.method == "POST" else 200
    return render_template("training/complete.html", program=program, form=form,
                           names=names), status


def _apply_rows(form: CompleteForm, decided: list, error: DomainError) -> None:
    """A result's message beside its row ('results.0.reason': the first row decided)."""
    rest = {}
    for key, message in error.fields.items():
        parts = key.split(".")
        if parts[0] == "results" and parts[-1] == "reason" and parts[1].isdigit() \
                and int(parts[1]) < len(decided):
            target = decided[int(parts[1])].reason
            target.errors = [*target.errors, str(message)]
        else:
            rest[key] = message
    error.fields = rest
    apply_errors(form, error)


def _outcomes_page(result: dict, due):
    producing = [(_("hari ke-%(d)s", d=v["offset_days"]), v["share_producing"] or 0)
                 for v in result["producing_by_visit"]]
    passed = [(p["title"], p["passed"]) for p in result["programs"]]
    return render_template("training/outcomes.html", result=result, due=due,
                           producing=producing, passed=passed)


@bp.get("/outcomes")
@require_roles()
def outcomes_overall():
    return _outcomes_page(outcomes.outcomes(training().uow), due_by_week(training().uow))


@bp.get("/programs/<string:program_id>/outcomes")
@require_roles()
def outcomes_program(program_id: str):
    return _outcomes_page(outcomes.outcomes(training().uow, program_id), None)
