"""No N+1: the list and the idea page run a fixed number of statements whatever the page
holds. The reader's votes on a page of cards are one query (never one per card); the idea
page reads "voted / following" in one query and its comments in one."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from ideaboard.extensions import db


@contextmanager
def statements(app):
    """Every statement the requests inside the block send to the database."""
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def busy_ideas(make_idea, api):
    """Twelve ideas past the draft stage, each with votes and comments; staff3 voted for
    some and co-wrote one."""
    refs = []
    for n in range(12):
        coauthors = ["staff3"] if n == 0 else []
        idea = make_idea(stage="submitted", title=f"ไอเดียที่ {n} ลดขั้นตอน", coauthors=coauthors)
        refs.append(idea.ref)
        for voter in ("staff2", "outsider", "supervisor1")[: n % 4]:
            api(voter).put(f"/ideas/{idea.ref}/vote")
        if n % 2:
            api("staff3").put(f"/ideas/{idea.ref}/vote")
        api("outsider").post(f"/ideas/{idea.ref}/comments", json={"body": f"ความเห็น {n}"})
    return refs


def test_the_list_reads_the_readers_votes_in_one_query(app, as_user, busy_ideas):
    client = as_user("staff3")
    counts = {}
    for limit in (3, 12):
        with statements(app) as seen:
            response = client.get(f"/ideas/?limit={limit}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).count("data-vote-form") == limit
        counts[limit] = len(seen)
        assert len([s for s in seen if "FROM votes" in s]) == 1
        assert not [s for s in seen if "FROM comments" in s]
    assert counts[3] == counts[12], counts
    print(f"\nlist page: {counts[12]} statements for 3 or 12 cards")


def test_the_api_list_reads_no_vote_rows(app, api, busy_ideas):
    caller = api("staff3")
    counts = {}
    for limit in (3, 12):
        with statements(app) as seen:
            response = caller.get(f"/ideas?limit={limit}&sort=trending")
        assert len(response.get_json()["items"]) == limit
        assert not [s for s in seen if "votes" in s or "comments" in s]
        counts[limit] = len(seen)
    assert counts[3] == counts[12]


def test_the_idea_page_runs_the_same_statements_with_many_comments_and_votes(
    app, as_user, api, make_idea
):
    quiet = make_idea(stage="approved", title="ไอเดียเงียบ")
    busy = make_idea(stage="approved", title="ไอเดียคึกคัก")
    for n in range(30):
        api(("staff2", "staff3", "outsider")[n % 3]).post(
            f"/ideas/{busy.ref}/comments", json={"body": f"ความเห็นที่ {n} https://bma.go.th/{n}"}
        )
    for voter in ("staff2", "staff3", "outsider", "supervisor1", "director"):
        api(voter).put(f"/ideas/{busy.ref}/vote")
    client = as_user("staff2")
    counts = {}
    for idea in (quiet, busy):
        with statements(app) as seen:
            assert client.get(f"/ideas/{idea.ref}").status_code == 200
        counts[idea.title] = len(seen)
        assert len([s for s in seen if "FROM comments" in s]) == 1
        assert len([s for s in seen if "FROM votes" in s]) == 1  # voted and following, together
    assert counts["ไอเดียเงียบ"] == counts["ไอเดียคึกคัก"], counts
    with statements(app) as seen:
        body = api("staff2").get(f"/ideas/{busy.ref}").get_json()
    assert (body["voted"], body["following"]) == (True, True)
    assert len([s for s in seen if "FROM votes" in s or "FROM follows" in s]) == 1
    print(f"\nidea page: {counts['ไอเดียคึกคัก']} statements with 0 or 30 comments")
