"""/api/v1/aid-items (inventory), handovers with their BAST PDF and signed scan, trainers."""

from __future__ import annotations

from flask import Response, request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.identity import TRAINING_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.training.adapters.bast import render_bast
from services.training.api import SECURITY, training
from services.training.api.schemas_aid import (
    AidItem,
    AidItemIn,
    AidItemPage,
    Handover,
    HandoverIn,
    StockIn,
    Trainer,
    TrainerIn,
    TrainerListArgs,
    TrainerPage,
)
from services.training.usecases import aid, trainers

blp = Blueprint("aid", __name__, url_prefix="/api/v1",
                description="Aid inventory, handovers (BAST) and trainers.")


@blp.route("/aid-items")
class AidItems(MethodView):
    @require_roles()
    @blp.response(200, AidItemPage)
    @blp.doc(security=SECURITY)
    def get(self):
        """The inventory with its stock."""
        return aid.list_aid_items(training().uow)

    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(AidItemIn)
    @blp.response(201, AidItem)
    @blp.alt_response(409, schema="Error", description="An item of that name is in the inventory")
    @blp.doc(security=SECURITY)
    def post(self, data):
        return aid.create_aid_item(training().uow, data, current_staff())


@blp.route("/aid-items/<string:aid_item_id>/stock")
class Stock(MethodView):
    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(StockIn)
    @blp.response(200, AidItem)
    @blp.alt_response(409, schema="Error", description="The stock would go below zero")
    @blp.doc(security=SECURITY)
    def post(self, data, aid_item_id: str):
        """Stock received (or corrected); never below zero."""
        return aid.receive_stock(training().uow, aid_item_id, data["quantity"], data["note"],
                                 current_staff())


@blp.route("/programs/<string:program_id>/handovers")
class Handovers(MethodView):
    @require_roles()
    @blp.response(200, Handover(many=True))
    @blp.doc(security=SECURITY)
    def get(self, program_id: str):
        return aid.list_handovers(training().uow, program_id)

    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(HandoverIn)
    @blp.response(201, Handover)
    @blp.alt_response(409, schema="Error", description="Not enough stock, or already handed")
    @blp.doc(security=SECURITY)
    def post(self, data, program_id: str):
        """Hand a participant their aid (default: the package); publishes `aid.handed_over`."""
        return aid.hand_over(training().uow, program_id, data, current_staff())


@blp.route("/handovers/<string:handover_id>")
class HandoverItem(MethodView):
    @require_roles()
    @blp.response(200, Handover)
    @blp.doc(security=SECURITY)
    def get(self, handover_id: str):
        return aid.get_handover(training().uow, handover_id)


@blp.route("/handovers/<string:handover_id>/bast.pdf")
class BastPdf(MethodView):
    @require_roles()
    @blp.doc(security=SECURITY, responses={"200": {"description": "The BAST as a PDF",
                                                   "content": {"application/pdf": {}}}})
    def get(self, handover_id: str):
        """The handover note (BAST) to print and sign."""
        t = training()
        view = aid.get_handover(t.uow, handover_id)
        return Response(render_bast(view, t.department), mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{view["number"]}.pdf"'})


@blp.route("/handovers/<string:handover_id>/scan")
class BastScan(MethodView):
    @require_roles()
    @blp.doc(security=SECURITY)
    def get(self, handover_id: str):
        """The signed BAST as uploaded."""
        t = training()
        path, mimetype = aid.scan_file(t.uow, t.upload_dir, handover_id)
        return send_file(path, mimetype=mimetype)

    @require_roles(TRAINING_COORDINATOR)
    @blp.response(200, Handover)
    @blp.alt_response(422, schema="Error",
                      description="No file, not a PDF / JPEG / PNG, too big, or damaged")
    @blp.doc(security=SECURITY, requestBody={"content": {"multipart/form-data": {"schema": {
        "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
    def post(self, handover_id: str):
        """Upload the signed BAST: a PDF scan or a JPEG / PNG photo (multipart `file`)."""
        t = training()
        upload = request.files.get("file")
        content = upload.read() if upload else b""
        return aid.attach_scan(t.uow, t.upload_dir, handover_id, content, t.upload_max_bytes)


@blp.route("/trainers")
class Trainers(MethodView):
    @require_roles()
    @blp.arguments(TrainerListArgs, location="query")
    @blp.response(200, TrainerPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Active trainers by name, a page at a time; `q` finds part of a name."""
        return trainers.list_trainers(training().uow, **args)

    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(TrainerIn)
    @blp.response(201, Trainer)
    @blp.doc(security=SECURITY)
    def post(self, data):
        """A trainer: residency from the domicile kelurahan; a fee only from outside Metro."""
        return trainers.create_trainer(training().uow, data)
