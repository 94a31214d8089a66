"""Roster imports: the record of every dry run and applied import of the HR roster

Revision ID: 0010_roster
Revises: 0009_notifications
Create Date: 2026-11-27 09:00:00

One row per run (who, when, which file by name and SHA-256, the counts, the report's rows).
An applied import names the browser preview it applied (``preview_id``, unique: a preview
is applied once).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_roster"
down_revision = "0009_notifications"
branch_labels = None
depends_on = None


def enum(values, name, length):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=length)


def upgrade():
    op.create_table(
        "roster_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("source", enum(("web", "cli"), "importsource", 8), nullable=False),
        sa.Column("mode", enum(("dry_run", "applied"), "importmode", 12), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("deactivate_missing", sa.Boolean(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("deactivated", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("stored_name", sa.String(length=80), nullable=True),
        sa.Column("preview_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], name=op.f("fk_roster_imports_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["preview_id"], ["roster_imports.id"],
                                name=op.f("fk_roster_imports_preview_id_roster_imports"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_imports")),
        sa.UniqueConstraint("preview_id", name=op.f("uq_roster_imports_preview_id")),
        sqlite_autoincrement=True,  # ids never reused
    )  # fmt: skip


def downgrade():
    op.drop_table("roster_imports")
