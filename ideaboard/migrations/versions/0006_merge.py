"""Merge: a duplicate points to the idea that took it in; events name the other idea

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 14:45:00

The stage and action enums gain ``merged`` and ``merge``/``absorb``: their CHECK constraints
are widened (on SQLite by recreating the tables, which keep AUTOINCREMENT).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STAGES = ("draft", "submitted", "returned", "approved", "declined", "piloting", "implemented",
          "nominated", "awarded")  # fmt: skip
ACTIONS = ("create", "edit", "submit", "withdraw", "approve", "return", "decline",
           "start_pilot", "implement")  # fmt: skip
NEW_STAGES = (*STAGES, "merged")
NEW_ACTIONS = (*ACTIONS, "merge", "absorb")
MERGED_CHECK = "stage <> 'merged' OR (merged_into_id IS NOT NULL AND merged_into_id <> id)"


def enum(values, name):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


def upgrade():
    keep = {"sqlite_autoincrement": True}  # ids are never reused (history hangs on them)
    with op.batch_alter_table("ideas", schema=None, table_kwargs=keep) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_ideas_merged_into_id", ["merged_into_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_ideas_merged_into_id_ideas", "ideas", ["merged_into_id"], ["id"]
        )
        batch_op.alter_column(
            "stage", existing_type=enum(STAGES, "stage"), type_=enum(NEW_STAGES, "stage"),
            existing_nullable=False,
        )  # fmt: skip
        batch_op.create_check_constraint("merged_names_its_survivor", MERGED_CHECK)

    with op.batch_alter_table("stage_events", schema=None, table_kwargs=keep) as batch_op:
        batch_op.add_column(sa.Column("related_idea_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_stage_events_related_idea_id_ideas", "ideas", ["related_idea_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
        batch_op.alter_column(
            "action", existing_type=enum(ACTIONS, "action"), type_=enum(NEW_ACTIONS, "action"),
            existing_nullable=False,
        )  # fmt: skip
        for column in ("from_stage", "to_stage"):
            batch_op.alter_column(
                column, existing_type=enum(STAGES, column), type_=enum(NEW_STAGES, column),
                existing_nullable=column == "from_stage",
            )  # fmt: skip


def downgrade():
    keep = {"sqlite_autoincrement": True}
    # the merge history goes; a merged idea returns to the stage it was merged from
    op.execute(
        "UPDATE ideas SET stage = (SELECT e.from_stage FROM stage_events e WHERE e.idea_id = "
        "ideas.id AND e.action = 'merge' ORDER BY e.id DESC LIMIT 1), merged_into_id = NULL "
        "WHERE stage = 'merged'"
    )
    op.execute("DELETE FROM stage_events WHERE action IN ('merge', 'absorb')")
    with op.batch_alter_table("stage_events", schema=None, table_kwargs=keep) as batch_op:
        for column in ("from_stage", "to_stage"):
            batch_op.alter_column(
                column, existing_type=enum(NEW_STAGES, column), type_=enum(STAGES, column),
                existing_nullable=column == "from_stage",
            )  # fmt: skip
        batch_op.alter_column(
            "action", existing_type=enum(NEW_ACTIONS, "action"), type_=enum(ACTIONS, "action"),
            existing_nullable=False,
        )  # fmt: skip
        batch_op.drop_constraint("fk_stage_events_related_idea_id_ideas", type_="foreignkey")
        batch_op.drop_column("related_idea_id")

    with op.batch_alter_table("ideas", schema=None, table_kwargs=keep) as batch_op:
        batch_op.drop_constraint("merged_names_its_survivor", type_="check")
        batch_op.alter_column(
            "stage", existing_type=enum(NEW_STAGES, "stage"), type_=enum(STAGES, "stage"),
            existing_nullable=False,
        )  # fmt: skip
        batch_op.drop_constraint("fk_ideas_merged_into_id_ideas", type_="foreignkey")
        batch_op.drop_index("ix_ideas_merged_into_id")
        batch_op.drop_column("merged_into_id")
