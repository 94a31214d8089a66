"""Search: the search document of every idea and the indexes each database reads it with

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 14:30:00

SQLite: two FTS5 tables over ``idea_search`` (external content, kept in step by triggers):
``idea_search_trigram`` for substrings of three characters or more, ``idea_search_words``
for the segmented words (prefix matches of short queries). PostgreSQL: the ``pg_trgm``
extension with a GIN trigram index on the three texts joined, and a GIN index on the ``tsvector``
document. The documents of the ideas already there are written by the same code the
application uses (``ideaboard.search.index.rebuild``).

Batch operations that recreate ``idea_search`` on SQLite would drop its triggers: create
them again after any such change (``SQLITE_TRIGGERS`` below).
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TEXTS = ("title_text", "team_text", "body_text")
WORDS = ("title_words", "team_words", "body_words")


def _fts_values(prefix: str, columns) -> str:
    return ", ".join(f"{prefix}.{column}" for column in columns)


SQLITE_TABLES = {
    # any substring of three characters or more, without case
    "idea_search_trigram": (TEXTS, "trigram"),
    # the newmm words, space-joined: every non-ASCII character is part of a word
    "idea_search_words": (WORDS, "ascii"),
}
SQLITE_TRIGGERS = {
    "idea_search_after_insert": "AFTER INSERT ON idea_search BEGIN {insert} END",
    "idea_search_after_delete": "AFTER DELETE ON idea_search BEGIN {delete} END",
    "idea_search_after_update": "AFTER UPDATE ON idea_search BEGIN {delete} {insert} END",
}
# the three texts as one (search.models.ALL_TEXT: the queries use this very expression)
ALL_TEXT = "(title_text || ' ' || team_text || ' ' || body_text)"
POSTGRES_INDEXES = {
    "ix_idea_search_text_trgm": f"USING gin ({ALL_TEXT} gin_trgm_ops)",
    "ix_idea_search_document": "USING gin (document)",
}


def upgrade():
    op.create_table(
        "idea_search",
        sa.Column("idea_id", sa.Integer(), autoincrement=False, nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False) for name in (*TEXTS, *WORDS)),
        sa.Column(
            "document", postgresql.TSVECTOR().with_variant(sa.Text(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["ideas.id"], name=op.f("fk_idea_search_idea_id_ideas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("idea_id", name=op.f("pk_idea_search")),
    )  # fmt: skip
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table, (columns, tokenizer) in SQLITE_TABLES.items():
            op.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, "
                f"content='idea_search', content_rowid='idea_id', tokenize='{tokenizer}')"
            )
        insert = " ".join(
            f"INSERT INTO {table}(rowid, {', '.join(columns)}) "
            f"VALUES (new.idea_id, {_fts_values('new', columns)});"
            for table, (columns, _) in SQLITE_TABLES.items()
        )
        delete = " ".join(
            f"INSERT INTO {table}({table}, rowid, {', '.join(columns)}) "
            f"VALUES ('delete', old.idea_id, {_fts_values('old', columns)});"
            for table, (columns, _) in SQLITE_TABLES.items()
        )
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} " + body.format(insert=insert, delete=delete))
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, how in POSTGRES_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON idea_search {how}")

    from ideaboard.search.index import rebuild

    rebuild(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for table in SQLITE_TABLES:
            op.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        for name in POSTGRES_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_table("idea_search")
