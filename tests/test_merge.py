"""Merging a duplicate (issue 6): a supervisor merges an idea into another idea of their
units. The duplicate ends *merged*, points to its survivor and leaves the lists; both
histories record the merge; ``idea_merged`` is sent once, for the listeners that move votes,
follows and comments. Bad input is a clear 4xx and changes nothing.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG), staff3 in ฝ่ายโยธา (D1001-PWK);
supervisor1 supervises ฝ่ายทะเบียน only, director the whole district (both sections);
outsider works in a hospital lab.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from api import API, api_error
from fixtures.ideas import DUPLICATE, SURVIVOR
from flask_babel import force_locale
from pages import flashes, location, saved, text, tree

from ideaboard import signals
from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow import transitions
from ideaboard.workflow.models import Action, Stage, StageEvent
from ideaboard.workflow.operations import transition

pytestmark = pytest.mark.usefixtures("people")

NOTE = "ซ้ำกับ e-Service ของฝ่ายทะเบียน รวมโหวตไว้ที่เดียว (2 ไอเดีย → 1)"


def merge(idea, username, into, *, note=NOTE, version=None):
    """Merge as ``username``; messages in English (the Thai catalogue may be reworded)."""
    with force_locale("en"):
        return transition(
            idea,
            user_by_username(username),
            "merge",
            version=idea.version if version is None else version,
            note=note,
            into=into,
        )


@contextmanager
def sent(*signals_):
    """Every (signal name, sender, kwargs) sent while the block runs, in order."""
    calls = []
    listeners = []
    for signal in signals_:

        def listener(sender, _name=signal.name, **kwargs):
            calls.append((_name, sender, kwargs))

        signal.connect(listener)
        listeners.append((signal, listener))
    try:
        yield calls
    finally:
        for signal, listener in listeners:
            signal.disconnect(listener)


def committed(db, idea_id: int) -> dict:
    """The idea's row and history as committed, read on a connection of its own."""
    with db.engine.connect() as conn:
        row = conn.execute(
            sa.select(Idea.stage, Idea.version, Idea.merged_into_id).where(Idea.id == idea_id)
        ).one()
        actions = conn.scalars(
            sa.select(StageEvent.action)
            .where(StageEvent.idea_id == idea_id)
            .order_by(StageEvent.id)
        ).all()
    return {
        "stage": row.stage,
        "version": row.version,
        "into": row.merged_into_id,
        "events": actions,
    }


# == The operation: who may merge what into what =========================================

# (duplicate's author, its reviewer, survivor's author, survivor's reviewer, extra fields of
# the survivor, who merges, outcome)
WHO = [
    # the duplicate's and the survivor's own authors, a colleague, an outsider: not reviewers
    ("staff1", "staff1", PermissionDenied),
    ("staff2", "staff1", PermissionDenied),
    ("staff3", "staff1", PermissionDenied),
    ("outsider", "staff1", PermissionDenied),
    # both ideas in ฝ่ายทะเบียน: its supervisor and the director may
    ("supervisor1", "staff2", "merged"),
    ("director", "staff2", "merged"),
]


@pytest.mark.parametrize(("actor", "survivor_author", "outcome"), WHO)
def test_who_may_merge_two_ideas_of_one_section(db, make_idea, actor, survivor_author, outcome):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author=survivor_author, stage="approved", **SURVIVOR)
    before = committed(db, duplicate.id)
    if outcome == "merged":
        merge(duplicate, actor, survivor.ref)
        db.session.commit()
        assert duplicate.stage == Stage.MERGED
        assert duplicate.merged_into.ref == survivor.ref
    else:
        with pytest.raises(outcome):
            merge(duplicate, actor, survivor.ref)
        db.session.rollback()
        assert committed(db, duplicate.id) == before


def test_a_supervisor_of_only_the_duplicates_unit_is_refused_naming_the_survivors_unit(
    db, make_idea
):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    other_unit = make_idea(
        author="staff3", stage="approved", reviewer="director", unit="D1001-PWK", **SURVIVOR
    )
    before, survivor_before = committed(db, duplicate.id), committed(db, other_unit.id)
    with pytest.raises(PermissionDenied) as refused:
        merge(duplicate, "supervisor1", other_unit.ref)
    assert "Public Works Section" in refused.value.fields["into"]
    assert other_unit.ref in refused.value.fields["into"]
    db.session.rollback()
    assert committed(db, duplicate.id) == before
    assert committed(db, other_unit.id) == survivor_before


def test_a_supervisor_of_only_the_survivors_unit_is_refused(db, make_idea):
    duplicate = make_idea(
        author="staff3", stage="submitted", reviewer="director", unit="D1001-PWK", **DUPLICATE
    )
    survivor = make_idea(author="staff1", stage="approved", **SURVIVOR)
    with pytest.raises(PermissionDenied):
        merge(duplicate, "supervisor1", survivor.ref)
    db.session.rollback()
    assert committed(db, duplicate.id)["stage"] == "submitted"


def test_a_supervisor_of_both_units_merges_across_them(db, make_idea):
    duplicate = make_idea(
        author="staff3", stage="submitted", reviewer="director", unit="D1001-PWK", **DUPLICATE
    )
    survivor = make_idea(author="staff1", stage="implemented", **SURVIVOR)
    merge(duplicate, "director", survivor.ref)
    db.session.commit()
    assert committed(db, duplicate.id)["into"] == survivor.id


@pytest.mark.parametrize("team_of", ["survivor", "duplicate"])
def test_a_supervisor_on_the_team_of_either_idea_is_refused(db, make_idea, team_of):
    team = {"coauthors": ["supervisor1"]}
    duplicate = make_idea(
        author="staff1", stage="submitted", reviewer="director",
        **DUPLICATE, **(team if team_of == "duplicate" else {}),
    )  # fmt: skip
    survivor = make_idea(
        author="staff2", stage="approved", reviewer="director",
        **SURVIVOR, **(team if team_of == "survivor" else {}),
    )  # fmt: skip
    with pytest.raises(PermissionDenied) as refused:
        merge(duplicate, "supervisor1", survivor.ref)
    if team_of == "survivor":
        assert "your own idea" in refused.value.fields["into"]
    db.session.rollback()
    assert committed(db, duplicate.id)["stage"] == "submitted"
    merge(duplicate, "director", survivor.ref)  # the unit above decides
    db.session.commit()
    assert committed(db, duplicate.id)["stage"] == "merged"


@pytest.mark.parametrize("stage", ["submitted", "returned", "approved", "piloting",
                                   "implemented", "declined"])  # fmt: skip
def test_a_duplicate_is_merged_from_every_stage_a_reviewer_sees(db, make_idea, stage):
    duplicate = make_idea(author="staff1", stage=stage, **DUPLICATE)
    survivor = make_idea(author="staff2", stage="submitted", **SURVIVOR)
    event = merge(duplicate, "supervisor1", survivor.ref)
    db.session.commit()
    assert (event.from_stage, event.to_stage) == (Stage(stage), Stage.MERGED)
    assert committed(db, duplicate.id)["stage"] == "merged"


@pytest.mark.parametrize("stage", ["draft", "merged"])
def test_a_draft_or_an_idea_merged_already_is_not_merged(db, make_idea, stage):
    duplicate = make_idea(author="staff1", stage="submitted" if stage == "merged" else stage)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    third = make_idea(author="staff2", stage="submitted", title="คิวออนไลน์ทะเบียนราษฎร")
    if stage == "merged":
        merge(duplicate, "supervisor1", survivor.ref)
        db.session.commit()
    before = committed(db, duplicate.id)
    with pytest.raises(Conflict):
        merge(duplicate, "supervisor1", third.ref)
    db.session.rollback()
    assert committed(db, duplicate.id) == before


@pytest.mark.parametrize("survivor_stage", ["submitted", "returned", "declined", "piloting"])
def test_the_survivor_may_be_in_any_stage_past_the_draft(db, make_idea, survivor_stage):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage=survivor_stage, **SURVIVOR)
    merge(duplicate, "supervisor1", survivor.ref)
    db.session.commit()
    assert [e.action for e in survivor.events][-1] == Action.ABSORB
    assert survivor.stage == Stage(survivor_stage)


# == Wrong survivors: a 422 on ``into`` that changes nothing ===============================


def _refused_into(db, duplicate, into, username="supervisor1") -> str:
    before = committed(db, duplicate.id)
    with pytest.raises(ValidationError) as refused:
        merge(duplicate, username, into)
    db.session.rollback()
    assert committed(db, duplicate.id) == before
    assert set(refused.value.fields) == {"into"}
    return refused.value.fields["into"]


def test_merging_into_itself_is_refused(db, make_idea):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    assert "itself" in _refused_into(db, duplicate, duplicate.ref)
    assert "itself" in _refused_into(db, duplicate, f"  {duplicate.ref.lower()} ")


def test_merging_into_a_draft_is_refused_without_leaking_anothers_draft(db, make_idea, make_user):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    others_draft = make_idea(author="staff2", **SURVIVOR)
    message = _refused_into(db, duplicate, others_draft.ref)
    assert message == f"No idea has the reference “{others_draft.ref}”."  # as for no idea at all
    own_draft = make_idea(author="supervisor1", title="ร่างของหัวหน้าฝ่าย: e-Service ทะเบียน")
    assert "still a draft" in _refused_into(db, duplicate, own_draft.ref)


def test_merging_into_a_merged_idea_names_where_it_went(db, make_idea):
    first = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    third = make_idea(author="staff1", stage="submitted", title="ขอทะเบียนบ้านทาง LINE OA")
    merge(first, "supervisor1", survivor.ref)
    db.session.commit()
    message = _refused_into(db, third, first.ref)
    assert message == (
        f"{first.ref} was itself merged into {survivor.ref}: merge into {survivor.ref} instead."
    )
    # and the survivor cannot go back into the idea it took in: no cycle
    assert "merged into this idea already" in _refused_into(db, survivor, first.ref)


@pytest.mark.parametrize(
    "into",
    [None, "", "   ", "IDEA-2569-99999", "IDEA-25-1", "ขอคัดสำเนาทะเบียนบ้าน", "x" * 10_000,
     "IDEA-2569-00001\x00", 42, ["IDEA-2569-00001"]],
    ids=["none", "empty", "blank", "unknown", "malformed", "thai-title", "huge", "nul",
         "number", "list"],
)  # fmt: skip
def test_a_missing_or_unknown_reference_is_refused(db, make_idea, into):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    message = _refused_into(db, duplicate, into)
    assert message
    assert len(message) < 200  # a huge value is not quoted back whole


def test_a_stale_version_is_a_conflict_and_changes_nothing(db, make_idea):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    before = committed(db, duplicate.id)
    with pytest.raises(Conflict):
        merge(duplicate, "supervisor1", survivor.ref, version=duplicate.version - 1)
    db.session.rollback()
    assert committed(db, duplicate.id) == before


def test_a_merge_racing_a_change_of_the_survivor_conflicts(db, make_idea):
    """Someone else merged the survivor away (or changed it) after this request read it:
    the survivor's version guards it, so no chain or cycle is committed."""
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    db.session.get(Idea, survivor.id)  # read by this request
    with db.engine.begin() as other:
        other.execute(
            sa.text("UPDATE ideas SET version = version + 1 WHERE id = :id"), {"id": survivor.id}
        )
    before = committed(db, duplicate.id)
    with pytest.raises(Conflict):
        merge(duplicate, "supervisor1", survivor.ref)
    db.session.rollback()
    assert committed(db, duplicate.id) == before


def test_the_database_refuses_a_merged_idea_without_its_survivor(db, make_idea):
    idea = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    for values in ({"stage": "merged"}, {"stage": "merged", "merged_into_id": idea.id}):
        with db.engine.connect() as conn, pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.update(Idea.__table__).where(Idea.id == idea.id).values(**values))


# == What a merge records and announces =================================================


def test_both_histories_record_the_merge_and_link_each_other(db, make_idea):
    duplicate = make_idea(author="staff1", stage="approved", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="piloting", **SURVIVOR)
    survivor_version = survivor.version
    merge(duplicate, "supervisor1", survivor.ref)
    db.session.commit()
    db.session.expire_all()

    gone, kept = db.session.get(Idea, duplicate.id), db.session.get(Idea, survivor.id)
    merged, absorbed = gone.events[-1], kept.events[-1]
    assert (merged.action, merged.from_stage, merged.to_stage) == ("merge", "approved", "merged")
    assert (absorbed.action, absorbed.from_stage, absorbed.to_stage) == (
        "absorb", "piloting", "piloting",
    )  # fmt: skip
    assert merged.related_idea.ref == kept.ref and absorbed.related_idea.ref == gone.ref
    assert merged.note == absorbed.note == NOTE
    assert merged.actor.username == absorbed.actor.username == "supervisor1"
    assert merged.created_at == absorbed.created_at
    assert gone.merged_into.ref == kept.ref
    assert [idea.ref for idea in kept.merged_ideas] == [gone.ref]
    assert kept.stage == Stage.PILOTING
    assert kept.version == survivor_version + 1  # its row changed with the merge
    # the rest of the survivor's history is untouched
    assert [e.action for e in kept.events] == ["create", "submit", "approve", "start_pilot",
                                              "absorb"]  # fmt: skip


def test_merging_an_idea_that_took_in_duplicates_takes_them_along(db, make_idea):
    """No chains: what the merged idea took in points to the new survivor too, and its own
    history still says where it went first."""
    first = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    middle = make_idea(author="staff2", stage="approved", title="ขอสำเนาทะเบียนบ้านทาง LINE OA")
    last = make_idea(author="staff2", stage="implemented", **SURVIVOR)
    merge(first, "supervisor1", middle.ref)
    db.session.commit()
    merge(middle, "director", last.ref)
    db.session.commit()
    db.session.expire_all()
    assert committed(db, first.id)["into"] == committed(db, middle.id)["into"] == last.id
    kept = db.session.get(Idea, last.id)
    assert [idea.ref for idea in kept.merged_ideas] == [first.ref, middle.ref]
    assert db.session.get(Idea, first.id).events[-1].related_idea.ref == middle.ref
    assert [e.related_idea.ref for e in kept.events if e.action == Action.ABSORB] == [middle.ref]


def test_the_note_is_optional(db, make_idea):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    event = merge(duplicate, "supervisor1", survivor.ref, note="   ")
    db.session.commit()
    assert event.note is None and survivor.events[-1].note is None


def test_the_signal_is_sent_once_with_the_survivor_after_stage_changed(db, make_idea):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    with sent(signals.stage_changed, signals.idea_merged, signals.idea_submitted) as calls:
        event = merge(duplicate, "director", survivor.ref)
    supervisor = user_by_username("director")
    assert [(name, sender) for name, sender, _ in calls] == [
        ("stage-changed", duplicate),
        ("idea-merged", duplicate),
    ]
    assert calls[1][2] == {"survivor": survivor, "user": supervisor, "event": event}
    assert calls[0][2]["action"] == Action.MERGE


def test_a_refused_merge_sends_nothing(db, make_idea):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    with sent(signals.stage_changed, signals.idea_merged) as calls, pytest.raises(ValidationError):
        merge(duplicate, "supervisor1", duplicate.ref)
    db.session.rollback()
    assert calls == []


def test_the_survivor_may_be_given_as_an_idea(db, make_idea):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    merge(duplicate, "supervisor1", db.session.get(Idea, survivor.id))
    db.session.commit()
    assert committed(db, duplicate.id)["into"] == survivor.id


def test_the_table_and_its_diagram_include_merge():
    diagram = transitions.diagram()
    for stage in transitions.MERGEABLE_STAGES:
        assert f"{stage:<10} --merge--> merged" in diagram
    assert "(asks: into)" in diagram
    assert "draft      --merge-->" not in diagram
    assert Stage.MERGED in transitions.REACHABLE_STAGES
    assert not Stage.MERGED.is_private and not Stage.MERGED.is_editable
    assert not [t for t in transitions.TRANSITIONS if t.source == Stage.MERGED]  # terminal


def test_the_stages_command_prints_merge(app):
    result = app.test_cli_runner().invoke(args=["ideaboard", "stages"])
    assert result.exit_code == 0
    assert "implemented --merge--> merged" in result.output
    assert "by a supervisor of the idea's unit (asks: into)" in result.output


# == The API ===========================================================================


@pytest.fixture
def pair(make_idea):
    """A submitted duplicate by staff1 and an approved survivor by staff2, both in
    ฝ่ายทะเบียน."""
    return (
        make_idea(author="staff1", stage="submitted", **DUPLICATE),
        make_idea(author="staff2", stage="approved", **SURVIVOR),
    )


def test_the_api_merges_and_answers_the_event_and_the_idea(api, pair):
    duplicate, survivor = pair
    supervisor1 = api("supervisor1")
    assert "merge" in supervisor1.get(f"/ideas/{duplicate.ref}").get_json()["actions"]
    assert "merge" not in api("staff1").get(f"/ideas/{duplicate.ref}").get_json()["actions"]

    response = supervisor1.act(duplicate.ref, "merge", into=survivor.ref, note=NOTE)

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["event"]["action"] == "merge"
    assert (body["event"]["from"], body["event"]["to"]) == ("submitted", "merged")
    assert body["event"]["related_idea"] == survivor.ref
    assert body["idea"]["stage"] == "merged"
    assert body["idea"]["merged_into"] == survivor.ref
    assert body["idea"]["actions"] == []  # terminal

    kept = supervisor1.get(f"/ideas/{survivor.ref}").get_json()
    assert kept["merged_into"] is None
    assert kept["merged_ideas"] == [duplicate.ref]
    events = supervisor1.get(f"/ideas/{survivor.ref}/events").get_json()["items"]
    assert (events[-1]["action"], events[-1]["related_idea"], events[-1]["note"]) == (
        "absorb", duplicate.ref, NOTE,
    )  # fmt: skip
    assert (events[-1]["from"], events[-1]["to"]) == ("approved", "approved")
    assert all(event["related_idea"] is None for event in events[:-1])
    # the merged idea stays readable at its own address, for everyone
    assert api("staff3").get(f"/ideas/{duplicate.ref}").get_json()["merged_into"] == survivor.ref


@pytest.mark.parametrize(
    "into, says",
    [
        (None, "Give the reference"),
        ("", "Give the reference"),
        ("IDEA-2569-99999", "No idea has the reference “IDEA-2569-99999”."),
        ("IDEA-2569-" + "9" * 30, "At most 24 characters"),
        (42, "Please enter text."),
        (["IDEA-2569-00001"], "Please enter text."),
        ("self", "itself"),
    ],
    ids=["null", "empty", "unknown", "too-long", "number", "list", "itself"],
)
def test_the_api_refuses_a_wrong_into_with_a_422_naming_it(api, pair, version_of, into, says):
    duplicate, _survivor = pair
    into = duplicate.ref if into == "self" else into
    response = api("supervisor1").client.post(
        f"{API}/ideas/{duplicate.ref}/transitions?lang=en",
        json={"action": "merge", "version": duplicate.version, "into": into},
        headers=api("supervisor1").headers,
    )
    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {"into"}
    assert says in error["fields"]["into"]
    assert version_of(duplicate.ref) == duplicate.version


def test_the_api_refuses_a_merge_without_into(api, pair, version_of):
    duplicate, _survivor = pair
    error = api_error(api("supervisor1").act(duplicate.ref, "merge"), 422, "invalid")
    assert set(error["fields"]) == {"into"}


def test_the_api_says_403_to_a_supervisor_of_only_one_unit(api, pair, make_idea, version_of):
    duplicate, _survivor = pair
    other_unit = make_idea(
        author="staff3", stage="approved", reviewer="director", unit="D1001-PWK", **SURVIVOR
    )
    error = api_error(
        api("supervisor1").act(duplicate.ref, "merge", into=other_unit.ref), 403, "forbidden"
    )
    assert "Public Works Section" in error["fields"]["into"] or "ฝ่ายโยธา" in error["fields"]["into"]
    assert version_of(duplicate.ref) == duplicate.version
    assert version_of(other_unit.ref) == other_unit.version
    assert api("director").act(duplicate.ref, "merge", into=other_unit.ref).status_code == 200


def test_the_api_says_403_to_staff_and_409_to_a_stale_version(api, pair, version_of):
    duplicate, survivor = pair
    api_error(api("staff1").act(duplicate.ref, "merge", into=survivor.ref), 403, "forbidden")
    stale = api("supervisor1").act(
        duplicate.ref, "merge", into=survivor.ref, version=duplicate.version - 1
    )
    api_error(stale, 409, "conflict")
    assert version_of(duplicate.ref) == duplicate.version


def test_the_api_says_409_to_merging_a_merged_idea_again(api, pair):
    duplicate, survivor = pair
    assert api("supervisor1").act(duplicate.ref, "merge", into=survivor.ref).status_code == 200
    again = api("director").act(duplicate.ref, "merge", into=survivor.ref)
    api_error(again, 409, "conflict")


def test_into_is_ignored_by_other_actions(api, pair):
    duplicate, survivor = pair
    response = api("supervisor1").act(duplicate.ref, "approve", into=survivor.ref)
    assert response.status_code == 200
    assert response.get_json()["idea"]["merged_into"] is None
    assert response.get_json()["event"]["related_idea"] is None


# == Lists ==============================================================================


def test_a_merged_idea_leaves_the_default_lists_and_shows_under_its_stage(api, pair, login):
    duplicate, survivor = pair
    staff3 = api("staff3")
    assert {duplicate.ref, survivor.ref} <= set(staff3.list_refs())
    assert api("supervisor1").act(duplicate.ref, "merge", into=survivor.ref).status_code == 200

    assert duplicate.ref not in staff3.list_refs()
    assert survivor.ref in staff3.list_refs()
    for sort in ("new", "top", "hours_saved", "step_reduction"):
        assert duplicate.ref not in staff3.list_refs(f"sort={sort}")
    assert staff3.list_refs("stage=merged") == [duplicate.ref]
    assert duplicate.ref not in staff3.list_refs("stage=submitted")
    # its author still finds it among their own ideas
    assert duplicate.ref in api("staff1").list_refs("mine=1")

    client = login("staff3")
    page = text(client.get("/ideas/?lang=en"))
    assert survivor.ref in page and duplicate.ref not in page
    filtered = tree(client.get("/ideas/?stage=merged&lang=en"))
    assert [a.get("href") for a in filtered.xpath("//a[@class='idea-title']")] == [
        f"/ideas/{duplicate.ref}"
    ]
    assert "merged" in filtered.xpath("//select[@name='stage']/option/@value")


# == The idea page, without JavaScript ==================================================


def merge_form(client, ref, version, into, note=""):
    return client.post(
        f"/ideas/{ref}/transitions?lang=en",
        data={"action": "merge", "version": str(version), "into": into, "note": note},
    )


def test_the_supervisor_merges_from_the_idea_page(pair, browser, db_session):
    duplicate, survivor = pair
    supervisor = browser("supervisor1")
    page = tree(supervisor.get(f"/ideas/{duplicate.ref}?lang=en"))
    [form] = page.xpath("//form[input[@name='action'][@value='merge']]")
    [field] = form.xpath(".//input[@name='into']")
    assert field.get("placeholder") == "IDEA-2569-00042"
    label = form.xpath(".//label[@for=$id]", id=field.get("id"))[0].text_content()
    assert "Merge into" in label
    assert form.xpath(".//button")[0].text_content().strip() == "Merge into another idea"
    assert not tree(browser("staff1").get(f"/ideas/{duplicate.ref}")).xpath("//input[@name='into']")

    response = merge_form(supervisor, duplicate.ref, duplicate.version, survivor.ref, NOTE)

    assert response.status_code == 302 and location(response) == f"/ideas/{duplicate.ref}"
    assert saved(db_session, duplicate.ref).stage == "merged"
    doc = tree(browser("staff3").get(f"/ideas/{duplicate.ref}?lang=en"))
    [banner] = doc.xpath("//aside[contains(@class, 'merge-note')]")
    assert "This idea was merged into another idea" in banner.text_content()
    assert banner.xpath(".//a/@href") == [f"/ideas/{survivor.ref}"]
    assert survivor.title in banner.text_content() and NOTE in banner.text_content()
    assert doc.xpath("//span[contains(@class, 'badge')]")[0].text_content() == (
        "Merged into another idea"
    )
    assert not doc.xpath("//input[@name='into']")  # nothing more to do with it
    [related] = doc.xpath("//ol[@class='timeline']//p[@data-related-idea]")
    assert related.xpath(".//a/@href") == [f"/ideas/{survivor.ref}"]

    kept = tree(browser("staff3").get(f"/ideas/{survivor.ref}?lang=en"))
    [listed] = kept.xpath("//aside[contains(@class, 'merged-in')]")
    assert "Duplicates merged into this idea" in listed.text_content()
    assert listed.xpath(".//a/@href") == [f"/ideas/{duplicate.ref}"]
    assert duplicate.title in listed.text_content()
    timeline = kept.xpath("//ol[@class='timeline']")[0]
    assert "Merged a duplicate in" in timeline.text_content()
    assert timeline.xpath(".//p[@data-related-idea]//a/@href") == [f"/ideas/{duplicate.ref}"]


def test_the_thai_page_says_merged(pair, browser):
    duplicate, survivor = pair
    supervisor = browser("supervisor1")
    assert merge_form(supervisor, duplicate.ref, duplicate.version, survivor.ref).status_code == 302
    page = text(supervisor.get(f"/ideas/{duplicate.ref}?lang=th"))
    assert "รวมกับไอเดียอื่นแล้ว" in page
    assert "ไอเดียนี้ถูกรวมเข้ากับไอเดียอื่นแล้ว" in page


def into_errors(response) -> list[str]:
    doc = tree(response)
    [form] = doc.xpath("//form[input[@name='action'][@value='merge']]")
    return [p.text_content().strip() for p in form.xpath(".//p[@class='field-error']")]


def test_a_wrong_reference_is_shown_on_the_field_with_what_was_typed(pair, browser, db_session):
    duplicate, _survivor = pair
    response = merge_form(
        browser("supervisor1"), duplicate.ref, duplicate.version, "IDEA-2569-77777"
    )
    assert response.status_code == 422
    assert into_errors(response) == ["No idea has the reference “IDEA-2569-77777”."]
    doc = tree(response)
    [field] = doc.xpath("//input[@name='into']")
    assert field.get("value") == "IDEA-2569-77777" and field.get("aria-invalid") == "true"
    assert saved(db_session, duplicate.ref).stage == "submitted"


def test_the_unit_rule_is_shown_on_the_field_as_a_403(pair, make_idea, browser, db_session):
    duplicate, _survivor = pair
    other_unit = make_idea(
        author="staff3", stage="approved", reviewer="director", unit="D1001-PWK", **SURVIVOR
    )
    response = merge_form(browser("supervisor1"), duplicate.ref, duplicate.version, other_unit.ref)
    assert response.status_code == 403
    assert into_errors(response) == [
        f"{other_unit.ref} belongs to Public Works Section, which you do not supervise."
    ]
    assert any("only into an idea of a unit you supervise" in m for m in flashes(tree(response)))
    assert saved(db_session, duplicate.ref).stage == "submitted"


def test_a_stale_merge_button_is_a_conflict(pair, browser, db_session):
    duplicate, survivor = pair
    response = merge_form(browser("director"), duplicate.ref, duplicate.version - 1, survivor.ref)
    assert response.status_code == 409
    assert saved(db_session, duplicate.ref).stage == "submitted"
