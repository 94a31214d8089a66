"""The list of ideas: what each person may see, filters, search and two pages of
cards; no filter sent makes it answer 500.
"""

from __future__ import annotations

import pytest
from pages import (
    HUGE_NUMBER,
    card_titles,
    flashes,
    text,
    tree,
    value_of,
)

from ideaboard.ideas.models import Idea

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# == The list =====================================================================


@pytest.fixture
def a_few_ideas(make_idea, db_session):
    """Ideas across stages, units, categories and fiscal years; returned by title."""
    made = {
        "ทะเบียนบ้านช่องเดียว": make_idea(title="ทะเบียนบ้านช่องเดียว", stage="approved"),
        "ใบอนุญาตก่อสร้างออนไลน์": make_idea(
            title="ใบอนุญาตก่อสร้างออนไลน์", author="staff3", stage="submitted",
            unit="D1001-PWK", category="service_innovation",
            eh_moment="เอ๊ะ ทำไมต้องยื่นแบบกระดาษ A3 ถึง 5 ชุด",
        ),
        "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE": make_idea(
            title="ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE", author="outsider", stage="submitted",
            unit="MED-H02-MT-MICRO", category="service_innovation",
        ),
        "ร่างของสมชาย ยังไม่ส่ง": make_idea(title="ร่างของสมชาย ยังไม่ส่ง"),
    }  # fmt: skip
    old = made["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]
    with db_session() as session:
        session.get(Idea, old.id).fiscal_year = 2567
        session.commit()
    return {title: idea.ref for title, idea in made.items()}


def listed(client, query: str = "") -> list[str]:
    response = client.get(f"/ideas/{query}")
    assert response.status_code == 200, query
    return sorted(card_titles(tree(response)))


def test_the_list_shows_what_each_person_may_see(login, browser, a_few_ideas):
    everyone = sorted(t for t in a_few_ideas if t != "ร่างของสมชาย ยังไม่ส่ง")
    assert listed(login("staff1")) == sorted(a_few_ideas)
    assert listed(browser("staff2")) == everyone  # someone else's draft stays private
    assert listed(login("staff1"), "?mine=1") == sorted(["ทะเบียนบ้านช่องเดียว", "ร่างของสมชาย ยังไม่ส่ง"])


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?stage=approved", ["ทะเบียนบ้านช่องเดียว"]),
        ("?stage=submitted", ["ใบอนุญาตก่อสร้างออนไลน์", "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?stage=draft", ["ร่างของสมชาย ยังไม่ส่ง"]),
        ("?unit=D1001", ["ทะเบียนบ้านช่องเดียว", "ร่างของสมชาย ยังไม่ส่ง",
                         "ใบอนุญาตก่อสร้างออนไลน์"]),
        ("?unit=D1001-PWK", ["ใบอนุญาตก่อสร้างออนไลน์"]),
        ("?unit=MED", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?unit=med-h02", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?category=service_innovation", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE",
                                          "ใบอนุญาตก่อสร้างออนไลน์"]),
        ("?category=process&stage=approved", ["ทะเบียนบ้านช่องเดียว"]),
        ("?category=process&stage=submitted", []),
        ("?fy=2567", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?q=ช่องเดียว", ["ทะเบียนบ้านช่องเดียว", "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE",
                         "ร่างของสมชาย ยังไม่ส่ง", "ใบอนุญาตก่อสร้างออนไลน์"]),  # solutions too
        ("?q=บ้านช่องเดียว", ["ทะเบียนบ้านช่องเดียว"]),
        ("?q=ทะเบียนบ้าน", ["ทะเบียนบ้านช่องเดียว", "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE",
                           "ร่างของสมชาย ยังไม่ส่ง", "ใบอนุญาตก่อสร้างออนไลน์"]),  # the process
        ("?q=แบบกระดาษ", ["ใบอนุญาตก่อสร้างออนไลน์"]),  # found in the เอ๊ะ moment
        ("?q=line", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?q=100%25", []),
        ("?q=ไม่มีคำนี้เลย", []),
    ],
)  # fmt: skip
def test_the_list_filters(login, a_few_ideas, query, titles):
    assert listed(login("staff1"), query) == sorted(titles)


def test_the_unit_filter_includes_sub_units_and_keeps_its_choice(login, a_few_ideas):
    response = login("staff1").get("/ideas/?unit=MED-H02&lang=en")
    doc = tree(response)
    assert card_titles(doc) == ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]
    assert value_of(doc, "unit") == "MED-H02"


def test_a_reference_finds_its_idea(login, a_few_ideas):
    ref = a_few_ideas["ใบอนุญาตก่อสร้างออนไลน์"]
    assert listed(login("staff1"), f"?q={ref}") == ["ใบอนุญาตก่อสร้างออนไลน์"]


@pytest.mark.parametrize("bad", ["?fy=abc", "?fy=2569abc", "?fy=99", "?stage=lost",
                                 "?unit=NOPE", "?category=x", "?sort=random",
                                 "?cursor=%%%", "?limit=0"])  # fmt: skip
def test_a_filter_not_understood_is_a_warning_not_an_error(login, a_few_ideas, bad):
    response = login("staff1").get(f"/ideas/{bad}&lang=en")
    assert response.status_code == 422  # the list is still shown (tests/test_ux_fixes.py)
    doc = tree(response)
    assert len(flashes(doc, "warn")) == 1  # which filter, the value given, what was wrong
    assert sorted(card_titles(doc)) == sorted(a_few_ideas)


def test_25_ideas_make_two_pages(login, make_idea):
    titles = {make_idea(title=f"ไอเดียที่ {n:02d} ลดขั้นตอน step {n}").title for n in range(25)}
    client = login("staff1")
    first = client.get("/ideas/?lang=en")
    doc = tree(first)
    page_one = card_titles(doc)
    assert len(page_one) == 20
    assert page_one[0] == "ไอเดียที่ 24 ลดขั้นตอน step 24"  # newest first
    links = doc.xpath("//nav[@class='pager']//a[contains(., 'Next page')]/@href")
    assert len(links) == 1

    second = client.get(links[0])
    assert second.status_code == 200
    doc2 = tree(second)
    page_two = card_titles(doc2)
    assert len(page_two) == 5
    assert set(page_one) | set(page_two) == titles
    assert not set(page_one) & set(page_two)
    assert doc2.xpath("//nav[@class='pager']//a[contains(., 'Next page')]") == []
    assert doc2.xpath("//nav[@class='pager']//a[contains(., 'First page')]")


def test_20_ideas_fit_on_one_page(login, make_idea):
    for n in range(20):
        make_idea(title=f"ไอเดีย {n}")
    doc = tree(login("staff1").get("/ideas/?lang=en"))
    assert len(card_titles(doc)) == 20
    assert doc.xpath("//nav[@class='pager']//a") == []


# A filter that cannot be read is named in a warning over the whole list (422); Thai digits
# and a repeated stage are read (200); a 10,000-character search is refused (422).
@pytest.mark.parametrize(
    ("query", "status"),
    [
        pytest.param("?fy=" + HUGE_NUMBER[:4000], 422, id="query0"),
        pytest.param("?limit=" + HUGE_NUMBER[:4000], 422, id="query1"),
        pytest.param("?fy=" + HUGE_NUMBER, 422, id="fy-huge"),
        pytest.param("?limit=" + HUGE_NUMBER, 422, id="limit-huge"),
        pytest.param("?fy=๒๕๖๗", 200, id="?fy=๒๕๖๗"),
        pytest.param("?q=" + "ก" * 10_000, 422, id="query5"),  # longer than a search can be
        pytest.param("?cursor=eyJ4IjoxfQ", 422, id="?cursor=eyJ4IjoxfQ"),
        pytest.param("?cursor=WyJub3QgYSBkYXRlIiwgMV0", 422, id="?cursor=WyJub3QgYSBkYXRlIiwgMV0"),
        pytest.param("?sort=top&cursor=WyJ4IiwgMV0", 422, id="top-cursor-with-text"),
        pytest.param("?unit=%00", 422, id="unit-nul"),
        pytest.param("?stage=draft&stage=approved", 200, id="?stage=draft&stage=approved"),
    ],
)
def test_the_list_never_answers_500(login, a_few_ideas, query, status):
    response = login("staff1").get(f"/ideas/{query}")
    assert response.status_code == status, text(response)[:500]
