"""The single idea's API payload carries the step diff rows the page shows."""

from __future__ import annotations

from fixtures.ideas import steps
from fixtures.people import PASSWORD
from lxml import html

CURRENT = steps(
    ("ประชาชนรับบัตรคิวที่ตู้ Q-Matic", "citizen", 1, 20, True),
    ("ยื่นคำร้องและสำเนาบัตรประชาชนที่ช่อง 1", "citizen", 5, 10, True),
    ("เจ้าหน้าที่ตรวจเอกสารและถ่ายสำเนา", "staff", 10, 0, False),
    ("นายทะเบียนตรวจฐานข้อมูลทะเบียนราษฎรและลงนาม", "staff", 5, 30, False),
    ("ประชาชนรับเอกสารที่ช่อง 3", "citizen", 2, 10, True),
)
PROPOSED = steps(
    ("ยื่นคำร้องออนไลน์ผ่าน BMA OSS", "citizen", 5, 0, False),
    ("นายทะเบียนตรวจฐานข้อมูลและลงนามอิเล็กทรอนิกส์", "staff", 5, 5, False),
    ("ส่งเอกสารทางอีเมล (e-Document)", "staff", 1, 0, False),
)


def test_the_api_diff_is_the_page_diff(app, client, make_idea):
    idea = make_idea(current_steps=CURRENT, proposed_steps=PROPOSED)
    client.post("/login", data={"username": "staff1", "password": PASSWORD})
    rows = client.get(f"/api/v1/ideas/{idea.ref}").get_json()["diff"]
    page = html.fromstring(client.get(f"/ideas/{idea.ref}").get_data(as_text=True))

    shown = []
    for tr in page.xpath("//table[@class='diff']/tbody/tr"):
        left, right = tr.xpath("./td")
        shown.append(
            (
                [t.text_content().strip() for t in left.xpath(".//*[@class='step-text']")],
                [t.text_content().strip() for t in right.xpath(".//*[@class='step-text']")],
            )
        )
    assert [
        (
            [s["description"] for s in row["before"]],
            [row["after"]["description"]] if row["after"] else [],
        )
        for row in rows
    ] == shown
    # the registrar's step moved from 4 to 2 and was reworded: one row, marked changed
    registrar = next(
        r for r in rows if r["after"] and r["after"]["description"].startswith("นายทะเบียน")
    )
    assert [s["description"] for s in registrar["before"]] == [CURRENT[3]["description"]]
    assert (registrar["before_mark"], registrar["after_mark"]) == ("changed", "changed")
    assert {r["before_mark"] for r in rows} <= {"same", "changed", "merged", "removed", None}
