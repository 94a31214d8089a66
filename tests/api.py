"""Talking to the JSON API as colleagues do, and reading its errors (SPEC §8).

Shared by the tests/test_api_*.py files; the fixtures that hand out callers are in
tests/fixtures/api.py.
"""

from __future__ import annotations

import base64
import re

from fixtures.ideas import FULL_IDEA
from sqlalchemy import select

from ideaboard.extensions import db
from ideaboard.ideas.models import Idea

API = "/api/v1"
REF_PATTERN = re.compile(r"IDEA-25\d\d-\d{5}")
MEASURED = {
    "steps_after": 3,
    "minutes_after": 20,
    "cases_since": 800,
    "evidence": "สถิติจากระบบคิว Q-Matic ต.ค.–ธ.ค. 2568: เฉลี่ย 20 นาที/ราย",
}


class Caller:
    """One colleague talking to the API with their own client and bearer token."""

    def __init__(self, app, username: str, headers: dict):
        self.app = app
        self.username = username
        self.headers = headers
        self.client = app.test_client()

    def get(self, path: str, **kwargs):
        return self.client.get(API + path, headers=self.headers, **kwargs)

    def post(self, path: str, json=None, **kwargs):
        return self.client.post(API + path, json=json, headers=self.headers, **kwargs)

    def patch(self, path: str, json=None, **kwargs):
        return self.client.patch(API + path, json=json, headers=self.headers, **kwargs)

    def put(self, path: str, json=None, **kwargs):
        return self.client.put(API + path, json=json, headers=self.headers, **kwargs)

    def delete(self, path: str, **kwargs):
        return self.client.delete(API + path, headers=self.headers, **kwargs)

    def create(self, **fields) -> dict:
        response = self.post("/ideas", json={**FULL_IDEA, **fields})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def act(self, ref: str, action: str, **body):
        """POST a transition; the version defaults to the idea's current one."""
        body.setdefault("version", committed_version(self.app, ref))
        return self.post(f"/ideas/{ref}/transitions", json={"action": action, **body})

    def edit(self, ref: str, **fields):
        fields.setdefault("version", committed_version(self.app, ref))
        return self.patch(f"/ideas/{ref}", json=fields)

    def list_refs(self, query: str = "") -> list[str]:
        response = self.get(f"/ideas?limit=100{'&' + query if query else ''}")
        assert response.status_code == 200, response.get_json()
        return [item["ref"] for item in response.get_json()["items"]]


def committed_version(app, ref: str) -> int:
    """The idea's version as committed (read in an application context of its own)."""
    with app.app_context():
        return db.session.scalar(select(Idea.version).where(Idea.ref == ref))


def step_with(**changes) -> list[dict]:
    """FULL_IDEA's current steps with the second step changed."""
    current = [dict(step) for step in FULL_IDEA["current_steps"]]
    current[1].update(changes)
    return current


def api_error(response, status: int, code: str | tuple[str, ...]) -> dict:
    """Assert the SPEC's error shape and return the inner ``error`` object; ``code`` may be
    a tuple of acceptable codes where SPEC §8 fixes only the status."""
    assert response.status_code == status, response.get_data(as_text=True)[:1000]
    assert response.is_json, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] in (code if isinstance(code, tuple) else (code,))
    assert isinstance(error["message"], str) and error["message"].strip()
    assert isinstance(error["fields"], dict)
    assert all(isinstance(message, str) and message for message in error["fields"].values())
    return error


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Hand-computed impact of FULL_IDEA (tests/fixtures/ideas.py): current steps 1+20, 5+10,
# 10+0, 2+30, 2+10 minutes; proposed 1+0, 8+5, 3+0; citizens present at steps 1, 2, 5
# before (two trips: steps 1–2 are one visit, step 5 another) and at step 2 after (one trip).
FULL_MINUTES_BEFORE = 21 + 15 + 10 + 32 + 12  # 90
FULL_MINUTES_AFTER = 1 + 13 + 3  # 17
FULL_IMPACT = {
    "steps_before": 5,
    "steps_after": 3,
    "step_reduction_pct": 40.0,  # (5 - 3) / 5
    "minutes_before": 90,
    "minutes_after": 17,
    "minutes_saved_per_case": 73,
    "hours_saved_per_year": 14600.0,  # 73 min × 12,000 cases / 60
    "citizen_visits_before": 2,
    "citizen_visits_after": 1,
}
assert FULL_IMPACT["minutes_before"] == FULL_MINUTES_BEFORE
assert FULL_IMPACT["minutes_after"] == FULL_MINUTES_AFTER
