"""References are enforced on both databases: no row may point at a parent that does not
exist, an idea's children go with it, and an id that history hangs on is never given twice.

The per-reference test is parametrized from ``db.metadata``, so a new table is covered the
day it is declared."""

from __future__ import annotations

import itertools
import uuid

import pytest
import sqlalchemy as sa
from fixtures.ideas import FULL_IDEA
from sqlalchemy.exc import IntegrityError

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db as _db
from ideaboard.ideas.models import Idea, StageEvent, Step, idea_coauthors
from ideaboard.people.models import OrgUnit, User
from ideaboard.people.operations import unit_by_code, user_by_username

REFERENCES = [
    pytest.param(table.name, fk.name, id=f"{table.name}.{fk.name}")
    for table in _db.metadata.sorted_tables
    for fk in sorted(table.foreign_key_constraints, key=lambda fk: fk.name)
]


@pytest.fixture
def world(app_ctx, make_idea):
    """Every table holds at least one row: an idea with steps, events and a co-author, a
    reviewer with a role, a token."""
    from ideaboard.engagement.models import Follow
    from ideaboard.engagement.operations import add_comment, cast_vote
    from ideaboard.ideas.operations import idea_by_ref
    from ideaboard.people.models import Role, UserRole
    from ideaboard.people.operations import issue_token

    ref = make_idea(stage="submitted", coauthors=["staff2"]).ref
    director = user_by_username("director")
    _db.session.add(UserRole(user=director, role=Role.COMMITTEE))
    issue_token(director, days=1)
    cast_vote(idea_by_ref(ref), director)
    add_comment(idea_by_ref(ref), director, {"body": "ขอดูสถิติประกอบครับ"})
    # the team and the voter follow automatically; the row built for follows (the first
    # idea, the first person) must be a new one
    _db.session.execute(sa.delete(Follow).where(Follow.user_id != director.id))
    _db.session.commit()


_numbers = itertools.count(900_001)


def _plausible_value(column: sa.Column):
    """A value the column accepts; unique where the column might have to be."""
    kind = column.type
    if isinstance(kind, sa.Enum):
        return next(iter(kind.enum_class)) if kind.enum_class else kind.enums[0]
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.DateTime):
        return utcnow()
    if isinstance(kind, sa.JSON):
        return []
    if isinstance(kind, sa.Integer):
        return next(_numbers)
    if isinstance(kind, sa.Float):
        return 1.0
    if isinstance(kind, sa.String):  # Text too
        text = f"ทดสอบ-{uuid.uuid4().hex}"
        return text[: kind.length] if kind.length else text
    raise AssertionError(f"no plausible value for {column} ({kind!r}): extend this builder")


def _valid_row(conn, table: sa.Table) -> dict:
    """A row that every constraint of ``table`` accepts, its references pointing at the
    first existing parent rows."""
    row = {}
    for fk in table.foreign_key_constraints:
        parent = fk.referred_table
        columns = [element.column for element in fk.elements]
        first = conn.execute(sa.select(*columns).order_by(*columns).limit(1)).one_or_none()
        assert first is not None, f"the world has no {parent.name} row to point at"
        row.update(
            {element.parent.name: value for element, value in zip(fk.elements, first, strict=True)}
        )
    for column in table.columns:
        if column.name in row:
            continue
        if column is table.autoincrement_column:
            continue  # the database numbers it
        if column.default is not None or column.server_default is not None:
            continue
        if column.nullable and not column.primary_key:
            continue
        row[column.name] = _plausible_value(column)
    return row


# Tables whose CHECK ties references together: the rest of a valid row, given the row and
# the columns of the reference under test. A notification names its stage event or its
# comment; it goes to the comment's writer, whom nobody notifies of their own comment.
def _notification_shape(conn, row: dict, columns: set[str]) -> dict:
    if "comment_id" not in columns:
        return {"kind": "stage", "comment_id": None}
    comments = _db.metadata.tables["comments"]
    writer = conn.execute(
        sa.select(comments.c.author_id).where(comments.c.id == row["comment_id"])
    ).scalar_one()
    return {"kind": "comment", "event_id": None, "user_id": writer}


SHAPES = {"notifications": _notification_shape}


def _missing_parent(conn, fk: sa.ForeignKeyConstraint) -> dict:
    """Values for the reference's columns that no parent row has."""
    values = {}
    for element in fk.elements:
        highest = conn.execute(sa.select(sa.func.max(element.column))).scalar() or 0
        values[element.parent.name] = highest + 1000
    return values


@pytest.mark.parametrize(("table_name", "fk_name"), REFERENCES)
def test_a_reference_to_a_missing_parent_is_refused(world, table_name, fk_name):
    table = _db.metadata.tables[table_name]
    fk = next(fk for fk in table.foreign_key_constraints if fk.name == fk_name)
    with _db.engine.connect() as conn:
        row = _valid_row(conn, table)
        if table_name in SHAPES:
            columns = {element.parent.name for element in fk.elements}
            row.update(SHAPES[table_name](conn, row, columns))
        # the same row with its references intact is accepted: the refusal below is the
        # reference's doing, not another constraint's
        conn.execute(table.insert().values(row))
        conn.rollback()
        with pytest.raises(IntegrityError) as refused:
            conn.execute(table.insert().values({**row, **_missing_parent(conn, fk)}))
        conn.rollback()
    assert "foreign key" in str(refused.value.orig).lower()


def test_every_reference_is_covered():
    """The parametrization above is not empty and sees the tables history hangs on."""
    covered = {param.values[0] for param in REFERENCES}
    assert {"ideas", "idea_steps", "stage_events", "idea_coauthors", "users"} <= covered


def _api_draft(client, headers, title):
    response = client.post("/api/v1/ideas", json={**FULL_IDEA, "title": title}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_deleted_drafts_history_never_shows_on_another_idea(client, token, people, db_session):
    staff3, staff1 = token("staff3"), token("staff1")
    draft = _api_draft(client, staff3, "ร่างที่จะลบ: แบบฟอร์มขออนุญาตก่อสร้าง 2 หน้า")
    with db_session() as session:
        deleted_id = session.scalar(sa.select(Idea.id).where(Idea.ref == draft["ref"]))
    response = client.delete(
        f"/api/v1/ideas/{draft['ref']}", json={"version": draft["version"]}, headers=staff3
    )
    assert response.status_code == 204

    idea = _api_draft(client, staff1, "ขอสำเนาทะเบียนบ้านได้ในจุดเดียว ภายใน 15 นาที")
    events = client.get(f"/api/v1/ideas/{idea['ref']}/events", headers=staff1).get_json()
    assert [(e["action"], e["actor"]["username"]) for e in events["items"]] == [
        ("create", "staff1")
    ]
    with db_session() as session:
        new_id = session.scalar(sa.select(Idea.id).where(Idea.ref == idea["ref"]))
    assert new_id > deleted_id  # the deleted idea's id is never given again
    assert idea["ref"] != draft["ref"]


def test_ids_are_never_given_twice_after_the_newest_row_is_deleted(make_idea, db):
    """Steps and events of a deleted draft: their ids are not handed to the next idea's."""
    first = make_idea(author="staff3")
    old = {
        Step: max(step.id for step in first.current_steps + first.proposed_steps),
        StageEvent: max(event.id for event in first.events),
        Idea: first.id,
    }
    db.session.delete(first)
    db.session.commit()
    second = make_idea(author="staff1")
    assert second.id > old[Idea]
    assert min(step.id for step in second.current_steps + second.proposed_steps) > old[Step]
    assert min(event.id for event in second.events) > old[StageEvent]


def test_deleting_a_draft_deletes_its_steps_events_and_coauthor_links(
    client, token, make_idea, db_session
):
    kept = make_idea(author="staff2", coauthors=["staff1"])
    draft = make_idea(author="staff1", coauthors=["staff2"])
    draft_id = draft.id
    response = client.delete(
        f"/api/v1/ideas/{draft.ref}", json={"version": draft.version}, headers=token("staff1")
    )
    assert response.status_code == 204

    def left(table, column):
        with db_session() as session:
            return session.scalar(
                sa.select(sa.func.count()).select_from(table).where(column == draft_id)
            )

    assert left(Step.__table__, Step.idea_id) == 0
    assert left(StageEvent.__table__, StageEvent.idea_id) == 0
    assert left(idea_coauthors, idea_coauthors.c.idea_id) == 0
    # the other idea keeps everything
    kept_id = kept.id
    with db_session() as session:
        kept = session.get(Idea, kept_id)
        assert len(kept.current_steps) == len(FULL_IDEA["current_steps"])
        assert [event.action for event in kept.events] == ["create"]
        assert [user.username for user in kept.coauthors] == ["staff1"]


def test_history_goes_with_its_idea_even_when_deleted_outside_the_orm(make_idea, db):
    """ON DELETE CASCADE is the database's own rule, not only the ORM's."""
    idea = make_idea(coauthors=["staff2"])
    idea_id = idea.id
    db.session.commit()
    db.session.close()
    with db.engine.begin() as conn:
        conn.execute(sa.delete(Idea.__table__).where(Idea.__table__.c.id == idea_id))
    for table in (Step.__table__, StageEvent.__table__, idea_coauthors):
        count = db.session.scalar(
            sa.select(sa.func.count()).select_from(table).where(table.c.idea_id == idea_id)
        )
        assert count == 0, table.name


def test_a_user_who_wrote_an_idea_cannot_be_deleted(make_idea, db):
    make_idea(author="staff1")
    db.session.delete(user_by_username("staff1"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert user_by_username("staff1") is not None


def test_a_user_who_acted_on_someone_elses_idea_cannot_be_deleted(make_idea, db):
    """The reviewer's name stays on the history they wrote."""
    make_idea(author="staff1", stage="approved")
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(sa.delete(User.__table__).where(User.__table__.c.username == "supervisor1"))
    assert user_by_username("supervisor1") is not None


def test_a_user_who_voted_or_commented_cannot_be_deleted(make_idea, db):
    """Their vote stays counted and their comment keeps its writer (people are deactivated,
    not deleted)."""
    from ideaboard.engagement.operations import add_comment, cast_vote
    from ideaboard.ideas.operations import idea_by_ref

    ref = make_idea(author="staff1", stage="submitted").ref
    cast_vote(idea_by_ref(ref), user_by_username("staff3"))
    add_comment(idea_by_ref(ref), user_by_username("outsider"), {"body": "เห็นด้วยค่ะ"})
    db.session.commit()
    for name in ("staff3", "outsider"):
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(sa.delete(User.__table__).where(User.__table__.c.username == name))
    assert idea_by_ref(ref).vote_count == 1


@pytest.mark.parametrize("code", ["D1001-REG", "D1001"])
def test_a_unit_with_people_or_ideas_cannot_be_deleted(make_idea, db, code):
    make_idea(author="staff1")
    db.session.delete(unit_by_code(code))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert unit_by_code(code) is not None


def test_a_unit_with_sub_units_cannot_be_deleted(org, db):
    """MED has no people, but MED-H02 hangs under it: the ORM does not cut it loose (a
    root with a stale path) to let the delete through."""
    med = unit_by_code("MED")
    assert [child.code for child in med.children] == ["MED-H02"]
    db.session.delete(med)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert unit_by_code("MED-H02").parent.code == "MED"
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(sa.delete(OrgUnit.__table__).where(OrgUnit.__table__.c.code == "MED"))
    assert unit_by_code("MED") is not None


def test_sqlite_connections_enforce_references(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL always enforces references")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    # a new connection too, not only the pooled ones
    with db.engine.connect() as conn:
        conn.invalidate()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
