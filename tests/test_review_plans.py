"""The review queue at 20,000 ideas: its statements walk indexes, never the ideas table.

The queue, its count (the top bar's, on every page a supervisor opens) and the
administrator's list of ideas nobody can review are captured and explained on the database
under test (see tests/test_list_plans.py): the ideas are read through the partial index of
waiting ideas, the supervised subtree through the index on ``parent_id``, supervisions and
co-authors through their keys. The few waiting ideas found may be sorted.
"""

from __future__ import annotations

import time

import pytest
from plans import captured as captured_statements
from plans import postgres_nodes, sqlite_plan
from test_list_plans import many_ideas  # noqa: F401  (the 20,000 ideas)

from ideaboard.extensions import db
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.queue import review_queue, top_bar, unreviewable_ideas

pytestmark = pytest.mark.usefixtures("many_ideas")


def read_through_indexes(statement, parameters) -> None:
    """The ideas table is read only through the partial index of waiting ideas (and by
    primary key), never scanned whole; the small tables (supervisions, units, the CTEs)
    may be read as the planner likes."""
    if db.engine.dialect.name == "sqlite":
        plan = sqlite_plan(statement, parameters)
        ideas = [line for line in plan if " ideas " in f" {line} "]
        assert ideas, plan
        assert all("ix_ideas_waiting_review" in line or "PRIMARY KEY" in line for line in ideas), (
            plan
        )
        return
    nodes = postgres_nodes(statement, parameters)
    seq = [n for n in nodes if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "ideas"]
    assert not seq, nodes
    assert any(n.get("Index Name") == "ix_ideas_waiting_review" for n in nodes), nodes


@pytest.mark.parametrize("who", ["supervisor1", "director"])
def test_the_queue_and_its_count_walk_indexes(app_ctx, who):
    user = user_by_username(who)
    _ = user.supervised_units  # loaded with the user, as on every page
    with captured_statements() as statements:
        count = top_bar(user.id).waiting  # the top bar's one statement
        page = review_queue(user, limit=20)
    assert count > 0 and len(page.items) == 20
    queue_statements = [(s, p) for s, p in statements if "nearest" in s]
    # the top bar; the page, and its count (more ideas wait than fit on it)
    assert len(queue_statements) == 3
    for statement, parameters in queue_statements:
        read_through_indexes(statement, parameters)


def test_the_ideas_nobody_can_review_walk_the_waiting_index(app_ctx):
    with captured_statements() as statements:
        nobody = unreviewable_ideas()
    assert nobody.count > 0  # outsider's ideas: nobody supervises the medical side
    rule = [(s, p) for s, p in statements if "nearest" in s]
    assert len(rule) == 2  # the oldest, then the count (more wait than are shown)
    for statement, parameters in rule:
        read_through_indexes(statement, parameters)


def test_the_top_bar_is_quick(app_ctx):
    """The top bar's statement runs on every page a supervisor opens: milliseconds, not the
    cost of the list (supervisor1 has some 1,400 ideas waiting here, far more than a real
    section). The median of 20 runs, allowed generously for a shared machine."""
    user_id = user_by_username("supervisor1").id
    top_bar(user_id)  # warm
    timings = []
    for _run in range(20):
        start = time.perf_counter()
        top_bar(user_id)
        timings.append(time.perf_counter() - start)
    timings.sort()
    assert timings[len(timings) // 2] < 0.25, timings
