"""Changes announce themselves; edits after the first submission are history; the impact
stored on the idea always equals the computation from its steps."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from fixtures.ideas import FULL_IDEA, steps

from ideaboard import signals
from ideaboard.core.transactions import after_commit
from ideaboard.ideas.impact import compute_impact, measured_impact
from ideaboard.ideas.models import Idea
from ideaboard.ideas.operations import create_idea, delete_draft, update_idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.models import Action, StageEvent
from ideaboard.workflow.operations import transition

API = "/api/v1"


@contextmanager
def received(signal):
    calls = []

    def listener(sender, **kwargs):
        calls.append((sender, kwargs))

    signal.connect(listener)
    try:
        yield calls
    finally:
        signal.disconnect(listener)


def assert_stored_impact_is_computed(idea: Idea) -> None:
    fresh = Idea.query.filter_by(id=idea.id).one()
    expected = compute_impact(fresh.current_steps, fresh.proposed_steps, fresh.annual_volume)
    assert fresh.impact == expected
    if fresh.measured_steps_after is not None:
        assert fresh.measured_impact == measured_impact(
            expected, fresh.measured_steps_after, fresh.measured_minutes_after, fresh.annual_volume
        )
    else:
        assert fresh.measured_impact is None


# -- signals -----------------------------------------------------------------------------


def test_every_operation_sends_its_signal(people, db):
    staff1, supervisor1 = user_by_username("staff1"), user_by_username("supervisor1")
    with received(signals.idea_created) as created:
        idea = create_idea(staff1, FULL_IDEA)
    assert created == [(idea, {"user": staff1})]

    with received(signals.idea_edited) as edited, received(signals.impact_changed) as impact:
        update_idea(idea, staff1, {"annual_volume": "2,400"}, idea.version)
    assert len(edited) == 1 and edited[0][1]["recorded"] is False
    assert [c.field for c in edited[0][1]["changes"]] == ["annual_volume"]
    assert impact[0][1]["before"].hours_saved_per_year == 14600.0
    assert idea.hours_saved_per_year == 2920.0  # 73 min × 2,400 / 60

    with received(signals.stage_changed) as moved, received(signals.idea_submitted) as submitted:
        event = transition(idea, staff1, "submit", version=idea.version)
    assert moved == [(idea, {"event": event, "action": Action.SUBMIT})]
    assert submitted == [(idea, {"event": event})]
    assert supervisor1 in idea.reviewers

    draft = create_idea(staff1, {"title": "ร่างที่จะลบ", "eh_moment": "ทดลอง"})
    with received(signals.idea_deleted) as deleted:
        delete_draft(draft, staff1, draft.version)
    assert deleted == [(draft, {"user": staff1})]


def test_an_edit_that_changes_nothing_sends_nothing_and_keeps_the_version(people, db):
    staff1 = user_by_username("staff1")
    idea = create_idea(staff1, FULL_IDEA)
    db.session.commit()
    version = idea.version
    with received(signals.idea_edited) as edited:
        update_idea(idea, staff1, {"title": FULL_IDEA["title"]}, version)
    assert edited == []
    assert idea.version == version


def test_work_leaving_the_process_waits_for_the_commit(people, db):
    sent = []
    after_commit(lambda: sent.append("e-mail"))
    db.session.flush()
    assert sent == []
    db.session.rollback()
    db.session.commit()
    assert sent == []  # rolled back: never sent
    after_commit(lambda: sent.append("e-mail"))
    db.session.commit()
    assert sent == ["e-mail"]


# -- edits are history -------------------------------------------------------------------


def test_a_returned_idea_edited_and_resubmitted_shows_what_changed(as_user, make_idea):
    idea = make_idea(stage="returned")
    staff1 = as_user("staff1")
    current = [dict(step) for step in FULL_IDEA["current_steps"]]
    current[3]["wait_minutes"] = 10  # the registrar signs faster
    del current[0]  # the queue ticket is gone
    body = {"version": idea.version, "annual_volume": 2150, "current_steps": current}
    assert staff1.patch(f"{API}/ideas/{idea.ref}", json=body).status_code == 200

    events = staff1.get(f"{API}/ideas/{idea.ref}/events").get_json()["items"]
    edit = events[-1]
    assert (edit["action"], edit["from"], edit["to"]) == ("edit", "returned", "returned")
    changes = {(c["field"], c["change"], c["step"]): c for c in edit["changes"]}
    assert changes[("annual_volume", "changed", None)]["before"] == 12000
    assert changes[("annual_volume", "changed", None)]["after"] == 2150
    assert changes[("current_steps", "removed", 1)]["before"]["description"] == "ประชาชนรับบัตรคิว"
    changed = changes[("current_steps", "changed", 3)]
    assert (changed["before"]["wait_minutes"], changed["after"]["wait_minutes"]) == (30, 10)
    assert len(edit["changes"]) == 3

    page = staff1.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert "12,000" in page and "2,150" in page
    assert "ประชาชนรับบัตรคิว" in page


def test_edits_to_a_draft_never_submitted_are_not_history(as_user, make_idea):
    idea = make_idea(stage="draft")
    staff1 = as_user("staff1")
    staff1.patch(f"{API}/ideas/{idea.ref}", json={"version": idea.version, "title": "ใหม่"})
    events = staff1.get(f"{API}/ideas/{idea.ref}/events").get_json()["items"]
    assert [e["action"] for e in events] == ["create"]


def test_history_rows_cannot_be_changed(make_idea, db):
    idea = make_idea(stage="submitted")
    event = db.session.query(StageEvent).filter_by(idea_id=idea.id).first()
    event.note = "แก้ย้อนหลัง"
    with pytest.raises(RuntimeError):
        db.session.flush()
    db.session.rollback()


# -- stored impact -----------------------------------------------------------------------


def test_stored_impact_equals_the_computation_after_every_write_path(
    as_user, make_idea, db_session
):
    staff1 = as_user("staff1")
    created = staff1.post(f"{API}/ideas", json=FULL_IDEA).get_json()
    with db_session():
        idea = Idea.query.filter_by(ref=created["ref"]).one()
        assert_stored_impact_is_computed(idea)

    # API PATCH of steps and volume
    body = {
        "version": created["version"],
        "annual_volume": 800,
        "proposed_steps": steps(("ยื่นออนไลน์ผ่าน BMA e-Service", "citizen", 5, 0, False)),
    }
    patched = staff1.patch(f"{API}/ideas/{created['ref']}", json=body).get_json()
    assert patched["impact"]["steps_after"] == 1
    with db_session():
        assert_stored_impact_is_computed(idea)

    # the full form
    form = {
        "title": FULL_IDEA["title"], "eh_moment": FULL_IDEA["eh_moment"], "unit": "D1001-REG",
        "annual_volume": "๑,๒๐๐", "version": str(patched["version"]), "save": "1",
        "current_steps-0-position": "1", "current_steps-0-description": "ยื่นคำร้อง",
        "current_steps-0-actor": "citizen", "current_steps-0-work_minutes": "10",
        "current_steps-0-wait_minutes": "20", "current_steps-0-citizen_present": "y",
        "proposed_steps-0-position": "1", "proposed_steps-0-description": "ยื่นออนไลน์",
        "proposed_steps-0-actor": "citizen", "proposed_steps-0-work_minutes": "5",
        "proposed_steps-0-wait_minutes": "0",
    }  # fmt: skip
    response = staff1.post(f"/ideas/{created['ref']}/edit", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    with db_session():
        assert_stored_impact_is_computed(idea)
        assert Idea.query.filter_by(id=idea.id).one().hours_saved_per_year == 500.0  # 25×1,200/60

    # implement with a measurement
    implemented = make_idea(stage="implemented")
    with db_session():
        assert_stored_impact_is_computed(implemented)
    assert implemented.measured_hours_saved_per_year == 14000.0  # (90 − 20) × 12,000 / 60


def test_lists_sort_by_hours_saved_and_step_reduction(as_user, make_idea):
    few = steps(("ยื่นออนไลน์", "citizen", 5, 0, False))
    small = make_idea(stage="submitted", annual_volume=100, title="ประหยัดน้อย")
    big = make_idea(stage="submitted", annual_volume=50_000, title="ประหยัดมาก")
    unknown = make_idea(stage="submitted", annual_volume=None, title="ยังไม่รู้ปริมาณงาน")
    halved = make_idea(stage="submitted", proposed_steps=few + few, title="ลดครึ่ง")
    staff2 = as_user("staff2")

    def order(sort):
        items = staff2.get(f"{API}/ideas?sort={sort}&limit=2").get_json()
        refs = [item["ref"] for item in items["items"]]
        while items["next_cursor"]:
            items = staff2.get(
                f"{API}/ideas?sort={sort}&limit=2&cursor={items['next_cursor']}"
            ).get_json()
            refs += [item["ref"] for item in items["items"]]
        return refs

    by_hours = order("hours_saved")
    assert by_hours.index(big.ref) < by_hours.index(small.ref)
    assert by_hours[-1] == unknown.ref  # unknown savings come last, not first
    assert len(by_hours) == len(set(by_hours)) == 4
    by_reduction = order("step_reduction")
    assert by_reduction[0] == halved.ref  # 5 → 2 (−60 %) before the 5 → 3 (−40 %) ones
    reductions = [
        staff2.get(f"{API}/ideas/{ref}").get_json()["impact"]["step_reduction_pct"]
        for ref in by_reduction
    ]
    assert reductions == sorted(reductions, reverse=True)
    page = staff2.get("/ideas/?sort=hours_saved").get_data(as_text=True)
    assert page.index("ประหยัดมาก") < page.index("ประหยัดน้อย")


def test_the_migration_fills_the_stored_impact_of_existing_ideas(make_idea, db):
    from flask_migrate import downgrade, upgrade

    implemented = make_idea(stage="implemented")
    draft = make_idea(stage="draft", proposed_steps=[])
    refs = (implemented.ref, draft.ref)
    db.session.remove()
    downgrade(revision="0002")  # the columns go …
    upgrade()  # … and come back filled from the steps
    for ref in refs:
        idea = Idea.query.filter_by(ref=ref).one()
        assert_stored_impact_is_computed(idea)
    assert Idea.query.filter_by(ref=implemented.ref).one().hours_saved_per_year == 14600.0
    assert Idea.query.filter_by(ref=draft.ref).one().hours_saved_per_year is None
