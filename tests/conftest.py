"""Fixtures: the app on SQLite (default) or PostgreSQL (``--db=postgres``), a clean database
per test, a client, and explicit ways into the database. The factories (people, ideas) and
the login helpers live in tests/fixtures/."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import request, request_started
from flask.globals import app_ctx as current_app_ctx
from flask_migrate import upgrade

from ideaboard import create_app
from ideaboard.extensions import db as _db

pytest_plugins = [
    "contract",  # every API response is checked against the OpenAPI document
    "fixtures.people",
    "fixtures.ideas",
    "fixtures.api",
    "fixtures.live",
    "fixtures.engagement",
    "fixtures.files",
    "fixtures.notifications",
    "fixtures.admin",
]


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        default="sqlite",
        choices=("sqlite", "postgres"),
        help="database to run against; postgres needs TEST_DATABASE_URL",
    )


def _postgres_url(worker: str) -> str:
    """A fresh database per xdist worker on the server TEST_DATABASE_URL points at."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL run asked for, but TEST_DATABASE_URL is not set")
    from ideaboard.config import normalise_database_url

    url = sa.make_url(normalise_database_url(base))
    name = f"{url.database}_{worker}_{uuid.uuid4().hex[:6]}"
    try:
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        # asked for and configured but down: fail loudly, never a silent green run
        pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {error.orig}")
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if request.config.getoption("--db") == "postgres":
        url = _postgres_url(worker)
        yield url
        parsed = sa.make_url(url)
        admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        admin.dispose()
    else:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "ideaboard.sqlite")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app({
        "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()  # close pooled connections before the database is dropped


@pytest.fixture(autouse=True)
def clean_db(app):
    """Every test starts from empty tables (the schema stays). No application context is
    held during the test: each request gets its own, and its own session, as in production.
    Children go before their parents, as enforced references require; ids are not restarted
    (on either database), so no test can lean on an idea being number 1."""
    yield
    with app.app_context():
        tables = [t for t in reversed(_db.metadata.sorted_tables)]
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(sa.text(f"TRUNCATE {names} CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


@pytest.fixture
def app_ctx(app):
    """An application context held for the whole test, for a test that works on the
    operations and the database itself. Such a test sends no requests (it fails if it
    does): a request would reuse this context, and with it ``g`` and the session."""
    held = app.app_context()
    reused: list[str] = []

    def request_in_held_context(sender, **extra):
        if current_app_ctx._get_current_object() is held:
            reused.append(f"{request.method} {request.path}")

    with request_started.connected_to(request_in_held_context, app), held:
        yield
    if reused:
        pytest.fail(f"requests sent while the test held an application context: {reused}")


@pytest.fixture
def db(app_ctx):
    """The database extension, in the test's own application context (see ``app_ctx``)."""
    return _db


@pytest.fixture
def db_session(app):
    """``with db_session() as session:`` the app's session in an application context of
    its own for the block, then removed: reads see what the requests before committed, and
    requests after it get a context of their own. For tests that also send requests."""

    @contextmanager
    def open_session():
        with app.app_context():
            yield _db.session

    return open_session


@pytest.fixture
def client(app):
    return app.test_client()
