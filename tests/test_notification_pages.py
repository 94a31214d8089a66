"""Reading and marking notifications, on the pages and in the API: the bell's count, the
list newest first a page at a time, mark one and mark all read, and nobody else's.

supervisor1 reviews the ideas of ฝ่ายทะเบียน: each submission by staff1 tells them.
"""

from __future__ import annotations

import pytest
from api import api_error
from pages import tree
from sqlalchemy import event, insert

from ideaboard.core.dates import utcnow
from ideaboard.engagement.models import Comment
from ideaboard.extensions import db
from ideaboard.notifications.models import Notification
from ideaboard.people.operations import user_by_username

TITLES = [
    "จองคิวทำบัตรประชาชนผ่าน LINE OA ได้ 24 ชม.",
    "ลดขั้นตอนขออนุญาตใช้ลานกีฬา จาก 6 เหลือ 2 ขั้นตอน",
    "ใบเสร็จค่าธรรมเนียมแบบ e-Receipt ไม่ต้องพิมพ์",
]


@pytest.fixture
def submitted(make_idea):
    """Three ideas staff1 submitted, oldest first: supervisor1 has three unread."""
    return [make_idea(author="staff1", stage="submitted", title=title) for title in TITLES]


def bell(client, path="/ideas/") -> str | None:
    counts = tree(client.get(path)).xpath("//a[@data-bell]//*[@data-bell-count]")
    return counts[0].text_content().split()[0] if counts else None


def test_the_bell_counts_the_unread(submitted, as_user):
    supervisor = as_user("supervisor1")
    assert bell(supervisor) == "3"
    assert bell(as_user("staff2")) is None  # nothing for staff2
    [link] = tree(supervisor.get("/ideas/")).xpath("//a[@data-bell]")
    assert link.get("href") == "/notifications"


def test_the_bell_is_one_bounded_query(submitted, as_user, app):
    """One SELECT on notifications per page, reading at most 100 index entries."""
    supervisor = as_user("supervisor1")
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "FROM notifications" in statement:
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        supervisor.get("/ideas/")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(statements) == 1, statements
    assert "LIMIT" in statements[0]


def test_beyond_99_unread_the_bell_says_99_plus(people, make_idea, as_user, app):
    """105 comments on a submitted idea, each a notification of supervisor1's (written in
    bulk here): the count stops at 100."""
    idea = make_idea(author="staff1", stage="submitted")
    with app.app_context():
        supervisor, staff1 = user_by_username("supervisor1"), user_by_username("staff1")
        comments = [
            Comment(idea_id=idea.id, author_id=staff1.id, body=f"ข้อมูลเพิ่มเติม ครั้งที่ {n}")
            for n in range(105)
        ]
        db.session.add_all(comments)
        db.session.flush()
        db.session.execute(
            insert(Notification),
            [{"user_id": supervisor.id, "idea_id": idea.id, "kind": "comment",
              "actor_id": staff1.id, "comment_id": c.id, "created_at": utcnow()}
             for c in comments],
        )  # fmt: skip
        db.session.commit()
    supervisor = as_user("supervisor1")
    assert bell(supervisor) == "99+"
    page = supervisor.get("/api/v1/notifications").get_json()
    assert page["unread_count"] == 100 and len(page["items"]) == 20 and page["next_cursor"]


def test_the_list_is_newest_first_with_unread_marked(submitted, as_user):
    doc = tree(as_user("supervisor1").get("/notifications?lang=en"))
    items = doc.xpath("//ol[@class='notice-list']/li")
    titles = [
        " ".join(i.xpath(".//a[@class='notice-link']")[0].text_content().split()) for i in items
    ]
    assert titles == [f"{idea.ref} {idea.title}" for idea in reversed(submitted)]
    assert all("unread" in item.get("class") for item in items)
    assert items[0].xpath(".//p[@class='notice-what']")[0].text_content().split() == [
        "New", "นายสมชาย", "ใจดี", "submitted", "an", "idea", "for", "your", "review",
    ]  # fmt: skip
    assert items[0].xpath(".//a[@class='notice-link']/@href") == [f"/ideas/{submitted[-1].ref}"]
    assert items[0].xpath(".//time/@datetime")


def test_marking_one_read_with_the_form(submitted, as_user, api):
    supervisor = as_user("supervisor1")
    doc = tree(supervisor.get("/notifications"))
    [form] = doc.xpath("//li[1]//form[contains(@class,'notice-mark')]")
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    response = supervisor.post(form.get("action"), data=fields)
    assert response.status_code == 302 and response.headers["Location"] == "/notifications"
    assert bell(supervisor) == "2"
    doc = tree(supervisor.get("/notifications"))
    assert "unread" not in doc.xpath("//ol[@class='notice-list']/li")[0].get("class")
    assert not doc.xpath("//li[1]//form[contains(@class,'notice-mark')]")


def test_marking_all_read(submitted, as_user):
    supervisor = as_user("supervisor1")
    response = supervisor.post("/notifications/read-all", data={"next": "/ideas/"})
    assert response.status_code == 302 and response.headers["Location"] == "/ideas/"
    assert bell(supervisor) is None
    doc = tree(supervisor.get("/notifications?unread=1&lang=en"))
    assert doc.xpath("//p[@class='empty']/text()") == ["Nothing unread."]
    assert len(tree(supervisor.get("/notifications")).xpath("//li[contains(@class,'notice')]")) == 3


def test_another_persons_notification_is_not_found(submitted, as_user, api, db_session):
    [first, *_] = api("supervisor1").get("/notifications").get_json()["items"]
    staff3 = as_user("staff3")
    assert staff3.post(f"/notifications/{first['id']}/read").status_code == 404
    api_error(api("staff3").post(f"/notifications/{first['id']}/read"), 404, "not_found")
    api_error(api("staff3").post("/notifications/read", json={"ids": [first["id"]]}), 404,
              "not_found")  # fmt: skip
    with db_session() as session:
        assert session.get(Notification, first["id"]).read_at is None


def test_a_form_without_its_csrf_token_marks_nothing(submitted, as_user, app, db_session):
    supervisor = as_user("supervisor1")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = supervisor.post("/notifications/read-all", data={})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400  # CSRFProtect refuses it before the view
    assert bell(supervisor) == "3"


def test_the_list_comes_a_page_at_a_time(make_idea, as_user):
    ideas = [make_idea(author="staff1", stage="submitted", title=f"ลดคิว {n}") for n in range(23)]
    supervisor = as_user("supervisor1")
    seen, path, pages = [], "/notifications?lang=en", 0
    while path:
        doc = tree(supervisor.get(path))
        seen += [a.get("href") for a in doc.xpath("//a[@class='notice-link']")]
        path = next(iter(doc.xpath("//div[@class='pager']/a[text()='Next page »']/@href")), None)
        pages += 1
    assert pages == 2
    assert seen == [f"/ideas/{idea.ref}" for idea in reversed(ideas)]


def test_a_forged_page_link_shows_the_first_page(submitted, as_user):
    response = as_user("supervisor1").get("/notifications?cursor=%3Cscript%3E&lang=en")
    assert response.status_code == 200
    assert "This page link is no longer valid" in response.get_data(as_text=True)


# -- the API ---------------------------------------------------------------------------------


def test_the_api_lists_pages_and_counts(submitted, api):
    supervisor = api("supervisor1")
    first = supervisor.get("/notifications?limit=2").get_json()
    assert [i["idea"]["ref"] for i in first["items"]] == [submitted[2].ref, submitted[1].ref]
    assert first["unread_count"] == 3 and first["next_cursor"]
    second = supervisor.get(f"/notifications?limit=2&cursor={first['next_cursor']}").get_json()
    assert [i["idea"]["ref"] for i in second["items"]] == [submitted[0].ref]
    assert second["next_cursor"] is None
    item = second["items"][0]
    assert item["kind"] == "review" and item["read_at"] is None
    assert item["actor"] == {"username": "staff1", "display_name": "นายสมชาย ใจดี"}


def test_the_api_marks_one_read_idempotently(submitted, api):
    supervisor = api("supervisor1")
    newest = supervisor.get("/notifications").get_json()["items"][0]
    answer = supervisor.post(f"/notifications/{newest['id']}/read").get_json()
    assert answer["unread_count"] == 2
    assert answer["notification"]["id"] == newest["id"]
    assert answer["notification"]["read_at"] is not None
    again = supervisor.post(f"/notifications/{newest['id']}/read").get_json()
    assert again["unread_count"] == 2
    assert again["notification"]["read_at"] == answer["notification"]["read_at"]
    unread = supervisor.get("/notifications?unread=true").get_json()["items"]
    assert [i["idea"]["ref"] for i in unread] == [submitted[1].ref, submitted[0].ref]


def test_the_api_marks_some_or_all_read(submitted, api):
    supervisor = api("supervisor1")
    ids = [i["id"] for i in supervisor.get("/notifications").get_json()["items"]]
    assert supervisor.post("/notifications/read", json={"ids": ids[:2]}).get_json() == {
        "marked": 2, "unread_count": 1,
    }  # fmt: skip
    assert supervisor.post("/notifications/read-all").get_json() == {
        "marked": 1, "unread_count": 0,
    }  # fmt: skip
    assert supervisor.post("/notifications/read", json={"all": True}).get_json() == {
        "marked": 0, "unread_count": 0,
    }  # fmt: skip


@pytest.mark.parametrize(
    "query, field",
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=๕", None),  # Thai digits are digits
        ("cursor=bm90LWEtbnVtYmVy", "cursor"),
        ("cursor=" + "A" * 30, "cursor"),
        ("unread=maybe", "unread"),
    ],
)
def test_the_api_names_a_bad_argument(submitted, api, query, field):
    response = api("supervisor1").get(f"/notifications?{query}")
    if field is None:
        assert response.status_code == 200
    else:
        assert set(api_error(response, 422, "invalid")["fields"]) == {field}


@pytest.mark.parametrize(
    "body, field",
    [({}, "ids"), ({"ids": "1"}, "ids"), ({"ids": [0]}, "ids"), ({"all": "yes"}, "all"),
     ({"ids": [1], "also": 1}, "also"), ({"ids": list(range(1, 102))}, "ids")],
)  # fmt: skip
def test_a_bad_read_request_is_a_422(submitted, api, body, field):
    response = api("supervisor1").post("/notifications/read", json=body)
    assert field in api_error(response, 422, "invalid")["fields"]


def test_markup_in_a_title_or_comment_stays_text(make_idea, api, as_user):
    idea = make_idea(author="staff1", stage="submitted", title="<img src=x onerror=alert(1)> คิว")
    api("staff3").put(f"/ideas/{idea.ref}/follow")
    api("staff1").post(f"/ideas/{idea.ref}/comments", json={"body": "<script>alert(2)</script>"})
    html = as_user("staff3").get("/notifications").get_data(as_text=True)
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; คิว" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
