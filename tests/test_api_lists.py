"""The JSON API (SPEC §8): the list of ideas, its filters, orders and cursor paging.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from api import (
    FULL_IMPACT,
    Caller,
    api_error,
    b64,
)
from fixtures.ideas import FULL_IDEA
from sqlalchemy import update

from ideaboard.core.dates import fiscal_year, utcnow
from ideaboard.extensions import db
from ideaboard.ideas import operations as idea_operations
from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition

# -- the list --------------------------------------------------------------------------


def test_the_list_hides_other_peoples_drafts_but_shows_mine(api, make_idea):
    my_draft = make_idea(author="staff1", title="ร่างของสมชาย")
    their_draft = make_idea(author="staff2", title="ร่างของสุดา")
    shared_draft = make_idea(author="staff2", title="ร่างที่เขียนร่วมกัน", coauthors=["staff1"])
    their_submitted = make_idea(author="staff2", stage="submitted", title="เสนอแล้วของสุดา")

    refs = api("staff1").list_refs()

    assert set(refs) == {my_draft.ref, shared_draft.ref, their_submitted.ref}
    assert their_draft.ref not in api("staff3").list_refs()
    assert api("staff3").list_refs() == [their_submitted.ref]


def test_mine_lists_only_my_teams_ideas(api, make_idea):
    mine = make_idea(author="staff1", stage="submitted")
    make_idea(author="staff2", stage="submitted")

    assert api("staff1").list_refs("mine=1") == [mine.ref]


@pytest.fixture
def catalogue(app, make_idea, people):
    """Ideas across the organisation, keyed by letter, all visible to staff1 except F."""
    ideas = {
        "A": make_idea(
            author="staff1", stage="submitted",
            title="ขอสำเนาทะเบียนบ้านได้ในจุดเดียว", process_name="คัดสำเนาทะเบียนบ้าน",
            service="งานทะเบียนราษฎร", eh_moment="เอ๊ะ ทำไมต้องเดิน 3 ช่อง",
        ),
        "B": make_idea(
            author="staff3", stage="submitted", category="service_innovation",
            title="แจ้งซ่อมไฟถนนผ่าน LINE OA ภายใน 24 ชั่วโมง", process_name="รับแจ้งเหตุ",
            service="งานโยธา", eh_moment="เอ๊ะ ทำไมต้องโทรแจ้ง 1555 แล้วรอ",
        ),
        "C": make_idea(
            author="outsider", stage="submitted",
            title="ส่งผลเพาะเชื้อ (culture) ให้หอผู้ป่วยทาง HIS", process_name="รายงานผลแล็บ",
            service="งานจุลชีววิทยา", eh_moment="เอ๊ะ ทำไมพยาบาลต้องเดินมารับผล",
        ),
        "D": make_idea(
            author="staff1", stage="approved",
            title="ลดขั้นตอนรับรองสำเนา 5 → 3 ขั้น", process_name="รับรองสำเนา",
            service="งานบริการประชาชน", eh_moment="เอ๊ะ ทำไมต้องเซ็นรับรองทุกหน้า",
        ),
    }  # fmt: skip
    with app.app_context():  # logged in an earlier fiscal year: made by hand
        old = idea_operations.create_idea(
            user_by_username("staff2"),
            {
                **FULL_IDEA,
                "title": "ยื่นภาษีป้ายออนไลน์",
                "process_name": "ชำระภาษีป้าย",
                "service": "งานรายได้",
                "eh_moment": "เอ๊ะ ทำไมต้องมาจ่ายที่เขตปีละครั้ง",
            },
            now=datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
        )
        transition(old, user_by_username("staff2"), "submit", version=old.version)
        db.session.commit()
        db.session.refresh(old)
    ideas["E"] = old
    ideas["F"] = make_idea(
        author="staff2",
        title="ร่าง: ทะเบียนบ้านออนไลน์ (ยังไม่ส่ง)",
        process_name="ทะเบียน",
    )
    return {letter: idea.ref for letter, idea in ideas.items()}


CURRENT_FY = fiscal_year(utcnow())


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", "ABCDE"),
        ("stage=submitted", "ABCE"),
        ("stage=approved", "D"),
        ("stage=draft", ""),
        ("category=service_innovation", "B"),
        ("category=process", "ACDE"),
        ("fy=2567", "E"),
        (f"fy={CURRENT_FY}", "ABCD"),
        ("unit=BMA", "ABCDE"),
        ("unit=D1001", "ABDE"),
        ("unit=d1001", "ABDE"),
        ("unit=D1001-REG", "ADE"),
        ("unit=D1001-PWK", "B"),
        ("unit=MED", "C"),
        ("unit=MED-H02-MT-MICRO", "C"),
        ("q=ทะเบียน", "ABCDE"),  # every idea here has the step "รอนายทะเบียนลงนาม"
        ("q=ทะเบียนบ้าน", "A"),
        ("q=LINE", "B"),
        ("q=เพาะเชื้อ", "C"),
        ("q=เซ็นรับรอง", "D"),
        ("q=ภาษีป้าย", "E"),
        ("q=งานโยธา", "B"),
        ("q=เอ๊ะ ทำไม", "ABCDE"),
        ("q=ไม่มีคำนี้แน่นอน", ""),
        ("q=ทะเบียนบ้าน&unit=MED", ""),
        ("q=ทะเบียน&unit=MED", "C"),
        ("stage=approved&unit=D1001", "D"),
        ("stage=submitted&category=process&unit=D1001", "AE"),
    ],
)
def test_filters_narrow_the_list(api, catalogue, query, expected):
    refs = api("staff1").list_refs(query)

    by_ref = {ref: letter for letter, ref in catalogue.items()}
    assert "".join(sorted(by_ref[ref] for ref in refs)) == expected


def test_search_ignores_the_case_of_latin_letters(api, catalogue, request):
    assert api("staff1").list_refs("q=line") == [catalogue["B"]]
    assert api("staff1").list_refs("q=Line oa") == [catalogue["B"]]


def test_searching_by_reference_finds_the_idea(api, catalogue):
    assert api("staff1").list_refs(f"q={catalogue['C']}") == [catalogue["C"]]


def test_the_list_is_newest_first_by_default(api, catalogue):
    refs = api("staff1").list_refs()

    assert refs == [catalogue[letter] for letter in "DCBAE"]
    assert api("staff1").list_refs("sort=new") == refs


def test_sort_top_puts_the_most_voted_first(api, catalogue, db_session):
    votes = {"A": 3, "B": 3, "C": 5, "D": 0, "E": 1}
    with db_session() as session:
        for letter, count in votes.items():
            session.execute(
                update(Idea).where(Idea.ref == catalogue[letter]).values(vote_count=count)
            )
        session.commit()

    response = api("staff1").get("/ideas?sort=top")

    items = response.get_json()["items"]
    assert [item["ref"] for item in items] == [catalogue[letter] for letter in "CBAED"]
    assert [item["vote_count"] for item in items] == [5, 3, 3, 1, 0]


def test_list_items_carry_the_summary_fields(api, catalogue):
    items = api("outsider").get("/ideas?q=LINE").get_json()["items"]

    assert len(items) == 1
    item = items[0]
    assert item["ref"] == catalogue["B"]
    assert item["title"] == "แจ้งซ่อมไฟถนนผ่าน LINE OA ภายใน 24 ชั่วโมง"
    assert item["stage"] == "submitted"
    assert item["category"] == "service_innovation"
    assert item["unit"]["code"] == "D1001-PWK"
    assert item["author"]["username"] == "staff3"
    assert item["fiscal_year"] == CURRENT_FY
    assert item["impact"] == FULL_IMPACT


@pytest.mark.parametrize(
    "query, field",
    [
        ("stage=bogus", "stage"),
        ("stage=DRAFT", "stage"),
        ("category=xyz", "category"),
        ("fy=abc", "fy"),
        ("fy=1999", "fy"),
        ("fy=2569.5", "fy"),
        ("unit=NOPE", "unit"),
        ("sort=old", "sort"),
        ("sort=trending-ish", "sort"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=-3", "limit"),
        ("limit=abc", "limit"),
        pytest.param("limit=" + "9" * 5000, "limit", id="limit-5000-digits"),
        pytest.param("fy=" + "2" * 5000, "fy", id="fy-5000-digits"),
        ("cursor=not-a-cursor!!!", "cursor"),
    ],
)
def test_invalid_filter_values_are_a_422_naming_the_field(api, query, field):
    response = api("staff1").get(f"/ideas?{query}")

    assert set(api_error(response, 422, "invalid")["fields"]) == {field}


@pytest.mark.parametrize("query, field", [("limit=²", "limit"), ("fy=²⁵⁶⁹", "fy")])
def test_superscript_digits_in_filters_are_a_422(api, query, field):
    response = api("staff1").get(f"/ideas?{query}")

    assert set(api_error(response, 422, "invalid")["fields"]) == {field}


def test_several_invalid_filters_are_reported_together(api):
    response = api("staff1").get("/ideas?stage=bogus&category=xyz&unit=NOPE&limit=0")

    assert set(api_error(response, 422, "invalid")["fields"]) == {
        "stage",
        "category",
        "unit",
        "limit",
    }


def _walk_pages(caller: Caller, query: str, cursor: str | None = None) -> list[list[str]]:
    pages = []
    for _ in range(10):
        url = f"/ideas?{query}" + (f"&cursor={cursor}" if cursor else "")
        response = caller.get(url)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        pages.append([item["ref"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("sort", ["new", "top"])
def test_pages_walk_through_every_idea_once(api, sort):
    staff1 = api("staff1")
    created = [staff1.create(title=f"ไอเดียที่ {n}: ลดเวลารอ {n * 5} นาที")["ref"] for n in range(1, 8)]

    pages = _walk_pages(staff1, f"limit=3&sort={sort}")

    assert [len(page) for page in pages] == [3, 3, 1]
    walked = [ref for page in pages for ref in page]
    assert len(walked) == len(set(walked)) == 7
    assert walked == list(reversed(created))  # newest first; equal votes fall back to newest


@pytest.mark.parametrize("sort", ["new", "top", "hours_saved", "step_reduction"])
def test_small_pages_read_the_same_list_as_one_big_page(api, make_idea, sort):
    """Every page statement is built once and reused with new values (the cursor, the
    limit, the reader): pages of two must still walk exactly the one-page order, across
    public ideas, ideas whose savings are unknown and the reader's own drafts."""
    make_idea(stage="submitted", annual_volume=120, title="ลดสำเนาบัตร 2 ใบ")
    make_idea(stage="submitted", annual_volume=None, title="ยังไม่รู้ปริมาณงาน ก")
    make_idea(stage="approved", annual_volume=48_000, title="e-Service ยื่นคำขอออนไลน์")
    make_idea(stage="submitted", annual_volume=None, title="ยังไม่รู้ปริมาณงาน ข")
    make_idea(author="staff2", stage="submitted", annual_volume=9_000, title="คิวออนไลน์")
    make_idea(stage="draft", annual_volume=None, title="ร่างของฉัน ไม่รู้ปริมาณ")
    make_idea(stage="draft", annual_volume=365, title="ร่างของฉัน 365 ครั้ง")
    make_idea(author="staff2", stage="draft", title="ร่างของคนอื่น: ต้องไม่เห็น")
    staff1 = api("staff1")

    whole = _walk_pages(staff1, f"limit=100&sort={sort}")
    paged = _walk_pages(staff1, f"limit=2&sort={sort}")

    assert len(whole) == 1 and len(whole[0]) == 7
    assert [ref for page in paged for ref in page] == whole[0]


def test_the_last_page_has_no_next_cursor(api):
    staff1 = api("staff1")
    for n in range(3):
        staff1.create(title=f"เอ๊ะ ข้อ {n}")

    body = staff1.get("/ideas?limit=3").get_json()

    assert len(body["items"]) == 3
    assert body["next_cursor"] is None


def test_ideas_created_while_paging_do_not_shift_later_pages(api):
    staff1 = api("staff1")
    created = [staff1.create(title=f"ชุดแรก {n}")["ref"] for n in range(5)]
    first = staff1.get("/ideas?limit=2").get_json()

    newcomer = staff1.create(title="มาใหม่ระหว่างเปิดหน้า")["ref"]
    rest = _walk_pages(staff1, "limit=2", cursor=first["next_cursor"])

    walked = [item["ref"] for item in first["items"]] + [ref for page in rest for ref in page]
    assert walked == list(reversed(created))
    assert newcomer not in walked


@pytest.mark.parametrize(
    "sort, cursor",
    [
        ("new", "%%%"),
        ("new", "ไม่ใช่เคอร์เซอร์"),
        ("new", b64("hello, not json")),
        ("new", b64('{"created_at": "2026-01-01", "id": 1}')),
        ("new", b64("[1]")),
        ("new", b64('["2026-01-01T00:00:00+00:00", "7"]')),
        ("new", b64('["yesterday", 5]')),
        ("new", b64("[5, 5]")),
        ("top", b64('[3, "x"]')),
        ("new", base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode()),
    ],
)
def test_a_garbage_cursor_is_a_422(api, make_idea, sort, cursor):
    make_idea(stage="submitted")

    response = api("staff1").get(f"/ideas?sort={sort}&cursor={cursor}")

    assert set(api_error(response, 422, "invalid")["fields"]) == {"cursor"}


@pytest.mark.parametrize(
    "sort, cursor",
    [
        pytest.param("top", b64('["2026-01-01T00:00:00+00:00", 5]'), id="new-cursor-on-top"),
        pytest.param("top", b64('["สาม", 5]'), id="text-vote-count"),
        pytest.param("new", b64(f'["2026-01-01T00:00:00+00:00", {10**30}]'), id="huge-id"),
        pytest.param("top", b64(f"[{10**30}, 1]"), id="huge-vote-count"),
    ],
)
def test_a_well_formed_but_wrong_cursor_never_breaks_the_list(
    api, make_idea, request, sort, cursor
):
    """A cursor from another sort, or with absurd numbers, is a 422 (or simply an empty or
    full page), never a 500."""
    make_idea(stage="submitted")

    response = api("staff1").get(f"/ideas?sort={sort}&cursor={cursor}")

    if response.status_code == 200:
        assert isinstance(response.get_json()["items"], list)
    else:
        assert set(api_error(response, 422, "invalid")["fields"]) == {"cursor"}
