"""The HTTP baseline: the least a Flask app served by gunicorn can do (no auth, no database)."""

from __future__ import annotations

from flask import Flask, request

app = Flask(__name__)


@app.get("/ok")
def ok():
    return {"ok": True}


@app.post("/items")
def create():
    data = request.get_json()
    return {"ok": True, "fields": len(data)}, 201
