"""Votes and comments under real concurrency: a live server (threads, each request in its
own app context, session and database connection) on SQLite and on PostgreSQL
(``--db=postgres``). However the requests interleave, no answer is a 5xx, each answer is
the state it left, and the counters on the idea equal the rows at the end."""

from __future__ import annotations

import random
import threading

import pytest
import requests

VOTERS = 12
ROUNDS = 8


def run_together(jobs) -> list:
    """Start every job at the same moment (a barrier), wait for all; errors are returned."""
    barrier = threading.Barrier(len(jobs))
    errors: list = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as error:  # reported by the test, not swallowed
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.fixture
def voters(make_user, token):
    """VOTERS colleagues from another section, each with their own bearer token."""
    names = [f"voter{n:02d}" for n in range(VOTERS)]
    for name in names:
        make_user(name, unit="D1001-PWK", display_name=f"ผู้โหวต {name}")
    return {name: token(name) for name in names}


def test_many_people_voting_and_unvoting_at_once_leave_an_exact_count(
    live_server, make_idea, voters, tally
):
    idea = make_idea(stage="approved")
    url = f"{live_server}/api/v1/ideas/{idea.ref}/vote"
    final: dict[str, bool] = {}
    statuses: list[int] = []
    lock = threading.Lock()

    def voter(name: str, headers: dict):
        def job():
            rng = random.Random(name)
            with requests.Session() as http:
                for _ in range(ROUNDS):
                    method = rng.choice(("PUT", "PUT", "DELETE"))
                    response = http.request(method, url, headers=headers, timeout=60)
                    with lock:
                        statuses.append(response.status_code)
                    if response.status_code == 200:
                        body = response.json()
                        assert body["voted"] is (method == "PUT")
                        final[name] = body["voted"]

        return job

    errors = run_together([voter(name, headers) for name, headers in voters.items()])
    assert errors == []
    assert set(statuses) == {200}, statuses
    after = tally(idea.ref)
    assert after.vote_count == after.vote_rows == sum(final.values())
    assert after.trending_score == pytest.approx(after.weights)
    assert after.version == idea.version  # votes never bump the optimistic lock


def test_a_double_click_counts_one_vote(live_server, make_idea, voters, tally):
    idea = make_idea(stage="submitted")
    url = f"{live_server}/api/v1/ideas/{idea.ref}/vote"
    name, headers = next(iter(voters.items()))
    for method, voted in (("PUT", True), ("DELETE", False), ("PUT", True)):
        answers: list = []

        def click(method=method, answers=answers):
            response = requests.request(method, url, headers=headers, timeout=60)
            answers.append((response.status_code, response.json()))

        assert run_together([click] * 4) == []
        assert answers == [(200, {"voted": voted, "vote_count": int(voted), "following": True})] * 4
        after = tally(idea.ref)
        assert after.vote_count == after.vote_rows == int(voted)


def test_comments_posted_and_deleted_at_once_leave_an_exact_count(
    live_server, make_idea, voters, tally
):
    idea = make_idea(stage="approved")
    base = f"{live_server}/api/v1/ideas/{idea.ref}/comments"

    def commenter(name: str, headers: dict):
        def job():
            with requests.Session() as http:
                ids = []
                for n in range(3):
                    response = http.post(
                        base, json={"body": f"ความเห็น {n} จาก {name}"}, headers=headers, timeout=60
                    )
                    assert response.status_code == 201, response.text
                    ids.append(response.json()["id"])
                # deleting it again takes nothing more off: it is told the comment is gone
                first = http.delete(f"{base}/{ids[0]}", headers=headers, timeout=60)
                second = http.delete(f"{base}/{ids[0]}", headers=headers, timeout=60)
                assert (first.status_code, second.status_code) == (204, 409)

        return job

    assert run_together([commenter(name, headers) for name, headers in voters.items()]) == []
    after = tally(idea.ref)
    assert after.comment_count == after.comment_rows == 2 * VOTERS
