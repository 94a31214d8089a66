"""A search is answered from the search indexes at 20,000 ideas: the query plans find the
matches through FTS5 (SQLite) or the GIN indexes / a walk of the search table's key
(PostgreSQL), never by scanning the search table, and reach ideas by their key. One
allowance: on PostgreSQL a list filter that keeps most of the table (a unit holding most
ideas) may make the planner hash-join a scan of the ideas, as it judges cheaper than
thousands of key lookups; the matching still comes from the search indexes. The ideas are
generated in bulk and indexed by ``reindex``'s function."""

from __future__ import annotations

import pytest
from plans import postgres_nodes, sqlite_plan
from test_list_plans import captured_statements

from ideaboard.demo.generate import generate_ideas
from ideaboard.extensions import db
from ideaboard.ideas.queries import parse_filters
from ideaboard.people.operations import user_by_username
from ideaboard.search.index import rebuild
from ideaboard.search.queries import search_ideas

IDEAS = 20_000
SEARCHES = [
    ("อัจฉริยะ", {}),  # in two ideas only (made below)
    ("อนุญาต", {}),  # inside compounds of a fifth of the titles and processes
    ("กี", {}),  # shorter than a trigram: a word prefix
    ("ลานกีฬา QR", {"stage": "approved"}),
    ("เพาะเชื้อ", {"unit": "D1001"}),
    ("อนุญาต", {"mine": "1"}),
    ("สมชาย", {}),  # an author's name
]


@pytest.fixture
def many_indexed_ideas(app, people, make_idea):
    make_idea(stage="submitted", title="ตู้กดบัตรคิวอัจฉริยะ")
    make_idea(stage="draft", author="staff2", title="ร่าง: ป้ายบอกทางอัจฉริยะ")
    with app.app_context():
        generate_ideas(IDEAS, with_steps=False)
        rebuild(db.session.connection())
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        if db.engine.dialect.name == "sqlite":  # its connections read statistics when they open
            db.engine.dispose()


def check_search_plan(statement, parameters, *, filtered: bool) -> None:
    if db.engine.dialect.name == "sqlite":
        plan = sqlite_plan(statement, parameters)
        assert any("VIRTUAL TABLE" in line and "idea_search_" in line for line in plan), plan
        scans = [line.split()[:2] for line in plan if line.strip().startswith("SCAN ")]
        assert ["SCAN", "ideas"] not in scans and ["SCAN", "idea_search"] not in scans, plan
    else:
        nodes = postgres_nodes(statement, parameters)
        never = ("idea_search",) if filtered else ("ideas", "idea_search")
        seq = [n for n in nodes if n["Node Type"] == "Seq Scan"
               and n.get("Relation Name") in never]  # fmt: skip
        assert not seq, (
            "\n".join(
                str((n["Node Type"], n.get("Relation Name"), n.get("Index Name"), n.get("Filter")))
                for n in nodes
            )
            + statement[-600:]
        )
        used = {n.get("Index Name") for n in nodes}
        assert used & {"ix_idea_search_text_trgm", "ix_idea_search_document",
                       "pk_idea_search"}, nodes  # fmt: skip


def test_searches_read_the_search_indexes(many_indexed_ideas, app_ctx):
    user = user_by_username("staff1")
    for query, extra in SEARCHES:
        filters = parse_filters(extra)
        first, cursor = search_ideas(query, user, filters, limit=20)
        with captured_statements() as statements:
            search_ideas(query, user, filters, limit=20, cursor=_cursor(cursor))
        assert statements, query
        for statement, parameters in statements:
            if "idea_search" in statement:
                check_search_plan(statement, parameters, filtered=bool(extra))


def test_a_rare_word_is_found_among_20000_ideas(many_indexed_ideas, app_ctx):
    hits, _ = search_ideas("อัจฉริยะ", user_by_username("staff1"), parse_filters({}), limit=20)
    assert [hit.idea.title for hit in hits] == ["ตู้กดบัตรคิวอัจฉริยะ"]  # not staff2's draft


def _cursor(encoded: str | None):
    return parse_filters({"q": "x", "cursor": encoded}).cursor if encoded else None
