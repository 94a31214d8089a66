"""Engagement: votes, follows and comments; the trending score and its list index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 14:10:00

Votes and follows are keyed by (idea, person): the key is the rule "one person, one vote"
and lets a later merge move them with UPDATEs. Comments are numbered (the API names them)
and their ids are never given twice. Ideas get ``trending_score`` (votes weighted by
recency, see ``ideaboard.engagement.trending``); no idea has a vote row yet, so every score
starts at 0. A database whose ``vote_count`` was filled by the synthetic data generator
keeps its numbers; the counters follow the vote rows from now on.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "votes",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.CheckConstraint("weight > 0", name=op.f("ck_votes_vote_weight_positive")),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_votes_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_votes_user_id_users")),
        sa.PrimaryKeyConstraint("idea_id", "user_id", name=op.f("pk_votes")),
    )  # fmt: skip
    op.create_index("ix_votes_user_idea", "votes", ["user_id", "idea_id"], unique=False)

    op.create_table(
        "follows",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("following", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_follows_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_follows_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("idea_id", "user_id", name=op.f("pk_follows")),
    )  # fmt: skip
    op.create_index(op.f("ix_follows_user_id"), "follows", ["user_id"], unique=False)

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(deleted_at IS NULL AND body <> '') OR (deleted_at IS NOT NULL AND body = '')",
            name=op.f("ck_comments_comment_text_or_deleted"),
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"],
                                name=op.f("fk_comments_author_id_users")),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_comments_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sqlite_autoincrement=True,  # ids never reused
    )  # fmt: skip
    op.create_index("ix_comments_idea_id", "comments", ["idea_id", "id"], unique=False)

    # a recreated table keeps AUTOINCREMENT on SQLite only when told (ids are never reused)
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("ideas", schema=None, table_kwargs=keep) as batch_op:
        batch_op.add_column(
            sa.Column("trending_score", sa.Float(), nullable=False, server_default="0")
        )
        batch_op.create_index("ix_ideas_sort_trending", ["trending_score", "id"], unique=False)


def downgrade():
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("ideas", schema=None, table_kwargs=keep) as batch_op:
        batch_op.drop_index("ix_ideas_sort_trending")
        batch_op.drop_column("trending_score")
    op.drop_index("ix_comments_idea_id", table_name="comments")
    op.drop_table("comments")
    op.drop_index(op.f("ix_follows_user_id"), table_name="follows")
    op.drop_table("follows")
    op.drop_index("ix_votes_user_idea", table_name="votes")
    op.drop_table("votes")
