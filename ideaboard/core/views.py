"""Pages that belong to no feature: health, the home redirect, the web font."""

from __future__ import annotations

import fontpkg_sarabun
from flask import Blueprint, abort, current_app, redirect, send_from_directory, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ideaboard.extensions import db

core = Blueprint("core", __name__)

WEB_FONTS = {
    "Sarabun-Regular.ttf",
    "Sarabun-Bold.ttf",
    "Sarabun-SemiBold.ttf",
    "Sarabun-Italic.ttf",
}


@core.get("/healthz")
def healthz():
    """200 when the app and its database answer; 503 (JSON) for monitors otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok"}


@core.get("/")
def home():
    return redirect(url_for("ideas.index"))


@core.get("/fonts/<name>")
def font(name: str):
    if name not in WEB_FONTS:
        abort(404)
    response = send_from_directory(fontpkg_sarabun.ROOT / "files", name, max_age=30 * 24 * 3600)
    response.headers["Access-Control-Allow-Origin"] = current_app.config.get("FONT_ORIGIN", "*")
    return response
