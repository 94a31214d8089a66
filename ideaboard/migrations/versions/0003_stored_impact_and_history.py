"""Impact stored on the idea, list-order indexes, edits in the history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 12:10:00

The impact columns are filled from each idea's steps, volume and measurement by the same
pure function the application uses (``ideaboard.ideas.impact``).
"""

from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ACTIONS = (
    "create", "edit", "submit", "withdraw", "approve", "return", "decline", "start_pilot",
    "implement",
)  # fmt: skip
INT_COLUMNS = ("steps_before", "steps_after", "minutes_before", "minutes_after",
               "citizen_visits_before", "citizen_visits_after")  # fmt: skip
NULLABLE = {
    "step_reduction_pct": sa.Float(),
    "minutes_saved_per_case": sa.Integer(),
    "hours_saved_per_year": sa.Float(),
    "measured_step_reduction_pct": sa.Float(),
    "measured_minutes_saved_per_case": sa.Integer(),
    "measured_hours_saved_per_year": sa.Float(),
}
SORT_INDEXES = {
    "ix_ideas_sort_new": ["created_at", "id"],
    "ix_ideas_sort_top": ["vote_count", "id"],
    "ix_ideas_sort_hours_saved": ["hours_saved_per_year", "id"],
    "ix_ideas_sort_step_reduction": ["step_reduction_pct", "id"],
    "ix_ideas_author_created": ["author_id", "created_at"],
}


def upgrade():
    # a recreated table keeps AUTOINCREMENT on SQLite only when told (ids are never reused)
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("ideas", schema=None, table_kwargs=keep) as batch_op:
        for name in INT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        for name, type_ in NULLABLE.items():
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        for name, columns in SORT_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        batch_op.drop_index("ix_ideas_author_id")  # its place is taken by the wider one
        batch_op.drop_index("ix_ideas_stage")  # a planner picking it sorts a quarter of the table

    with op.batch_alter_table("stage_events", schema=None, table_kwargs=keep) as batch_op:
        batch_op.add_column(sa.Column("changes", sa.JSON(), nullable=True))
        batch_op.alter_column(
            "action",
            existing_type=sa.String(length=24),
            type_=sa.Enum(*ACTIONS, name="action", native_enum=False, create_constraint=True,
                          length=24),
            existing_nullable=False,
        )  # fmt: skip
        batch_op.create_check_constraint(
            "reason_given",
            "action NOT IN ('return', 'decline') OR (note IS NOT NULL AND note <> '')",
        )

    fill_impact()


def fill_impact():
    from ideaboard.ideas.impact import stored_numbers

    bind = op.get_bind()
    meta = sa.MetaData()
    ideas = sa.Table("ideas", meta, autoload_with=bind)
    steps = sa.Table("idea_steps", meta, autoload_with=bind)
    by_idea: dict[tuple[int, str], list] = {}
    for row in bind.execute(sa.select(steps).order_by(steps.c.idea_id, steps.c.position)):
        by_idea.setdefault((row.idea_id, row.kind), []).append(
            SimpleNamespace(
                work_minutes=row.work_minutes,
                wait_minutes=row.wait_minutes,
                citizen_present=bool(row.citizen_present),
            )
        )
    columns = (ideas.c.id, ideas.c.annual_volume, ideas.c.measured_steps_after,
               ideas.c.measured_minutes_after)  # fmt: skip
    for idea in bind.execute(sa.select(*columns)).all():
        values = stored_numbers(
            by_idea.get((idea.id, "current"), []),
            by_idea.get((idea.id, "proposed"), []),
            idea.annual_volume,
            idea.measured_steps_after,
            idea.measured_minutes_after,
        )
        # a plain UPDATE: the version column is the application's, not the migration's
        bind.execute(ideas.update().where(ideas.c.id == idea.id).values(**values))


def downgrade():
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("stage_events", schema=None, table_kwargs=keep) as batch_op:
        batch_op.drop_constraint("reason_given", type_="check")
        batch_op.alter_column(
            "action",
            existing_type=sa.Enum(*ACTIONS, name="action", native_enum=False,
                                  create_constraint=True, length=24),
            type_=sa.String(length=24),
            existing_nullable=False,
        )  # fmt: skip
        batch_op.drop_column("changes")
    op.execute("DELETE FROM stage_events WHERE action = 'edit'")

    with op.batch_alter_table("ideas", schema=None, table_kwargs=keep) as batch_op:
        for name in SORT_INDEXES:
            batch_op.drop_index(name)
        batch_op.create_index("ix_ideas_author_id", ["author_id"], unique=False)
        batch_op.create_index("ix_ideas_stage", ["stage"], unique=False)
        for name in (*NULLABLE, *INT_COLUMNS):
            batch_op.drop_column(name)
