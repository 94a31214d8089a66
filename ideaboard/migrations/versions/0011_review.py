"""Review queue: a partial index on the ideas waiting in *submitted*, by unit and age

Revision ID: 0011_review
Revises: 0010_roster
Create Date: 2026-12-02 10:00:00

``ideas.submitted_at`` (the latest submission or resubmission, set by the transition) is
what the queue sorts by. Every submitted idea has it; one that somehow lacks it is given the
moment of its latest submit event, so none sorts as unknown.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_review"
down_revision = "0010_roster"
branch_labels = None
depends_on = None

WAITING = "stage = 'submitted'"


def upgrade():
    op.execute(
        "UPDATE ideas SET submitted_at = (SELECT max(e.created_at) FROM stage_events e "
        "WHERE e.idea_id = ideas.id AND e.action = 'submit') "
        "WHERE stage = 'submitted' AND submitted_at IS NULL"
    )
    op.create_index(
        "ix_ideas_waiting_review",
        "ideas",
        ["unit_id", "submitted_at"],
        unique=False,
        sqlite_where=sa.text(WAITING),
        postgresql_where=sa.text(WAITING),
    )


def downgrade():
    op.drop_index("ix_ideas_waiting_review", table_name="ideas")
