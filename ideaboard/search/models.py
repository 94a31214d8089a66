"""The search document of an idea: one row per idea, written by ``search.index``.

The row holds the idea's searchable text twice: *cleaned* (``words.clean``: normalised,
Arabic digits; compared without case) per part — title, team (author and co-author names), body (เอ๊ะ
moment, process, service, solution, step descriptions) — for substring matches and
snippets, and as space-joined ``newmm`` words per part for whole-word matches.

The database indexes it with what it has, declared in migration ``0004_search`` and not
here, because the ORM has no words for them (``INDEX_ONLY``):

- SQLite: two FTS5 tables reading this table (external content) and kept in step by
  triggers: ``idea_search_trigram`` (``tokenize='trigram'``: any substring of three or more
  characters, so อนุญาต is found inside ขออนุญาต) and ``idea_search_words`` (the words:
  prefix matches for queries shorter than three characters).
- PostgreSQL: one ``pg_trgm`` GIN index on the three texts joined (``ALL_TEXT``; substring
  matches with ``ILIKE``: one index read per term, where three would cost the planner more
  than reading the table) and a GIN index on ``document``, the words as a ``tsvector`` written from the
  segmented words (PostgreSQL has no Thai parser; the ``simple`` lexemes are given as they
  are). On SQLite ``document`` stays empty: the FTS5 word table does its job.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from ideaboard.extensions import db

# Tables that belong to an index, not to the model: the FTS5 tables and the shadow tables
# SQLite keeps for them. The models == migrations check leaves them out (tests and env.py).
INDEX_ONLY_PREFIXES = ("idea_search_trigram", "idea_search_words")
# PostgreSQL indexes of this table that use operator classes the ORM does not declare.
INDEX_ONLY_INDEXES = ("ix_idea_search_text_trgm", "ix_idea_search_document")
# The expression PostgreSQL's trigram index is built on; a query must use it as written.
ALL_TEXT = "(title_text || ' ' || team_text || ' ' || body_text)"


def is_index_only(name: str | None) -> bool:
    return bool(name) and (name.startswith(INDEX_ONLY_PREFIXES) or name in INDEX_ONLY_INDEXES)


def include_name(name, type_, parent_names) -> bool:
    """Alembic's ``include_name`` hook: compare everything but the index-only structures."""
    return not is_index_only(name)


class IdeaSearch(db.Model):
    __tablename__ = "idea_search"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    title_text: Mapped[str] = mapped_column(Text, default="")
    team_text: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    title_words: Mapped[str] = mapped_column(Text, default="")
    team_words: Mapped[str] = mapped_column(Text, default="")
    body_words: Mapped[str] = mapped_column(Text, default="")
    document: Mapped[str | None] = mapped_column(TSVECTOR().with_variant(Text(), "sqlite"))

    def __repr__(self) -> str:
        return f"<IdeaSearch {self.idea_id}>"
