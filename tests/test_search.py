"""Search in Thai and English: whole words, words inside compounds, mixed Thai, English and
numbers, Thai typed two ways, author names, no false hits, what each person may find, and
the index following every create, edit and delete. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from api import api_error, committed_version
from fixtures.ideas import steps
from pages import card_titles, flashes, text, tree
from sqlalchemy import event, func, select

from ideaboard.extensions import db
from ideaboard.search.models import IdeaSearch

# steps whose words none of the searches below look for
PLAIN_STEPS = {
    "current_steps": steps(("ยื่นคำร้อง", "citizen", 5, 10, True),
                           ("เจ้าหน้าที่ตรวจสอบ", "staff", 10, 0, False)),
    "proposed_steps": steps(("ยื่นคำร้องทางไลน์", "citizen", 2, 0, False)),
}  # fmt: skip


@pytest.fixture
def make_idea(make_idea):
    """The ideas factory with plain steps (the default steps mention สำเนา and QR code)."""
    return lambda **fields: make_idea(**{**PLAIN_STEPS, **fields})


def refs(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return [item["ref"] for item in response.get_json()["items"]]


@pytest.fixture
def search(api):
    """search("staff1", "อนุญาต", stage=...) → the refs found, best first."""

    def find(username, q, **params):
        return refs(api(username).get("/ideas", query_string={"q": q, **params}))

    return find


@pytest.fixture
def corpus(make_idea):
    """Ideas that share words and differ in the ones that matter."""
    return {
        "sports": make_idea(
            stage="submitted",
            title="ขออนุญาตใช้ลานกีฬาผ่านออนไลน์",
            eh_moment="เอ๊ะ ทำไมต้องมายื่นคำร้องขออนุญาตใช้ลานกีฬาที่เขตด้วยตัวเอง",
            process_name="การขออนุญาตใช้สถานที่",
            service="งานกีฬาและนันทนาการ",
            solution="เปิดจองผ่าน e-Service ของเขต",
        ),
        "copy": make_idea(
            stage="approved",
            title="เลิกถ่ายสำเนาบัตรประชาชน",
            eh_moment="เอ๊ะ ทำไมต้องขอสำเนาบัตร ทั้งที่มีเครื่องอ่านบัตรสมาร์ทการ์ด",
            process_name="การแจ้งย้ายที่อยู่",
            service="งานทะเบียนราษฎร",
            solution="อ่านข้อมูลจากชิปบัตร ไม่ต้องใช้สำเนา",
        ),
        "forms": make_idea(
            stage="submitted",
            author="staff2",
            title="ลดฟอร์ม 3 ชุดเหลือชุดเดียว",
            eh_moment="เอ๊ะ ทำไมผู้ประกอบการต้องกรอกฟอร์ม 3 ชุด ที่ถามข้อมูลเดิมซ้ำกัน",
            process_name="การต่อใบอนุญาตจำหน่ายสินค้าในที่สาธารณะ",
            service="งานเทศกิจ",
            solution="ใช้แบบฟอร์มเดียว กรอกผ่าน BMA OSS",
        ),
        "draft": make_idea(
            stage="draft",
            author="staff3",
            title="ร่าง: ตู้รับเรื่องร้องเรียนน้ำท่วมขังอัตโนมัติ",
            eh_moment="เอ๊ะ ทำไมเรื่องร้องเรียนน้ำท่วมขังต้องโทรเข้าเขตเท่านั้น",
        ),
    }


def test_a_whole_word_is_found(search, corpus):
    assert search("staff1", "ลานกีฬา") == [corpus["sports"].ref]
    assert search("staff1", "ทะเบียนราษฎร") == [corpus["copy"].ref]


def test_a_word_inside_a_longer_compound_is_found(search, corpus):
    # newmm keeps ขออนุญาต, ถ่ายสำเนา and ใบอนุญาต as one word each
    assert set(search("staff1", "อนุญาต")) == {corpus["sports"].ref, corpus["forms"].ref}
    assert search("staff1", "สำเนา") == [corpus["copy"].ref]
    assert search("staff1", "สมาร์ท") == [corpus["copy"].ref]


def test_every_word_of_a_query_must_match(search, corpus):
    assert search("staff1", "อนุญาต กีฬา") == [corpus["sports"].ref]
    assert search("staff1", "ขออนุญาตใช้ลานกีฬา") == [corpus["sports"].ref]  # typed unspaced
    assert search("staff1", "อนุญาต ทะเบียนราษฎร") == []


def test_mixed_thai_english_and_numbers(search, corpus):
    assert search("staff1", "ฟอร์ม 3 ชุด") == [corpus["forms"].ref]
    assert search("staff1", "e-Service") == [corpus["sports"].ref]
    assert search("staff1", "E-SERVICE") == [corpus["sports"].ref]
    assert search("staff1", "bma oss") == [corpus["forms"].ref]
    assert search("staff1", "ฟอร์ม ๓ ชุด") == [corpus["forms"].ref]  # Thai digits


def test_thai_typed_two_ways_finds_the_same_ideas(search, make_idea, corpus):
    typed_apart = "ส\u0e4d\u0e32เนา"  # nikhahit + sara aa, as some keyboards type สำ
    assert search("staff1", typed_apart) == [corpus["copy"].ref]
    other = make_idea(stage="submitted", title="ขอคัดส\u0e4d\u0e32เนาทะเบียนบ้านออนไลน์")
    assert set(search("staff1", "สำเนา")) == {corpus["copy"].ref, other.ref}


def test_no_false_hits(search, corpus):
    assert search("staff1", "ภาษีป้าย") == []
    assert search("staff1", "กีฬาสี") == []
    assert search("staff1", "ซ่อมถนน") == []
    assert search("staff1", "OSS2") == []


def test_short_queries_match_the_start_of_a_word(search, corpus):
    assert search("staff1", "กี") == [corpus["sports"].ref]  # กีฬา
    assert search("staff1", "3") == [corpus["forms"].ref]


def test_search_by_author_name(search, corpus, make_user, make_idea):
    assert search("staff1", "สุดา") == [corpus["forms"].ref]  # นางสาวสุดา รักงาน
    assert search("staff1", "สุดา รักงาน") == [corpus["forms"].ref]
    make_user("staff9", display_name="Ms. Jane Doe")
    jane = make_idea(author="staff9", stage="submitted", title="ลดเวลารอรับยา")
    assert search("staff1", "jane") == [jane.ref]


def test_drafts_of_others_are_never_found(search, corpus):
    assert search("staff1", "น้ำท่วมขัง") == []
    assert search("staff1", "น้ำท่วมขัง", stage="draft") == []
    assert search("staff3", "น้ำท่วมขัง") == [corpus["draft"].ref]


def test_a_coauthor_finds_the_draft_they_share(search, make_idea):
    shared = make_idea(stage="draft", title="ร่างร่วม: ลดคิวฉีดวัคซีน", coauthors="staff2")
    assert search("staff2", "วัคซีน") == [shared.ref]
    assert search("staff3", "วัคซีน") == []


def test_the_list_filters_still_apply(search, corpus):
    assert search("staff1", "อนุญาต", stage="submitted") == sorted(
        [corpus["sports"].ref, corpus["forms"].ref], reverse=True
    ) or set(search("staff1", "อนุญาต", stage="submitted")) == {
        corpus["sports"].ref,
        corpus["forms"].ref,
    }
    assert search("staff1", "อนุญาต", stage="approved") == []
    assert search("staff1", "อนุญาต", unit="MED") == []
    assert search("staff1", "อนุญาต", unit="D1001") != []
    assert search("staff2", "อนุญาต", mine="1") == [corpus["forms"].ref]


def test_a_title_match_ranks_above_a_body_match(search, make_idea):
    in_body = make_idea(stage="submitted", title="ลดเวลารอคิว",
                        eh_moment="เอ๊ะ ทำไมต้องถ่ายเอกสารหลายชุด")  # fmt: skip
    in_title = make_idea(stage="submitted", title="เลิกถ่ายเอกสารที่ไม่จำเป็น",
                         eh_moment="เอ๊ะ ทำไมต้องรอนาน")  # fmt: skip
    older_title = make_idea(stage="submitted", title="ถ่ายเอกสารครั้งเดียว",
                            eh_moment="เอ๊ะ ถ่ายเอกสารซ้ำทุกช่อง")  # fmt: skip
    # title and body both: first; title only: second; body only: last
    assert search("staff1", "ถ่ายเอกสาร") == [older_title.ref, in_title.ref, in_body.ref]


# -- the index follows every change ----------------------------------------------------------


def test_the_index_follows_create_edit_and_delete(api, search, people):
    staff1 = api("staff1")
    made = staff1.create(title="ป้ายรถเมล์อัจฉริยะ", eh_moment="เอ๊ะ ทำไมต้องยืนรอไม่รู้เวลา",
                         **PLAIN_STEPS)  # fmt: skip
    assert search("staff1", "อัจฉริยะ") == [made["ref"]]

    assert staff1.edit(made["ref"], title="ป้ายรถเมล์บอกเวลา").status_code == 200
    assert search("staff1", "อัจฉริยะ") == []  # the old words are gone
    assert search("staff1", "บอกเวลา") == [made["ref"]]

    assert staff1.edit(made["ref"], current_steps=steps(
        ("ประชาชนโทรถามศูนย์ขนส่งมวลชน", "citizen", 5, 10, True)
    )).status_code == 200  # fmt: skip
    assert search("staff1", "ขนส่งมวลชน") == [made["ref"]]  # step descriptions are indexed

    assert staff1.edit(made["ref"], coauthors=["staff2"]).status_code == 200
    assert search("staff1", "สุดา") == [made["ref"]]  # a co-author's name too

    version = committed_version(staff1.app, made["ref"])
    deleted = staff1.client.delete(
        f"/api/v1/ideas/{made['ref']}?version={version}", headers=staff1.headers
    )
    assert deleted.status_code == 204
    assert search("staff1", "บอกเวลา") == []


def index_rows(db_session) -> tuple[int, int]:
    """(search rows, entries of the SQLite FTS5 word index; the rows again on PostgreSQL)."""
    with db_session() as session:
        rows = session.scalar(select(func.count()).select_from(IdeaSearch))
        if session.get_bind().dialect.name != "sqlite":
            return rows, rows
        # what each FTS5 index finds (its own entries, not the content table's rows)
        found = [
            session.execute(
                db.text(f"SELECT count(*) FROM {table} WHERE {table} MATCH :q"), {"q": query}
            ).scalar()
            for table, query in (("idea_search_trigram", '"ห้องยา"'),
                                 ("idea_search_words", '"ห้อง"'))
        ]  # fmt: skip
        assert found[0] == found[1]
        return rows, found[0]


def test_a_deleted_draft_leaves_nothing_in_the_index(api, db_session, people):
    staff1 = api("staff1")
    made = staff1.create(title="ลดคิวหน้าห้องยา", **PLAIN_STEPS)
    assert index_rows(db_session) == (1, 1)
    version = committed_version(staff1.app, made["ref"])
    staff1.client.delete(f"/api/v1/ideas/{made['ref']}?version={version}", headers=staff1.headers)
    assert index_rows(db_session) == (0, 0)


def test_a_refused_edit_leaves_the_index_as_it_was(api, search, people):
    staff1 = api("staff1")
    made = staff1.create(title="ลดคิวหน้าห้องยา", **PLAIN_STEPS)
    stale = staff1.patch(f"/ideas/{made['ref']}", json={"title": "คิวใหม่", "version": 0})
    api_error(stale, 409, "conflict")
    assert search("staff1", "ห้องยา") == [made["ref"]]
    assert search("staff1", "คิวใหม่") == []


# -- odd queries: searched as the words they are, or refused with a message ---------------


@pytest.mark.parametrize(
    "query", ['"', "*", "🙂", "-", ":", '""', "()", "^", "…", "🙂🙂 !!", "%", "_", "\\"]
)
def test_a_query_without_letters_or_digits_is_refused(api, corpus, query):
    response = api("staff1").get("/ideas", query_string={"q": query})
    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {"q"}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"ลานกีฬา"', "sports"),
        ("ลาน*", "sports"),
        ("-กีฬา", "sports"),
        ("กีฬา:", "sports"),
        ("title:กีฬา", None),  # no column filters: "title" is a word like any other
        ("กีฬา OR ภาษี", None),  # OR is a word: nothing has all three
        ("NEAR(กีฬา ลาน)", None),
        ("NEAR(", None),
        ("AND", None),
        ("'; DROP TABLE ideas; --", None),
        ("e-Service*", "sports"),
    ],
)
def test_search_syntax_is_searched_as_words(search, corpus, query, found):
    assert search("staff1", query) == ([corpus[found].ref] if found else [])


def test_the_list_page_names_a_query_it_cannot_search_and_lists_the_rest(login, corpus):
    response = login("staff1").get("/ideas/?q=%22*%22&stage=approved&lang=en")
    assert response.status_code == 422
    doc = tree(response)
    [message] = flashes(doc, "warn")
    assert "Type at least one letter or number" in message
    assert card_titles(doc) == ["เลิกถ่ายสำเนาบัตรประชาชน"]  # the stage filter still applies
    assert doc.xpath("//input[@name='q']/@aria-invalid") == ["true"]


def test_a_search_cursor_that_was_forged_is_refused(api, corpus):
    for cursor in ("eyJ4IjoxfQ", "WyJ4IiwgMV0", "WzEuNSwgMV0"):  # {"x":1}, ["x", 1], [1.5, 1]
        response = api("staff1").get("/ideas", query_string={"q": "อนุญาต", "cursor": cursor})
        assert set(api_error(response, 422, "invalid")["fields"]) == {"cursor"}


# -- highlighting --------------------------------------------------------------------------


def test_matches_are_marked_and_a_hostile_title_stays_text(login, make_idea):
    hostile = '<img src=x onerror=alert(1)> ลานกีฬา <script>alert("x")</script> {{7*7}}'
    make_idea(stage="submitted", title=hostile,
              eh_moment="เอ๊ะ ทำไมจองลานกีฬาต้องใช้กระดาษ <b>3</b> แผ่น")  # fmt: skip
    response = login("staff1").get("/ideas/?q=ลานกีฬา")
    assert response.status_code == 200
    html = text(response)
    assert "<img" not in html and "<script>alert" not in html and "<b>3" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>ลานกีฬา</mark> &lt;script&gt;" in html
    doc = tree(response)
    assert card_titles(doc) == [hostile]  # the whole title, as text
    assert doc.xpath("//a[@class='idea-title']/mark/text()") == ["ลานกีฬา"]
    [snippet] = doc.xpath("//p[@class='snippet']")
    assert snippet.xpath("mark/text()") == ["ลานกีฬา"]
    assert "<b>3</b>" in snippet.text_content()


def test_a_word_inside_a_compound_is_marked_where_it_is(login, corpus):
    doc = tree(login("staff1").get("/ideas/?q=อนุญาต"))
    titles = doc.xpath("//a[@class='idea-title']")
    marked = {a.text_content(): a.xpath("mark/text()") for a in titles}
    assert marked["ขออนุญาตใช้ลานกีฬาผ่านออนไลน์"] == ["อนุญาต"]


# -- pages of results ----------------------------------------------------------------------


def test_pages_of_results_never_repeat_or_skip_also_when_ideas_arrive(api, make_idea):
    made = [make_idea(stage="submitted", title=f"จองคิวฉีดวัคซีน รอบที่ {n}") for n in range(7)]
    made += [make_idea(stage="submitted", title=f"ลดเวลารอ {n}",
                       eh_moment="เอ๊ะ ทำไมต้องมาจองคิวฉีดวัคซีนที่โรงพยาบาล") for n in range(5)]  # fmt: skip
    staff1, seen, cursor = api("staff1"), [], None
    while True:
        params = {"q": "วัคซีน", "limit": 5, **({"cursor": cursor} if cursor else {})}
        response = staff1.get("/ideas", query_string=params)
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        seen += [item["ref"] for item in page["items"]]
        if len(seen) == 5:  # a better match arrives after the first page
            make_idea(stage="submitted", title="วัคซีนวัคซีน จองคิวฉีดวัคซีน")
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 12
    # title matches first (newest first among equals), then the ones found in the เอ๊ะ
    assert seen == [idea.ref for idea in reversed(made[:7])] + [
        idea.ref for idea in reversed(made[7:])
    ]


def test_a_search_page_runs_the_same_statements_for_5_or_50_results(app, login, make_idea):
    for n in range(50):
        make_idea(stage="submitted", title=f"ลดขั้นตอนเบิกค่ารักษาพยาบาล ชุดที่ {n}")
    client = login("staff1")
    with app.app_context():
        engine = db.engine
    counts = {}
    for limit in (5, 50):
        statements = []

        def record(conn, cursor, statement, *args, statements=statements):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            response = client.get(f"/ideas/?q=ค่ารักษาพยาบาล&limit={limit}")
        finally:
            event.remove(engine, "before_cursor_execute", record)
        assert response.status_code == 200
        assert len(card_titles(tree(response))) == limit
        assert not [s for s in statements if "idea_steps" in s]
        counts[limit] = len(statements)
    assert counts[5] == counts[50]
