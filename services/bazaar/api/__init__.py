"""The bazaar service's JSON API: one flask-smorest blueprint per resource."""

from __future__ import annotations

from flask import current_app

SECURITY = [{"bearerAuth": []}]


def bazaar_service():
    return current_app.extensions["bazaar"]
