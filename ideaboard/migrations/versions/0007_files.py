"""Files: photos, PDFs and office documents attached to ideas, and evidence of results

Revision ID: 0007_files
Revises: 0006
Create Date: 2026-11-27 10:00:00

One row per stored file: who attached it and as what (attachment or evidence), the cleaned
name people see, the made-up key its bytes are stored under, and what its content was found
to be (type, size, checksum, an image's dimensions). The bytes live in the file storage
(``instance/uploads`` by default), not in the database; stepping back over this migration
drops the rows and leaves the bytes for the operator to remove.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_files"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("uploader_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("attachment", "evidence", name="attachment_kind",
                                  native_enum=False, create_constraint=True, length=12),
                  nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("stored_key", sa.String(length=64), nullable=False),
        sa.Column("thumbnail_key", sa.String(length=70), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size > 0", name=op.f("ck_attachments_not_empty")),
        sa.CheckConstraint("(width IS NULL) = (height IS NULL)",
                           name=op.f("ck_attachments_both_dimensions_or_none")),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_attachments_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["uploader_id"], ["users.id"],
                                name=op.f("fk_attachments_uploader_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("stored_key", name=op.f("uq_attachments_stored_key")),
        sqlite_autoincrement=True,  # ids never reused: the API names files by id
    )  # fmt: skip
    op.create_index("ix_attachments_idea_id", "attachments", ["idea_id", "id"], unique=False)
    op.create_index(
        op.f("ix_attachments_uploader_id"), "attachments", ["uploader_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_attachments_uploader_id"), table_name="attachments")
    op.drop_index("ix_attachments_idea_id", table_name="attachments")
    op.drop_table("attachments")
