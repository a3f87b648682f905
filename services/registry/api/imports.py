"""/api/v1/umkm/imports: upload a CSV or XLSX of UMKM, then follow its progress."""

from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import RAISE, Schema, fields, validate
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.auth import current_staff, require_roles
from services.registry.domain.importing import MODES
from services.registry.usecases import imports as usecases


class MultipartParser(FlaskParser):
    """Reads a multipart/form-data body as one (what the "files" location documents): its
    uploads from the files, its other fields from the form; a field it does not know is a 422."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "files": None}

    def load_files(self, req, schema):
        uploads = {field.data_key or name for name, field in schema.fields.items()
                   if isinstance(field, Upload)}
        form = MultiDict([(key, value) for key, value in req.form.items(multi=True)
                          if key not in uploads])  # a text field named like an upload is none
        return self._makeproxy(CombinedMultiDict([req.files, form]), schema)


class MultipartBlueprint(Blueprint):
    ARGUMENTS_PARSER = MultipartParser()


blp = MultipartBlueprint("imports", __name__, url_prefix="/api/v1/umkm/imports",
                         description="Bulk import of existing spreadsheets.")
SECURITY = [{"bearerAuth": []}]


class ImportUpload(Schema):
    class Meta:
        unknown = RAISE
        ordered = True

    file = Upload(required=True, metadata={
        "description": "CSV or XLSX; the first row names the columns (the fields of "
                       "POST /api/v1/umkm)."})
    mode = fields.String(load_default="skip", validate=validate.OneOf(MODES), metadata={
        "description": "What to do with records already known (same NIB, or same NIK and "
                       "business name): skip them, or update them from the non-empty cells."})


class ImportRowProblem(Schema):
    row = fields.Integer(required=True)
    field = fields.String(allow_none=True)
    message = fields.String(required=True)


class ImportStatus(Schema):
    id = fields.String(required=True)
    filename = fields.String()
    kind = fields.String()
    mode = fields.String()
    status = fields.String(required=True, metadata={"description": "queued, running, done, failed"})
    total = fields.Integer(required=True)
    processed = fields.Integer()
    percent = fields.Integer()
    imported = fields.Integer(required=True)
    updated = fields.Integer()
    skipped = fields.Integer()
    rejected = fields.Integer(required=True)
    message = fields.String(allow_none=True)
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    errors = fields.List(fields.Nested(ImportRowProblem), metadata={
        "description": "The first 1,000 bad rows; all of them in errors.csv"})


_UPLOAD = ImportUpload()


def _uow():
    return current_app.extensions["registry"].uow


@blp.route("")
class Imports(MethodView):
    @require_roles(REGISTRY_OFFICER)
    @blp.arguments(_UPLOAD, location="files", content_type="multipart/form-data")
    @blp.response(202, ImportStatus)
    @blp.alt_response(422, schema="Error", description="No file, not CSV/XLSX, wrong header")
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Queue an import; the header is checked at once, the rows by the worker."""
        upload = body["file"]
        return usecases.start_import(_uow(), upload.filename or "", upload.read(), body["mode"],
                                     current_staff())


@blp.route("/<string:job_id>")
class ImportItem(MethodView):
    @require_roles()
    @blp.response(200, ImportStatus)
    @blp.doc(security=SECURITY)
    def get(self, job_id: str):
        """Progress and outcome, with the bad rows (row, field, message)."""
        return usecases.get_import(_uow(), job_id)


@blp.route("/<string:job_id>/errors.<any(csv, xlsx):kind>")
class ImportErrors(MethodView):
    @require_roles()
    @blp.response(200, description="Every bad row as a file")
    @blp.doc(security=SECURITY)
    def get(self, job_id: str, kind: str):
        """All bad rows with row, field and message, as CSV or XLSX."""
        return download(usecases.error_report(_uow(), job_id, kind), kind,
                        f"impor-{job_id[:8]}-galat.{kind}")


def download(content: bytes, kind: str, filename: str) -> Response:
    mimetype = ("text/csv; charset=utf-8" if kind == "csv" else
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return Response(content, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
