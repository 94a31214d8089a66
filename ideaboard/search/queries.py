"""Searching ideas, in Thai and English, on SQLite and PostgreSQL behind one function.

A query is folded and segmented like the index (``search.words``); each distinct word is a
*term* and every term must match (AND). A term of three characters or more matches
anywhere in the title, the names or the body, also inside a longer word (อนุญาต in
ขออนุญาต): SQLite's FTS5 trigram table, PostgreSQL's ``pg_trgm`` GIN indexes with
``ILIKE`` on the three texts joined. A shorter term matches the start of a word: SQLite's FTS5 word table
(``"กี"*``), PostgreSQL's ``tsvector`` (``'กี':*``). Terms are passed as quoted strings,
never as FTS5 or tsquery syntax: ``OR``, ``NEAR(``, ``*`` or ``"`` are searched as the
words they are, and a query without a letter or digit is refused (422).

**Relevance** is one integer, computed the same way on both databases from the idea's
search row and the terms, so the same search ranks the same on both, and a score never
changes because other ideas were added (the cursor stays exact). For every term:

====================  ==========  ==================
where                 whole word  inside a word
====================  ==========  ==================
title                 8           4
author / co-authors   4           2
body (เอ๊ะ, process,   2 +         1 per occurrence,
service, solution,                at most 3
steps)
====================  ==========  ==================

Ties go to the newer idea (higher id). Pages are keyset pages on (score, id): the cursor
carries the last score and id, so a page never repeats or skips an idea, also when ideas
are added between two pages (as long as the search matches fewer than ``MAX_MATCHES``
ideas: beyond, the newest matches push the oldest out of what is ranked).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import (
    Integer,
    String,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy import table as sa_table
from sqlalchemy.dialects.postgresql import TSQUERY

from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.queries import (
    IdeaFilters,
    IdeaRow,
    apply_filters,
    encode_cursor,
    list_ideas,
    rows_by_id,
    visible_to,
)
from ideaboard.search.highlight import highlight, snippet
from ideaboard.search.models import ALL_TEXT, IdeaSearch
from ideaboard.search.words import SHORT, WORD, distinct, words

MAX_TERMS = 12  # more words than this in a query: the first twelve are searched
MAX_MATCHES = 1000  # a search ranks at most this many matching ideas: the newest
NO_TERMS = _l(
    "Type at least one letter or number to search; punctuation and symbols alone are not searched."
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One idea found: its list row, its score, and its title, author name and a snippet
    with the matched words marked (escaped text; see ``search.highlight``)."""

    idea: IdeaRow
    score: int
    title: Markup
    author: Markup
    snippet: Markup | None


def query_terms(text: str) -> list[str]:
    """The terms of a query; a query without any (only punctuation, symbols, emoji) is a
    422 on ``q``."""
    terms = distinct(words(text or ""))[:MAX_TERMS]
    if not terms:
        raise ValidationError(fields={"q": NO_TERMS})
    return terms


# -- matching: which ideas (an index on each database) ------------------------------------


def _fts5_string(term: str) -> str:
    """An FTS5 string: the term in double quotes (a quote inside doubled), so nothing of it
    is read as FTS5 syntax."""
    return '"' + term.replace('"', '""') + '"'


def _fts5(table: str, expression: str):
    """``IdeaSearch`` rows whose FTS5 ``table`` matches ``expression`` (a bound value)."""
    return IdeaSearch.idea_id.in_(
        select(literal_column("rowid"))
        .select_from(sa_table(table))
        .where(literal_column(table).op("MATCH")(literal(expression, String)))
    )


def _sqlite_matches(long_terms: list[str], short_terms: list[str], joiner: str) -> list:
    conditions = []
    if long_terms:
        trigram = joiner.join(_fts5_string(term) for term in long_terms)
        conditions.append(_fts5("idea_search_trigram", trigram))
    if short_terms:
        prefix = joiner.join(_fts5_string(term) + "*" for term in short_terms)
        conditions.append(_fts5("idea_search_words", prefix))
    return conditions


def _postgres_matches(long_terms: list[str], short_terms: list[str], joiner: str) -> list:
    all_text = literal_column(ALL_TEXT)  # the indexed expression, as the index spells it
    # a term holds no % _ or \ (search.words.WORD), and no quote
    conditions = [all_text.ilike(f"%{term}%") for term in long_terms]
    if short_terms:
        query = (" & " if joiner == " AND " else " | ").join(f"'{t}':*" for t in short_terms)
        conditions.append(IdeaSearch.document.op("@@")(cast(literal(query), TSQUERY)))
    return conditions


def match_conditions(terms: list[str], *, every: bool = True) -> list:
    """Conditions on ``IdeaSearch``, for this database: all of them hold when every term
    matches; with ``every=False`` the ideas that match any term are those where any of
    them holds."""
    assert all(WORD.fullmatch(term) for term in terms)  # nothing else reaches SQL
    long_terms = [term for term in terms if len(term) >= SHORT]
    short_terms = [term for term in terms if len(term) < SHORT]
    joiner = " AND " if every else " OR "
    if db.session.get_bind().dialect.name == "postgresql":
        return _postgres_matches(long_terms, short_terms, joiner)
    return _sqlite_matches(long_terms, short_terms, joiner)


# -- relevance: the same integer on both databases ----------------------------------------


def _has(haystack, needle: str):
    """``needle`` occurs in ``haystack`` (exact, portable: no LIKE wildcards, no instr)."""
    return func.length(func.replace(haystack, literal(needle, String), "")) < func.length(haystack)


def _occurrences(haystack, needle: str):
    removed = func.length(func.replace(haystack, literal(needle, String), ""))
    return (func.length(haystack) - removed) // len(needle)


def _smaller(value, bound: int):
    """The smaller of two numbers: SQLite's two-argument ``min``, PostgreSQL's ``least``."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.least(value, bound)
    return func.min(value, bound)


def _as_word(column, term: str):
    """The term as a whole word of a space-joined word column (a prefix for short terms)."""
    padded = literal(" ", String) + column + literal(" ", String)
    return _has(padded, f" {term} " if len(term) >= SHORT else f" {term}")


def relevance(terms: list[str]):
    """The score expression of the module docstring."""
    total = literal(0)
    for term in terms:
        body_count = _smaller(_occurrences(func.lower(IdeaSearch.body_text), term), 3)
        total = total + case(
            (_as_word(IdeaSearch.title_words, term), 8),
            (_has(func.lower(IdeaSearch.title_text), term), 4),
            else_=0,
        ) + case(
            (_as_word(IdeaSearch.team_words, term), 4),
            (_has(func.lower(IdeaSearch.team_text), term), 2),
            else_=0,
        ) + case(
            (_as_word(IdeaSearch.body_words, term), 2), else_=0
        ) + body_count  # fmt: skip
    return total


# -- the one function ----------------------------------------------------------------------


def search_ideas(
    query: str, viewer, filters: IdeaFilters, *, limit: int, cursor: tuple | None = None
) -> tuple[list[SearchHit], str | None]:
    """The ideas ``viewer`` may see that match ``query``, best first, narrowed by the
    list's other filters (stage, unit, category, fiscal year, mine); one page of ``limit``
    and the cursor of the next (None on the last). Two statements: the page's ids and
    scores (index lookups, then a sort of the matches by score), then their list rows.

    A search ranks the newest ``MAX_MATCHES`` ideas that match it and pass its filters, so
    a word found in nearly every idea does not make each page score the whole table; more
    words or a filter reach older ones."""
    terms = query_terms(query)
    # the newest MAX_MATCHES matches, scored as they are read (an index walk), then sorted
    found = (
        apply_filters(
            select(IdeaSearch.idea_id.label("id"),
                   cast(relevance(terms), Integer).label("score"), IdeaSearch.body_text)
            .join(Idea, Idea.id == IdeaSearch.idea_id)
            .where(*match_conditions(terms), visible_to(viewer, filters)),
            filters,
            viewer,
        )
        .order_by(IdeaSearch.idea_id.desc())
        .limit(MAX_MATCHES)
        .subquery()
    )  # fmt: skip
    page = select(found).order_by(found.c.score.desc(), found.c.id.desc()).limit(limit + 1)
    if cursor:
        page = page.where(tuple_(found.c.score, found.c.id) < tuple_(*cursor))
    matched = db.session.execute(page).all()
    next_cursor = None
    if len(matched) > limit:
        matched = matched[:limit]
        next_cursor = encode_cursor((matched[-1].score, matched[-1].id))
    rows = rows_by_id([match.id for match in matched])
    hits = [
        SearchHit(
            idea=rows[match.id],
            score=match.score,
            title=highlight(rows[match.id].title, terms),
            author=highlight(rows[match.id].author.display_name, terms),
            snippet=snippet(match.body_text, terms),
        )
        for match in matched
        if match.id in rows
    ]
    return hits, next_cursor


def find_ideas(viewer, filters: IdeaFilters) -> tuple[list[IdeaRow], str | None, dict]:
    """The list or, with ``q``, the search: (rows, next cursor, {id: SearchHit}), so a page
    and the API read both the same way."""
    if not filters.q:
        rows, next_cursor = list_ideas(viewer, filters)
        return rows, next_cursor, {}
    hits, next_cursor = search_ideas(
        filters.q, viewer, filters, limit=filters.limit, cursor=filters.cursor
    )
    return [hit.idea for hit in hits], next_cursor, {hit.idea.id: hit for hit in hits}
