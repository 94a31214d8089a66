"""Administration: the audit log, closed units, a person's version

Revision ID: 0012_admin
Revises: 0011_review
Create Date: 2026-11-27 10:00:00

``audit_log`` holds one row per administrative change; its rows are never changed: a
trigger refuses an UPDATE on both databases (deleting old rows stays possible for a
database administrator). ``org_units.closed_at`` marks a closed unit. ``users.version`` is
what an administrator's page was built on (a stale page is refused). Ending a person's
sessions raises ``users.session_version`` (0008_accounts).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_admin"
down_revision = "0011_review"
branch_labels = None
depends_on = None

REFUSAL = "audit_log rows are never changed"


def upgrade():
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_label", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_audit_log_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sqlite_autoincrement=True,  # an entry's number is never given twice
    )  # fmt: skip
    op.create_index("ix_audit_log_actor", "audit_log", ["actor_id", "id"], unique=False)
    op.create_index("ix_audit_log_action", "audit_log", ["action", "id"], unique=False)
    op.create_index(
        "ix_audit_log_target", "audit_log", ["target_type", "target_id", "id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_never_changed BEFORE UPDATE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_update()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_log_never_changed BEFORE UPDATE ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )

    keep = {"sqlite_autoincrement": True}  # recreated tables keep AUTOINCREMENT on SQLite
    with op.batch_alter_table("org_units", schema=None, table_kwargs=keep) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users", schema=None, table_kwargs=keep) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade():
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("users", schema=None, table_kwargs=keep) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("org_units", schema=None, table_kwargs=keep) as batch_op:
        batch_op.drop_column("closed_at")
    op.execute("DROP TRIGGER IF EXISTS audit_log_never_changed ON audit_log"
               if op.get_bind().dialect.name == "postgresql"
               else "DROP TRIGGER IF EXISTS audit_log_never_changed")  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_refuse_update()")
    op.drop_index("ix_audit_log_target", table_name="audit_log")
    op.drop_index("ix_audit_log_action", table_name="audit_log")
    op.drop_index("ix_audit_log_actor", table_name="audit_log")
    op.drop_table("audit_log")
