"""Accounts: a session version per user (a password change ends the other sessions), when the
password last changed, and a name and last use per API token

Revision ID: 0008_accounts
Revises: 0007_files
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_accounts"
down_revision = "0007_files"
branch_labels = None
depends_on = None

KEEP = {"sqlite_autoincrement": True}  # ids are never reused


def upgrade():
    with op.batch_alter_table("users", schema=None, table_kwargs=KEEP) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("api_tokens", schema=None, table_kwargs=KEEP) as batch_op:
        batch_op.add_column(
            sa.Column("name", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("api_tokens", schema=None, table_kwargs=KEEP) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("name")
    with op.batch_alter_table("users", schema=None, table_kwargs=KEEP) as batch_op:
        batch_op.drop_column("password_changed_at")
        batch_op.drop_column("session_version")
