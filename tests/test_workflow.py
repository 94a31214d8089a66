"""The transition table: who may do what from which stage, with notes and measurements."""

import pytest
from sqlalchemy import select

from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow import transitions
from ideaboard.workflow.models import Stage
from ideaboard.workflow.operations import transition

MEASURED = {"steps_after": 3, "minutes_after": 18, "cases_since": 1200, "evidence": "รายงานระบบคิว"}


def act(idea, username, action, note="ขอให้เพิ่มข้อมูลเวลารอ", measured=MEASURED, version=None):
    return transition(
        idea,
        user_by_username(username),
        action,
        version=idea.version if version is None else version,
        note=note,
        measured=measured,
    )


# (stage, action, actor, outcome): outcome is the next stage or the error raised
TABLE = [
    ("draft", "submit", "staff1", "submitted"),
    ("draft", "submit", "staff2", PermissionDenied),
    ("draft", "approve", "supervisor1", Conflict),
    ("submitted", "approve", "supervisor1", "approved"),
    ("submitted", "approve", "director", "approved"),
    ("submitted", "approve", "staff1", PermissionDenied),
    ("submitted", "approve", "outsider", PermissionDenied),
    ("submitted", "return", "supervisor1", "returned"),
    ("submitted", "decline", "supervisor1", "declined"),
    ("submitted", "withdraw", "staff1", "draft"),
    ("submitted", "withdraw", "supervisor1", PermissionDenied),
    ("submitted", "implement", "supervisor1", Conflict),
    ("returned", "submit", "staff1", "submitted"),
    ("returned", "withdraw", "staff1", "draft"),
    ("approved", "start_pilot", "staff1", PermissionDenied),  # moving on is the supervisor's
    ("approved", "start_pilot", "supervisor1", "piloting"),
    ("approved", "start_pilot", "staff2", PermissionDenied),
    ("approved", "implement", "supervisor1", "implemented"),
    ("approved", "withdraw", "staff1", Conflict),
    ("piloting", "implement", "staff1", PermissionDenied),
    ("piloting", "implement", "director", "implemented"),
    ("declined", "submit", "staff1", Conflict),
    ("implemented", "approve", "supervisor1", Conflict),
]


@pytest.mark.parametrize(("stage", "action", "actor", "outcome"), TABLE)
def test_transition_table(make_idea, db, stage, action, actor, outcome):
    idea = make_idea(stage=stage)
    if isinstance(outcome, str):
        event = act(idea, actor, action)
        db.session.commit()
        assert idea.stage == Stage(outcome)
        assert (event.from_stage, event.to_stage) == (Stage(stage), Stage(outcome))
    else:
        with pytest.raises(outcome):
            act(idea, actor, action)
        db.session.rollback()
        db.session.refresh(idea)
        assert idea.stage == Stage(stage)


@pytest.mark.parametrize("action", ["return", "decline"])
def test_return_and_decline_need_a_reason(app_ctx, make_idea, action):
    idea = make_idea(stage="submitted")
    with pytest.raises(ValidationError) as caught:
        act(idea, "supervisor1", action, note="   ")
    assert "note" in caught.value.fields


def test_submitting_an_incomplete_draft_says_what_is_missing(app_ctx, make_idea):
    idea = make_idea(solution="", value="", stakeholders=[], current_steps=[], proposed_steps=[])
    with pytest.raises(ValidationError) as caught:
        act(idea, "staff1", "submit")
    assert set(caught.value.fields) >= {
        "solution",
        "value",
        "stakeholders",
        "current_steps",
        "proposed_steps",
    }


def test_implementing_records_the_measured_result(make_idea, db):
    idea = make_idea(stage="approved")
    act(idea, "supervisor1", "implement")
    db.session.commit()
    assert (idea.measured_steps_after, idea.measured_minutes_after) == (3, 18)
    assert idea.measured_impact.steps_before == 5


def test_implementing_without_measurement_is_refused(app_ctx, make_idea):
    idea = make_idea(stage="approved")
    with pytest.raises(ValidationError) as caught:
        act(idea, "supervisor1", "implement", measured={"steps_after": "x"})
    assert {
        "measured.steps_after",
        "measured.minutes_after",
        "measured.cases_since",
        "measured.evidence",
    } <= set(caught.value.fields)


def test_a_stale_version_is_a_conflict(app_ctx, make_idea):
    idea = make_idea(stage="submitted")
    with pytest.raises(Conflict):
        act(idea, "supervisor1", "approve", version=idea.version - 1)


def test_supervisor_never_reviews_own_idea_the_unit_above_does(make_user, make_idea, db):
    make_user("head", unit="D1001-REG", supervises=["D1001-REG"])
    idea = make_idea(author="head", stage="submitted")
    with pytest.raises(PermissionDenied):
        act(idea, "head", "approve")
    db.session.rollback()
    act(idea, "director", "approve")
    assert idea.stage == Stage.APPROVED


def test_every_transition_is_recorded_in_order(app_ctx, make_idea):
    idea = make_idea(stage="implemented")
    assert [e.action for e in idea.events] == ["create", "submit", "approve", "implement"]
    assert idea.events[2].actor.username == "supervisor1"


def test_events_cannot_be_rewritten(make_idea, db):
    idea = make_idea(stage="submitted")
    idea.events[-1].note = "แก้ประวัติย้อนหลัง"
    with pytest.raises(RuntimeError):
        db.session.flush()
    db.session.rollback()


def test_the_table_prints_as_a_diagram():
    text = transitions.diagram()
    assert "submitted  --approve--> approved" in text
    assert text.count("\n") == len(transitions.TRANSITIONS) - 1


def test_the_author_deletes_a_draft_never_submitted(login, make_idea, db_session):
    idea = make_idea()
    client = login("staff1")
    response = client.post(f"/ideas/{idea.ref}/delete", data={"version": idea.version})
    assert response.status_code == 302
    with db_session() as session:
        assert session.query(Idea).count() == 0


@pytest.mark.parametrize(
    ("stage", "who", "status"),
    [("draft", "staff2", 404), ("submitted", "staff1", 409), ("submitted", "supervisor1", 403)],
)
def test_others_and_submitted_ideas_cannot_be_deleted(
    client, token, make_idea, db_session, stage, who, status
):
    idea = make_idea(
        stage=stage, coauthors=["staff2"] if who == "staff2" and stage != "draft" else []
    )
    response = client.delete(
        f"/api/v1/ideas/{idea.ref}", json={"version": idea.version}, headers=token(who)
    )
    assert response.status_code == status
    with db_session() as session:
        assert session.query(Idea).count() == 1


def test_a_withdrawn_draft_keeps_its_history_and_cannot_be_deleted(
    client, token, make_idea, db_session
):
    with db_session() as session:
        idea = session.get(Idea, make_idea(stage="submitted").id)
        act(idea, "staff1", "withdraw")
        session.commit()
        session.refresh(idea)
    response = client.delete(f"/api/v1/ideas/{idea.ref}?version={idea.version}", headers=token())
    assert response.status_code == 409


def test_the_return_note_is_shown_where_the_author_revises(login, make_idea, db_session):
    ref = make_idea(stage="submitted").ref
    with db_session() as session:
        idea = session.scalar(select(Idea).where(Idea.ref == ref))
        act(idea, "supervisor1", "return", note="ขอตัวเลขเวลารอจริงจากระบบคิว Q-Matic")
        session.commit()
    client = login("staff1")
    for path in (f"/ideas/{ref}", f"/ideas/{ref}/edit"):
        assert "ขอตัวเลขเวลารอจริงจากระบบคิว Q-Matic" in client.get(path).get_data(as_text=True)
    with db_session() as session:
        idea = session.scalar(select(Idea).where(Idea.ref == ref))
        act(idea, "staff1", "submit")
        assert idea.return_note is None
