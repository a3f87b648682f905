"""/api/v1/auth/token: a bearer token for staff, accepted by all four services."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.identity import issue_token
from services.registry.api.schemas import TokenRequest, TokenResponse
from services.registry.usecases.staff import authenticate

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Staff tokens.")


@blp.route("/token")
class Token(MethodView):
    @blp.arguments(TokenRequest)
    @blp.response(200, TokenResponse)
    @blp.alt_response(401, schema="Error", description="Wrong email or password")
    def post(self, data):
        """Exchange email and password for a bearer token."""
        identity = authenticate(current_app.extensions["registry"].uow, data["email"],
                                data["password"])
        return {
            "access_token": issue_token(current_app.config["SECRET_KEY"], identity),
            "token_type": "Bearer",
            "expires_in": current_app.config["TOKEN_TTL"],
        }
