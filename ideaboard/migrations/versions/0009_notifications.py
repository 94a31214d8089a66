"""Notifications: who was told of what, the e-mail outbox, and each person's e-mail choice

Revision ID: 0009_notifications
Revises: 0008_accounts
Create Date: 2026-11-26 17:40:00

Nobody has been told anything yet, so the tables start empty (events that happened before
notify nobody). Everyone wants e-mail until they say otherwise (``email_notifications``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_notifications"
down_revision = "0008_accounts"
branch_labels = None
depends_on = None

UNREAD = sa.text("read_at IS NULL")


def upgrade():
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("stage", "review", "comment", "merged", name="notification_kind",
                                  native_enum=False, create_constraint=True, length=12),
                  nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(kind = 'comment' AND comment_id IS NOT NULL AND event_id IS NULL) OR "
            "(kind <> 'comment' AND event_id IS NOT NULL AND comment_id IS NULL)",
            name=op.f("ck_notifications_names_what_happened"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_notifications_user_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"],
                                name=op.f("fk_notifications_idea_id_ideas"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"],
                                name=op.f("fk_notifications_actor_id_users")),
        sa.ForeignKeyConstraint(["event_id"], ["stage_events.id"],
                                name=op.f("fk_notifications_event_id_stage_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"],
                                name=op.f("fk_notifications_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("user_id", "event_id", name="uq_notifications_user_event"),
        sa.UniqueConstraint("user_id", "comment_id", name="uq_notifications_user_comment"),
        sqlite_autoincrement=True,  # ids never reused: the API names notifications
    )  # fmt: skip
    op.create_index("ix_notifications_user_id", "notifications", ["user_id", "id"])
    op.create_index(
        "ix_notifications_unread", "notifications", ["user_id", "id"],
        sqlite_where=UNREAD, postgresql_where=UNREAD,
    )  # fmt: skip
    op.create_index("ix_notifications_idea_id", "notifications", ["idea_id"])

    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=400), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.Enum("pending", "sending", "sent", "failed", name="mail_status",
                                    native_enum=False, create_constraint=True, length=10),
                  nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(status IN ('pending', 'sending')) = (next_attempt_at IS NOT NULL)",
            name=op.f("ck_mail_outbox_due_while_unsent"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_mail_outbox_attempts_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_index("ix_mail_outbox_due", "mail_outbox", ["next_attempt_at"])

    # a plain ADD COLUMN on both databases (the table is not recreated)
    op.add_column(
        "users",
        sa.Column("email_notifications", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade():
    keep = {"sqlite_autoincrement": True}  # users keep AUTOINCREMENT when SQLite recreates it
    with op.batch_alter_table("users", schema=None, table_kwargs=keep) as batch_op:
        batch_op.drop_column("email_notifications")
    op.drop_index("ix_mail_outbox_due", table_name="mail_outbox")
    op.drop_table("mail_outbox")
    op.drop_index("ix_notifications_idea_id", table_name="notifications")
    op.drop_index("ix_notifications_unread", table_name="notifications")
    op.drop_index("ix_notifications_user_id", table_name="notifications")
    op.drop_table("notifications")
