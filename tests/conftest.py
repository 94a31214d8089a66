"""Fixtures: the app on SQLite (default) or PostgreSQL (``--db=postgres``), a clean database
per test, a client, login helpers and factories that build a small real organisation."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade

from ideaboard import create_app
from ideaboard.extensions import db as _db
from ideaboard.ideas.operations import create_idea
from ideaboard.people.operations import create_unit, create_user
from ideaboard.workflow.operations import transition

pytest_plugins = ["contract"]  # every API response is checked against the OpenAPI document

PASSWORD = "correct horse battery"

# A slice of the real tree: the city, a district office and its sections, a hospital.
UNITS = [
    ("BMA", None, "organisation", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration"),
    ("D1001", "BMA", "district_office", "สำนักงานเขตพระนคร", "Phra Nakhon District Office"),
    ("D1001-REG", "D1001", "section", "ฝ่ายทะเบียน", "Civil Registration Section"),
    ("D1001-PWK", "D1001", "section", "ฝ่ายโยธา", "Public Works Section"),
    ("MED", "BMA", "bureau", "สำนักการแพทย์", "Medical Service Department"),
    ("MED-H02", "MED", "hospital", "โรงพยาบาลตากสิน", "Taksin Hospital"),
    ("MED-H02-MT", "MED-H02", "department", "กลุ่มงานเทคนิคการแพทย์", "Medical Technology Group"),
    ("MED-H02-MT-MICRO", "MED-H02-MT", "section", "งานจุลชีววิทยา", "Microbiology Unit"),
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
def app(database_url):
    app = create_app({
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
    """Every test starts from empty tables (the schema stays). Children go before their
    parents, as enforced references require; ids are not restarted (on either database),
    so no test can lean on an idea being number 1."""
    with app.app_context():
        yield
        _db.session.remove()
        tables = [t for t in reversed(_db.metadata.sorted_tables)]
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(sa.text(f"TRUNCATE {names} CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


@pytest.fixture
def db(app):
    return _db


class FreshGlobalsClient(FlaskClient):
    """Requests share the test's app context (and so its session); give each request a
    clean ``g`` as production does, so the locale and the logged-in user are not cached
    from one request to the next."""

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in list(vars(g)):
                delattr(g, name)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = FreshGlobalsClient
    return app.test_client()


@pytest.fixture
def org(app):
    """The unit slice above, returned as {code: OrgUnit}."""
    units = {code: create_unit(code, parent, kind, th, en) for code, parent, kind, th, en in UNITS}
    _db.session.commit()
    return units


@pytest.fixture
def make_user(org):
    counter = iter(range(1, 10_000))

    def make(username=None, unit="D1001-REG", **options):
        username = username or f"user{next(counter)}"
        options.setdefault("display_name", f"นางสาวทดสอบ {username}")
        user = create_user(username, PASSWORD, options.pop("display_name"), unit, **options)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def people(make_user):
    """staff1..3 in ฝ่ายทะเบียน, their supervisor, and a supervisor of the whole district."""
    return {
        "staff1": make_user("staff1", display_name="นายสมชาย ใจดี"),
        "staff2": make_user("staff2", display_name="นางสาวสุดา รักงาน"),
        "staff3": make_user("staff3", unit="D1001-PWK"),
        "supervisor1": make_user("supervisor1", unit="D1001", supervises=["D1001-REG"]),
        "director": make_user("director", unit="D1001", supervises=["D1001"]),
        "outsider": make_user("outsider", unit="MED-H02-MT-MICRO"),
    }


def steps(*specs):
    """steps(("ยื่นคำร้อง", "citizen", 5, 10, True), ...) → API-shaped step dicts."""
    return [
        {"description": d, "actor": a, "work_minutes": w, "wait_minutes": t, "citizen_present": p}
        for d, a, w, t, p in specs
    ]


FULL_IDEA = {
    "title": "ขอสำเนาทะเบียนบ้านได้ในจุดเดียว ไม่ต้องรอ 3 ช่อง",
    "eh_moment": "เอ๊ะ ทำไมประชาชนต้องเดินไป 3 ช่องเพื่อขอเอกสารแผ่นเดียว ทั้งที่ระบบ BMA OSS ดึงข้อมูลได้",
    "process_name": "การขอคัดสำเนาทะเบียนบ้าน",
    "service": "งานทะเบียนราษฎร",
    "category": "process",
    "annual_volume": 12000,
    "solution": "รวมการตรวจเอกสารและการพิมพ์ไว้ที่ช่องเดียว ใช้ QR code นัดคิว",
    "value": "ประชาชนใช้เวลาน้อยลง เจ้าหน้าที่ไม่ต้องถ่ายสำเนาซ้ำ",
    "stakeholders": ["citizens", "colleagues"],
    "stakeholders_other": "",
    "current_steps": steps(
        ("ประชาชนรับบัตรคิว", "citizen", 1, 20, True),
        ("ยื่นคำร้องที่ช่อง 1", "citizen", 5, 10, True),
        ("เจ้าหน้าที่ตรวจสอบเอกสารและถ่ายสำเนา", "staff", 10, 0, False),
        ("รอนายทะเบียนลงนาม", "other_unit", 2, 30, False),
        ("รับเอกสารที่ช่อง 3", "citizen", 2, 10, True),
    ),
    "proposed_steps": steps(
        ("ประชาชนจองคิวผ่าน QR code", "citizen", 1, 0, False),
        ("ยื่นคำร้องและตรวจเอกสารที่ช่องเดียว", "staff", 8, 5, True),
        ("พิมพ์และลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์", "staff", 3, 0, False),
    ),
}


@pytest.fixture
def make_idea(people):
    """make_idea(author="staff1", stage="approved", **fields): an idea walked to ``stage``
    through the real transitions."""
    from ideaboard.people.operations import user_by_username

    walks = {
        "draft": [],
        "submitted": [("submit", "author")],
        "returned": [("submit", "author"), ("return", "supervisor1")],
        "declined": [("submit", "author"), ("decline", "supervisor1")],
        "approved": [("submit", "author"), ("approve", "supervisor1")],
        "piloting": [
            ("submit", "author"),
            ("approve", "supervisor1"),
            ("start_pilot", "supervisor1"),
        ],
        "implemented": [
            ("submit", "author"),
            ("approve", "supervisor1"),
            ("implement", "supervisor1"),
        ],
    }

    def make(author="staff1", stage="draft", **fields):
        data = {**FULL_IDEA, **fields}
        author_user = user_by_username(author)
        idea = create_idea(author_user, data)
        for action, who in walks[stage]:
            actor = author_user if who == "author" else user_by_username(who)
            transition(
                idea,
                actor,
                action,
                version=idea.version,
                note="เหตุผลประกอบการพิจารณา" if action in ("return", "decline") else None,
                measured={
                    "steps_after": 3,
                    "minutes_after": 20,
                    "cases_since": 800,
                    "evidence": "สถิติจากระบบคิว ต.ค.–ธ.ค. 2568",
                }
                if action == "implement"
                else None,
            )
        _db.session.commit()
        return idea

    return make


@pytest.fixture
def login(client):
    def do(username="staff1", password=PASSWORD):
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return do


@pytest.fixture
def token(client):
    def issue(username="staff1"):
        response = client.post("/api/v1/tokens", json={"username": username, "password": PASSWORD})
        assert response.status_code == 201
        return {"Authorization": f"Bearer {response.get_json()['token']}"}

    return issue
