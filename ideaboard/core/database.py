"""Rules every database connection follows, set in one place.

SQLite checks references (and so ``ON DELETE CASCADE``) only on a connection that asked for
it: every connection of an SQLite engine sends ``PRAGMA foreign_keys=ON`` when it opens.
PostgreSQL always enforces them. Alembic's ``env.py`` switches enforcement off for a
migration run and back on after (see there).
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def init_app(app: Flask) -> None:
    """Enforce references on every engine of ``app`` (after ``db.init_app``)."""
    from ideaboard.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            enforce_foreign_keys(engine)


def enforce_foreign_keys(engine: Engine) -> None:
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _foreign_keys_on):
        event.listen(engine, "connect", _foreign_keys_on)


def _foreign_keys_on(dbapi_connection, connection_record) -> None:
    # a new connection has no transaction open, so the PRAGMA takes effect
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()
