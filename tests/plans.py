"""Reading query plans in tests, on both databases: the statements a piece of code sends,
and what each database would do with one (SQLite ``EXPLAIN QUERY PLAN`` rows as text,
PostgreSQL ``EXPLAIN (FORMAT JSON)`` nodes, flattened)."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager

from sqlalchemy import event

from ideaboard.extensions import db


@contextmanager
def captured(keep: Callable[[str], bool] = lambda statement: True, engine=None):
    """The (statement, parameters) sent to the database inside the block that ``keep``."""
    engine = engine or db.engine
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if keep(statement):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def sqlite_plan(statement, parameters) -> list[str]:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [row[-1] for row in rows]


def postgres_nodes(statement, parameters) -> list[dict]:
    with db.engine.connect() as conn:
        raw = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
    plan = raw if isinstance(raw, list) else json.loads(raw)
    nodes, todo = [], [plan[0]["Plan"]]
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo += node.get("Plans", [])
    return nodes


def plan(statement, parameters) -> list:
    """SQLite's plan rows, or PostgreSQL's plan nodes, whichever database runs."""
    if db.engine.dialect.name == "sqlite":
        return sqlite_plan(statement, parameters)
    return postgres_nodes(statement, parameters)
