"""The review queue through HTTP: /review, GET /api/v1/review-queue, the count on the top
bar, and the idea page's one note box for approve / return / decline (issue 7).

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG), supervised by supervisor1; director
supervises the whole สำนักงานเขตพระนคร (D1001); nobody supervises the medical side.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from fixtures import app_context
from fixtures.ideas import FULL_IDEA
from pages import flashes, location, saved, text, tree
from sqlalchemy import event

from ideaboard.core.dates import format_date, utcnow
from ideaboard.extensions import db
from ideaboard.ideas.operations import create_idea, update_idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition

pytestmark = pytest.mark.usefixtures("people")
API = "/api/v1"


@pytest.fixture
def submit(app):
    """submit("staff1", days_ago=5, **fields) → the ref of an idea submitted then."""

    def make(author="staff1", *, days_ago=0, **fields):
        with app_context(app):
            user = user_by_username(author)
            idea = create_idea(user, {**FULL_IDEA, **fields})
            moment = utcnow() - timedelta(days=days_ago)
            transition(idea, user, "submit", version=idea.version, now=moment)
            db.session.commit()
            return idea.ref

    return make


@pytest.fixture
def resubmitted(app, submit):
    """A ฝ่ายทะเบียน idea returned by supervisor1 with a note, edited, and sent again."""
    ref = submit("staff2", days_ago=9, title="ลดการถ่ายสำเนาบัตรประชาชน 2 ชุด")
    with app_context(app):
        from ideaboard.ideas.operations import idea_by_ref

        idea = idea_by_ref(ref)
        staff2 = user_by_username("staff2")
        transition(
            idea, user_by_username("supervisor1"), "return", version=idea.version,
            note="ขอจำนวนสำเนาที่ถ่ายต่อเดือนจริง", now=utcnow() - timedelta(days=4),
        )  # fmt: skip
        update_idea(idea, staff2, {"title": "เลิกถ่ายสำเนาบัตร อ่านชิป smart card แทน"}, idea.version)
        transition(idea, staff2, "submit", version=idea.version, now=utcnow() - timedelta(days=2))
        db.session.commit()
    return ref


@pytest.fixture
def admin(make_user):
    return make_user("admin1", unit="D1001", roles=["admin"], display_name="ผู้ดูแลระบบ")


# -- /review -------------------------------------------------------------------------------


def test_the_supervisor_sees_their_queue_oldest_first(browser, submit, resubmitted):
    newest = submit("staff1", days_ago=0, title="นัดคิวล่วงหน้าผ่าน LINE OA")
    oldest = submit("staff1", days_ago=5, title="รวมช่องรับเรื่องเป็นช่องเดียว")
    submit("staff3", unit="D1001-PWK", title="ฝ่ายโยธา: ตรวจแบบแปลน PDF")  # the director's

    response = browser("supervisor1").get("/review")

    assert response.status_code == 200
    doc = tree(response)
    items = doc.xpath("//li[@data-queue-item]")
    assert [li.get("data-queue-item") for li in items] == [oldest, resubmitted, newest]
    first = items[0].text_content()
    assert "รอ 5 วัน" in first
    assert "รวมช่องรับเรื่องเป็นช่องเดียว" in first and oldest in first
    assert "ฝ่ายทะเบียน" in first and "นายสมชาย ใจดี" in first
    submitted_on = format_date(utcnow() - timedelta(days=5), "th")  # Buddhist era
    assert f"ส่งเมื่อ {submitted_on}" in first and str(utcnow().year + 543) in submitted_on
    assert "ส่งมาวันนี้" in items[2].text_content()
    assert items[0].xpath(".//a[@class='idea-title']/@href") == [f"/ideas/{oldest}"]
    assert doc.xpath("//*[@data-queue-count]/@data-queue-count") == ["3"]


def test_a_resubmission_shows_its_badge_and_what_changed(browser, resubmitted):
    doc = tree(browser("supervisor1").get("/review"))
    [item] = doc.xpath("//li[@data-queue-item]")
    box = item.xpath(".//*[@data-resubmitted]")[0].text_content()
    assert "ส่งใหม่หลังแก้ไข" in box
    assert "ขอจำนวนสำเนาที่ถ่ายต่อเดือนจริง" in box
    assert "ลดการถ่ายสำเนาบัตรประชาชน 2 ชุด" in item.xpath(".//del")[0].text_content()
    assert "เลิกถ่ายสำเนาบัตร อ่านชิป smart card แทน" in item.xpath(".//ins")[0].text_content()
    assert "รอ 2 วัน" in item.text_content()  # counted from the resubmission


def test_an_empty_queue_says_so(browser, submit):
    submit("outsider", unit="MED-H02-MT-MICRO")  # not theirs
    doc = tree(browser("supervisor1").get("/review?lang=en"))
    assert doc.xpath("//li[@data-queue-item]") == []
    assert "Nothing waits for your review." in doc.xpath("//*[@data-queue-empty]")[0].text_content()


def test_someone_who_supervises_nothing_is_told_so(browser):
    response = browser("staff1").get("/review?lang=en")
    assert response.status_code == 403
    page = tree(response).xpath("//*[@data-no-queue]")[0].text_content()
    assert "You do not supervise a unit in Ideaboard" in page
    assert "ask your administrator" in page


def test_the_admin_sees_the_ideas_nobody_can_review(admin, browser, submit):
    lab = submit("outsider", unit="MED-H02-MT-MICRO", days_ago=3, title="ส่งผลเพาะเชื้อทาง LINE")
    own = submit("director", unit="D1001", days_ago=1, title="ผู้อำนวยการเขตเสนอเอง")
    submit("staff1")  # supervisor1's: someone can review it

    response = browser("admin1").get("/review")

    assert response.status_code == 200
    doc = tree(response)
    section = doc.xpath("//*[@data-unreviewable]")[0]
    assert section.get("data-unreviewable") == "2"
    assert [li.get("data-queue-item") for li in section.xpath(".//li")] == [lab, own]
    assert "ข้อเสนอที่ยังไม่มีผู้พิจารณา" in section.text_content()
    assert doc.xpath("//*[@data-queue-count] | //*[@data-queue-empty]") == []  # no own queue


def test_the_unreviewable_list_is_the_admins_alone(browser, submit):
    submit("outsider", unit="MED-H02-MT-MICRO")
    assert tree(browser("director").get("/review")).xpath("//*[@data-unreviewable]") == []


@pytest.mark.parametrize("cursor", ["bm90LWEtY3Vyc29y", "W10", "!!", "x" * 300])
def test_a_bad_page_link_starts_over(browser, submit, cursor):
    ref = submit("staff1")
    response = browser("supervisor1").get(f"/review?cursor={cursor}&lang=en")
    assert response.status_code == 422
    doc = tree(response)
    assert [li.get("data-queue-item") for li in doc.xpath("//li[@data-queue-item]")] == [ref]
    assert any("no longer valid" in message for message in flashes(doc))


# -- the top bar ---------------------------------------------------------------------------


def review_link(doc):
    links = doc.xpath("//nav[@class='mainnav']//a[@class='review-link']")
    return links[0].text_content().split() if links else None


def test_the_top_bar_counts_the_queue_for_supervisors(browser, submit, resubmitted):
    submit("staff1")
    submit("staff3", unit="D1001-PWK")
    assert review_link(tree(browser("supervisor1").get("/ideas/"))) == ["รอพิจารณา", "(2)"]
    assert review_link(tree(browser("director").get("/ideas/?lang=en"))) == ["Review", "(1)"]
    assert review_link(tree(browser("staff1").get("/ideas/"))) is None


def test_the_top_bar_leads_the_admin_to_the_page(admin, browser):
    assert review_link(tree(browser("admin1").get("/ideas/"))) == ["รอพิจารณา"]


@contextmanager
def statements(app):
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_top_bar_is_one_statement(app, browser, submit, resubmitted):
    """What the top bar shows about reviewing (supervises? administrator? how many wait?)
    costs one statement per page, for a supervisor and for everyone else alike, and loads
    no supervisions or roles of its own."""
    for n in range(3):
        submit("staff1", days_ago=n)
    for username in ("supervisor1", "staff1"):
        client = browser(username)
        with statements(app) as seen:
            client.get("/ideas/")
        asked = [s for s in seen if "unit_supervisors" in s or "user_roles" in s]
        assert len(asked) == 1, asked
        assert "supervised_subtree" in asked[0] and "count(" in asked[0]


def test_a_supervisor_filtering_submitted_ideas_is_led_to_the_queue(browser):
    hint = "//*[@data-review-hint]//a/@href"
    assert tree(browser("supervisor1").get("/ideas/?stage=submitted")).xpath(hint) == ["/review"]
    assert tree(browser("supervisor1").get("/ideas/")).xpath(hint) == []
    assert tree(browser("staff1").get("/ideas/?stage=submitted")).xpath(hint) == []


# -- GET /api/v1/review-queue ----------------------------------------------------------------


def test_the_api_gives_the_queue(api, submit, resubmitted):
    oldest = submit("staff1", days_ago=6, title="ตรวจเอกสารครั้งเดียว")

    response = api("supervisor1").get("/review-queue")

    assert response.status_code == 200
    body = response.get_json()
    assert body["count"] == 2 and body["next_cursor"] is None and body["unreviewable"] is None
    first, second = body["items"]
    assert (first["idea"]["ref"], first["waiting_days"], first["resubmitted"]) == (oldest, 6, False)
    assert first["returned"] is None and first["changes"] == []
    assert (second["idea"]["ref"], second["waiting_days"]) == (resubmitted, 2)
    assert second["returned"]["by"]["username"] == "supervisor1"
    assert second["returned"]["note"] == "ขอจำนวนสำเนาที่ถ่ายต่อเดือนจริง"
    assert [(c["field"], c["after"]) for c in second["changes"]] == [
        ("title", "เลิกถ่ายสำเนาบัตร อ่านชิป smart card แทน")
    ]


def test_the_api_pages_through_the_queue(api, submit):
    refs = [submit("staff1", days_ago=10 - n, title=f"เอ๊ะ เรื่องที่ {n + 1}") for n in range(3)]
    caller = api("supervisor1")
    first = caller.get("/review-queue?limit=2").get_json()
    assert [i["idea"]["ref"] for i in first["items"]] == refs[:2] and first["count"] == 3
    rest = caller.get(f"/review-queue?limit=2&cursor={first['next_cursor']}").get_json()
    assert [i["idea"]["ref"] for i in rest["items"]] == refs[2:] and rest["next_cursor"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=2.5", "limit"),
        ("limit=101", "limit"),
        ("cursor=%7B", "cursor"),
    ],
)
def test_the_api_refuses_bad_paging(api, query, field):
    response = api("supervisor1").get(f"/review-queue?{query}")
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {field}


def test_the_api_refuses_someone_who_supervises_nothing(api):
    response = api("staff1").get("/review-queue")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_the_api_gives_the_admin_the_ideas_nobody_can_review(admin, api, submit):
    lab = submit("outsider", unit="MED-H02-MT-MICRO", title="ส่งผลเพาะเชื้อทาง LINE")
    body = api("admin1").get("/review-queue").get_json()
    assert body["items"] == [] and body["count"] == 0
    assert body["unreviewable"]["count"] == 1
    assert [i["idea"]["ref"] for i in body["unreviewable"]["items"]] == [lab]


def test_the_queue_is_in_the_openapi_document(client):
    document = client.get(f"{API}/openapi.json").get_json()
    operation = document["paths"]["/review-queue"]["get"]
    assert set(operation["responses"]) >= {"200", "401", "403", "422"}
    assert "ReviewItem" in document["components"]["schemas"]


# -- one note box on the idea page ------------------------------------------------------------


def decide(client, ref, action, version, note="", lang="en"):
    return client.post(
        f"/ideas/{ref}/transitions?lang={lang}",
        data={"action": action, "version": str(version), "note": note},
    )


def test_approve_return_and_decline_share_one_note_box(browser, submit):
    ref = submit("staff1")
    doc = tree(browser("supervisor1").get(f"/ideas/{ref}"))
    [form] = doc.xpath("//form[@data-decision]")
    assert len(form.xpath(".//textarea[@name='note']")) == 1
    buttons = form.xpath(".//button[@type='submit'][@name='action']/@value")
    assert buttons == ["approve", "return", "decline"]
    assert "ต้องระบุเมื่อเลือก “ส่งกลับแก้ไข” หรือ “ไม่อนุมัติ”" in form.text_content()
    assert doc.xpath("//textarea[@name='note']/@id").count("note-decision") == 1
    merge = doc.xpath("//form[.//input[@name='into']]")  # merge keeps its own form
    assert len(merge) == 1 and merge[0] is not form


@pytest.mark.parametrize("action", ["return", "decline"])
def test_return_and_decline_still_need_the_note(browser, submit, db_session, action):
    ref = submit("staff1")
    version = saved(db_session, ref).version

    response = decide(browser("supervisor1"), ref, action, version, note="   ")

    assert response.status_code == 422
    [form] = tree(response).xpath("//form[@data-decision]")
    assert form.xpath(".//textarea[@name='note']/@aria-invalid") == ["true"]
    errors = [p.text_content() for p in form.xpath(".//p[@class='field-error']")]
    assert errors == ["Please give a reason; the author will read it."]
    assert saved(db_session, ref).stage == "submitted"


def test_approve_needs_no_note(browser, submit, db_session):
    ref = submit("staff1")
    response = decide(browser("supervisor1"), ref, "approve", saved(db_session, ref).version)
    assert response.status_code == 302
    assert saved(db_session, ref).stage == "approved"


def test_the_note_is_kept_when_the_reviewer_changes_their_mind(browser, submit, db_session):
    """Typed once: a return refused (the idea changed meanwhile) shows the page again with
    the note still in the box, and the reviewer sends it with another button."""
    ref = submit("staff1")
    supervisor = browser("supervisor1")
    version = saved(db_session, ref).version
    note = "เห็นด้วยในหลักการ ขอให้ทดลองที่ช่อง 2 ก่อน 1 เดือน"

    refused = decide(supervisor, ref, "return", version - 1, note=note)

    assert refused.status_code == 409
    [box] = tree(refused).xpath("//form[@data-decision]//textarea[@name='note']")
    assert box.text_content() == note
    kept = box.text_content()
    fresh = tree(refused).xpath("//form[@data-decision]//input[@name='version']/@value")[0]
    assert decide(supervisor, ref, "approve", fresh, note=kept).status_code == 302
    idea = saved(db_session, ref)
    assert idea.stage == "approved" and idea.events[-1].note == note


def test_the_decline_button_takes_the_note_typed_for_it(browser, submit, db_session):
    ref = submit("staff1")
    response = decide(
        browser("supervisor1"), ref, "decline", saved(db_session, ref).version,
        note="ซ้ำกับโครงการ BMA OSS ที่สำนักยุทธศาสตร์ดำเนินการอยู่",
    )  # fmt: skip
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    idea = saved(db_session, ref)
    assert idea.stage == "declined"
    assert idea.events[-1].note == "ซ้ำกับโครงการ BMA OSS ที่สำนักยุทธศาสตร์ดำเนินการอยู่"


def test_the_author_submits_and_withdraws_from_one_box_too(browser, app, submit, db_session):
    ref = submit("staff1")
    with app_context(app):
        from ideaboard.ideas.operations import idea_by_ref

        idea = idea_by_ref(ref)
        transition(idea, user_by_username("supervisor1"), "return", version=idea.version,
                   note="ขอข้อมูลเพิ่ม")  # fmt: skip
        db.session.commit()
    doc = tree(browser("staff1").get(f"/ideas/{ref}?lang=en"))
    [form] = doc.xpath("//form[@data-decision]")
    assert form.xpath(".//button/@value") == ["submit", "withdraw"]
    assert "(optional)" in form.xpath(".//label")[0].text_content()


def test_implementing_keeps_its_measurement_form(make_idea, browser):
    idea = make_idea(author="staff1", stage="approved")
    doc = tree(browser("supervisor1").get(f"/ideas/{idea.ref}"))
    assert doc.xpath("//form[@data-decision]//button/@value") == ["start_pilot"]
    implement = doc.xpath("//form[input[@name='action'][@value='implement']]")
    assert len(implement) == 1 and implement[0].xpath(".//input[@name='steps_after']")
    assert "รอพิจารณา" in text(browser("supervisor1").get("/review"))


def test_long_and_hostile_changes_are_cut_and_escaped_in_the_queue(app, browser, submit):
    ref = submit("staff1", title="ตรวจเอกสารครั้งเดียว")
    long_moment = "เอ๊ะ ทำไมต้องถ่ายสำเนาบัตรประชาชน " * 40  # 1,360 characters
    hostile = "<img src=x onerror=alert(1)> {{7*7}}"
    with app_context(app):
        from ideaboard.ideas.operations import idea_by_ref

        idea, staff1 = idea_by_ref(ref), user_by_username("staff1")
        transition(idea, user_by_username("supervisor1"), "return", version=idea.version,
                   note="ขอรายละเอียดเพิ่ม")  # fmt: skip
        update_idea(idea, staff1, {"eh_moment": long_moment, "title": hostile}, idea.version)
        transition(idea, staff1, "submit", version=idea.version)
        db.session.commit()
    supervisor = browser("supervisor1")

    page = text(supervisor.get("/review"))

    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; {{7*7}}" in page
    [item] = tree(supervisor.get("/review")).xpath("//li[@data-queue-item]")
    changed = [ins.text_content() for ins in item.xpath(".//ins")]
    assert any(t.endswith("…") and len(t) <= 161 for t in changed), changed
    history = tree(supervisor.get(f"/ideas/{ref}")).xpath("//ol[@class='timeline']")[0]
    assert long_moment.strip() in history.text_content()  # the history keeps it whole
