"""The schema comes from migrations: they build an empty database, match the models,
and step back down cleanly."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from ideaboard.extensions import db


def test_migrations_match_the_models(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_upgrade_builds_every_table_from_empty(app):
    names = set(sa.inspect(db.engine).get_table_names())
    assert {"users", "org_units", "ideas", "idea_steps", "stage_events", "alembic_version"} <= names


def test_downgrade_to_base_and_back(app):
    downgrade(revision="base")
    assert "ideas" not in sa.inspect(db.engine).get_table_names()
    upgrade()
    assert "ideas" in sa.inspect(db.engine).get_table_names()


def test_check_constraints_back_the_invariants(make_idea, db):
    idea = make_idea(stage="approved")
    with db.engine.connect() as conn:
        try:
            conn.execute(
                sa.text("UPDATE ideas SET stage = 'implemented' WHERE id = :id"), {"id": idea.id}
            )
        except sa.exc.IntegrityError:
            conn.rollback()
        else:
            raise AssertionError("an implemented idea without a measurement was accepted")
        try:
            conn.execute(sa.text("UPDATE idea_steps SET work_minutes = -1"))
        except sa.exc.IntegrityError:
            conn.rollback()
        else:
            raise AssertionError("negative minutes were accepted")
