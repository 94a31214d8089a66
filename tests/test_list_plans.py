"""A page of the list is an index walk at any size: read the query plans at 20,000 ideas.

Every statement a page runs is captured and explained on the database under test (SQLite
``EXPLAIN QUERY PLAN``, PostgreSQL ``EXPLAIN (FORMAT JSON)``): the ideas table is never
scanned whole, and the big stream (ideas past the draft stage) is never sorted — the order
comes from walking an index. The team's own drafts are a handful and may be sorted.
"""

from __future__ import annotations

import pytest
from plans import captured, postgres_nodes, sqlite_plan
from sqlalchemy import insert, select

from ideaboard.core.dates import fiscal_year, utcnow
from ideaboard.demo.generate import generate_ideas
from ideaboard.engagement.models import Vote
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.queries import SORTS, list_ideas, parse_filters
from ideaboard.people.operations import user_by_username

IDEAS = 20_000


def captured_statements(engine=None):
    """The SELECTs that read the ideas table."""
    return captured(
        lambda statement: statement.lstrip().upper().startswith("SELECT") and "ideas" in statement,
        engine,
    )


def check_plan(statement, parameters, *, may_sort: bool) -> None:
    if db.engine.dialect.name == "sqlite":
        plan = sqlite_plan(statement, parameters)
        full_scans = [
            line for line in plan if line.strip() in ("SCAN ideas", "SCAN ideas AS ideas")
        ]
        assert not full_scans, plan
        if not may_sort:
            assert not any("TEMP B-TREE FOR ORDER BY" in line for line in plan), plan
    else:
        nodes = postgres_nodes(statement, parameters)
        seq = [
            n for n in nodes if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "ideas"
        ]
        assert not seq, nodes
        if not may_sort:
            assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes), nodes


def is_small_stream(statement: str) -> bool:
    """A small stream found through an index on a person, not by walking the list order: the
    user's own ideas (by author or co-author; no ``stage NOT IN``), one author's ideas (the
    author index) or the ideas the user voted for (the vote index by person). It may sort
    what it finds."""
    return (
        "stage NOT IN" not in statement
        or "ideas.author_id =" in statement
        or "FROM votes" in statement
    )


@pytest.fixture
def many_ideas(app, people):
    with app.app_context():
        generate_ideas(IDEAS, with_steps=False)
        # staff1 voted for every 50th idea past the draft stage
        public = db.session.scalars(
            select(Idea.id).where(Idea.stage != "draft").order_by(Idea.id)
        ).all()
        staff1 = user_by_username("staff1")
        db.session.execute(
            insert(Vote.__table__),
            [{"idea_id": idea_id, "user_id": staff1.id, "created_at": utcnow(), "weight": 1.0}
             for idea_id in public[::50]],
        )  # fmt: skip
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        # SQLite reads the statistics when a connection loads the schema: a pooled one
        # opened before this ANALYZE would plan without them. (PostgreSQL's statistics are
        # the server's; dropping its pool there would leave connections still checked out
        # to be garbage-collected open.)
        if db.engine.dialect.name == "sqlite":
            db.engine.dispose()


FILTERS = [
    {},
    {"category": "process"},
    {"stage": "implemented"},
    {"fy": str(fiscal_year(utcnow()))},  # the year nearly every generated idea is in
    {"unit": "D1001"},
    {"mine": "1"},
    {"stage": "draft"},
    {"author": "staff2"},
    {"voted": "me"},
]


@pytest.mark.parametrize("sort", SORTS)
def test_every_list_order_walks_an_index(many_ideas, app_ctx, sort):
    user = user_by_username("staff1")
    for extra in FILTERS:
        first, cursor = list_ideas(user, parse_filters({"sort": sort, **extra}))
        with captured_statements() as statements:
            list_ideas(user, parse_filters({"sort": sort, "cursor": cursor or "", **extra}))
        assert statements
        for statement, parameters in statements:
            check_plan(statement, parameters, may_sort=is_small_stream(statement))


def test_a_page_reads_no_step_rows_and_a_fixed_number_of_queries(app, many_ideas, login):
    client = login("staff1")
    with app.app_context():
        engine = db.engine
    counts = {}
    for limit in (5, 50):
        with captured_statements(engine) as statements:
            response = client.get(f"/api/v1/ideas?limit={limit}&sort=hours_saved")
        assert response.status_code == 200
        assert len(response.get_json()["items"]) == limit
        assert not [s for s, _ in statements if "idea_steps" in s]
        assert not [s for s, _ in statements if "password_hash" in s and "ideas" in s]
        counts[limit] = len(statements)
    assert counts[5] == counts[50]
