"""Comments (SPEC §4): plain text with clickable links, never HTML; edit and delete one's
own; a deleted comment keeps its place for the idea's author and the unit's supervisors,
nobody sees its text; the count on the idea equals the comments shown."""

from __future__ import annotations

import pytest
from api import api_error
from pages import location, text, tree

COMMENT = "เห็นด้วยครับ ที่เขตบางรักใช้ QR code แล้วลดคิวได้ 30% ดูได้ที่ https://bma.go.th/qr?a=1&b=2."


@pytest.fixture
def idea(make_idea):
    return make_idea(stage="approved", coauthors=["staff2"])


def post(api, username, ref, body, **kwargs):
    return api(username).post(f"/ideas/{ref}/comments", json={"body": body}, **kwargs)


def test_a_colleague_comments_edits_and_deletes_their_comment(api, idea, tally):
    response = post(api, "staff3", idea.ref, COMMENT)
    assert response.status_code == 201
    comment = response.get_json()
    assert comment["body"] == COMMENT and comment["can_edit"] is True
    assert comment["author"]["username"] == "staff3" and comment["edited_at"] is None
    assert tally(idea.ref).comment_count == 1

    edited = api("staff3").patch(
        f"/ideas/{idea.ref}/comments/{comment['id']}", json={"body": "แก้ไข: ลดคิวได้ 35%"}
    )
    assert edited.status_code == 200
    assert edited.get_json()["body"] == "แก้ไข: ลดคิวได้ 35%" and edited.get_json()["edited_at"]

    deleted = api("staff3").delete(f"/ideas/{idea.ref}/comments/{comment['id']}")
    assert deleted.status_code == 204
    after = tally(idea.ref)
    assert after.comment_count == after.comment_rows == 0
    again = api("staff3").delete(f"/ideas/{idea.ref}/comments/{comment['id']}")
    api_error(again, 409, "conflict")
    assert tally(idea.ref).comment_count == 0  # a second delete takes nothing off


@pytest.mark.parametrize(
    ("body", "field_message"),
    [
        ("", "Write something first: an empty comment is not posted."),
        ("   \n\t ", "Write something first: an empty comment is not posted."),
        ("ก" * 20_000, "At most 5000 characters (you have 20000)."),
        (42, "Please enter text."),
        ("ข้อความ\x00ซ่อน", "Remove the invisible control characters from this text."),
    ],
    ids=["empty", "spaces", "20000-characters", "a-number", "nul"],
)
def test_a_bad_comment_is_refused_with_its_reason(api, idea, tally, body, field_message):
    response = post(api, "staff3", idea.ref, body, query_string={"lang": "en"})
    error = api_error(response, 422, "invalid")
    assert error["fields"] == {"body": field_message}
    assert tally(idea.ref).comment_rows == tally(idea.ref).comment_count == 0


def test_the_limit_is_5000_characters_of_thai(api, idea, tally):
    assert post(api, "staff3", idea.ref, "ก" * 5000).status_code == 201
    th = api_error(post(api, "staff3", idea.ref, "ก" * 5001), 422, "invalid")
    assert th["fields"] == {"body": "ไม่เกิน 5000 ตัวอักษร (ขณะนี้มี 5001 ตัวอักษร)"}
    assert tally(idea.ref).comment_count == 1


def test_editing_someone_elses_comment_is_forbidden_and_changes_nothing(api, idea):
    comment = post(api, "staff3", idea.ref, COMMENT).get_json()
    for who in ("staff1", "supervisor1", "outsider"):  # the author, a supervisor, anyone
        response = api(who).patch(
            f"/ideas/{idea.ref}/comments/{comment['id']}?lang=en", json={"body": "แก้แทน"}
        )
        error = api_error(response, 403, "forbidden")
        assert error["message"] == "Only the person who wrote a comment can change or delete it."
        api_error(api(who).delete(f"/ideas/{idea.ref}/comments/{comment['id']}"), 403, "forbidden")
    [shown] = api("outsider").get(f"/ideas/{idea.ref}/comments").get_json()["items"]
    assert shown["body"] == COMMENT and shown["can_edit"] is False


def test_a_comment_is_named_under_its_own_idea_only(api, idea, make_idea):
    other = make_idea(stage="approved")
    comment = post(api, "staff3", idea.ref, COMMENT).get_json()
    response = api("staff3").patch(
        f"/ideas/{other.ref}/comments/{comment['id']}", json={"body": "x"}
    )
    api_error(response, 404, "not_found")


@pytest.mark.parametrize("stage", ["draft", "submitted", "returned", "declined", "implemented"])
def test_comments_open_once_submitted(api, make_idea, stage):
    idea = make_idea(stage=stage)
    response = post(api, "staff1", idea.ref, "ความเห็นของผู้เสนอเอง", query_string={"lang": "en"})
    if stage == "draft":
        error = api_error(response, 409, "conflict")
        assert error["message"].startswith("A draft cannot be commented on.")
    else:
        assert response.status_code == 201
    if stage == "draft":  # colleagues do not even see a draft
        api_error(post(api, "staff3", idea.ref, "ความเห็น"), 404, "not_found")


def test_a_deleted_comment_keeps_its_place_for_the_author_and_supervisors_only(api, idea, login):
    first = post(api, "staff3", idea.ref, "ความเห็นแรก").get_json()
    gone = post(api, "outsider", idea.ref, "ความลับที่ไม่ควรเห็น <b>ลับ</b>").get_json()
    post(api, "staff2", idea.ref, "ความเห็นที่สาม")
    api("outsider").delete(f"/ideas/{idea.ref}/comments/{gone['id']}")

    def thread(username):
        return api(username).get(f"/ideas/{idea.ref}/comments").get_json()["items"]

    for who in ("staff1", "supervisor1", "director"):  # author; supervisors of the unit
        items = thread(who)
        assert [i["id"] for i in items][:2] == [first["id"], gone["id"]]
        assert items[1]["deleted"] is True and items[1]["body"] is None
    for who in ("staff2", "staff3", "outsider"):  # co-author, colleagues, its own writer
        assert gone["id"] not in [i["id"] for i in thread(who)]
        assert len(thread(who)) == 2

    author_page = login("staff1").get(f"/ideas/{idea.ref}?lang=en")
    doc = tree(author_page)
    assert doc.xpath(f"//li[@id='comment-{gone['id']}']//*[@data-comment-deleted]")
    assert "ความลับ" not in text(author_page)
    assert api("staff1").get(f"/ideas/{idea.ref}").get_json()["comment_count"] == 2


def test_links_become_clickable_and_markup_stays_text(login, api, idea):
    hostile = (
        "ดูที่ https://example.org/a?x=1&y=<b> และ javascript:alert(1) "
        "<img src=x onerror=alert(1)> (ตาม https://th.wikipedia.org/wiki/กรุงเทพ_(เมือง)) จบ"
    )
    post(api, "staff3", idea.ref, hostile)
    page = login("staff2").get(f"/ideas/{idea.ref}")
    body = text(page)
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    links = tree(page).xpath("//p[contains(@class,'comment-body')]/a")
    assert [a.get("href") for a in links] == [
        "https://example.org/a?x=1&y=",
        "https://th.wikipedia.org/wiki/กรุงเทพ_(เมือง)",
    ]
    assert {a.get("rel") for a in links} == {"nofollow noopener noreferrer"}
    assert not tree(page).xpath("//a[starts-with(@href, 'javascript')]")


def test_the_page_form_posts_without_javascript_and_keeps_a_refused_text(login, idea, tally):
    client = login("staff3")
    response = client.post(f"/ideas/{idea.ref}/comments", data={"body": COMMENT})
    assert response.status_code == 302
    assert response.headers["Location"].split("#")[0].endswith(f"/ideas/{idea.ref}")
    too_long = "ขอเสนอเพิ่ม " + "ก" * 6000
    refused = client.post(f"/ideas/{idea.ref}/comments?lang=en", data={"body": too_long})
    assert refused.status_code == 422
    doc = tree(refused)
    assert doc.xpath("//textarea[@name='body']")[0].text_content() == too_long
    assert doc.xpath("//p[@class='field-error']")[0].text_content().startswith("At most 5000")
    empty = client.post(f"/ideas/{idea.ref}/comments?lang=en", data={"body": "  "})
    assert empty.status_code == 422
    assert tally(idea.ref).comment_count == tally(idea.ref).comment_rows == 1


def test_edit_and_delete_from_the_page(as_user, api, idea, tally):
    comment = post(api, "staff3", idea.ref, COMMENT).get_json()
    client = as_user("staff3")
    edit_url = f"/ideas/{idea.ref}/comments/{comment['id']}/edit"
    form = tree(client.get(edit_url))
    assert form.xpath("//textarea[@name='body']")[0].text_content() == COMMENT
    response = client.post(edit_url, data={"body": "แก้ข้อความแล้ว"})
    assert response.status_code == 302
    assert "แก้ข้อความแล้ว" in text(client.get(f"/ideas/{idea.ref}"))
    other = as_user("staff2")  # a colleague is sent back, and cannot post an edit
    assert location(other.get(edit_url)) == f"/ideas/{idea.ref}"
    assert other.post(edit_url, data={"body": "แก้แทน"}).status_code == 403
    assert other.post(f"/ideas/{idea.ref}/comments/{comment['id']}/delete").status_code == 403
    response = client.post(f"/ideas/{idea.ref}/comments/{comment['id']}/delete")
    assert response.status_code == 302
    after = tally(idea.ref)
    assert after.comment_count == after.comment_rows == 0


def test_an_edit_of_a_comment_deleted_in_another_tab_keeps_what_was_typed(as_user, api, idea):
    """Found on the tour: saving an edit after deleting the comment in another tab gave a
    bare 409 page and the new text was lost."""
    comment = post(api, "staff3", idea.ref, COMMENT).get_json()
    client = as_user("staff3")
    edit_url = f"/ideas/{idea.ref}/comments/{comment['id']}/edit"
    client.get(edit_url)  # tab B opens the edit form
    assert client.post(f"/ideas/{idea.ref}/comments/{comment['id']}/delete").status_code == 302

    typed = "ข้อความใหม่ที่พิมพ์ไว้ในแท็บ B: ลดเหลือ 2 ขั้นตอน <b>ไม่ใช่ตัวหนา</b>"
    response = client.post(f"{edit_url}?lang=en", data={"body": typed})

    assert response.status_code == 409
    doc = tree(response)
    assert doc.xpath("//textarea[@name='body']")[0].text_content() == typed
    assert "<b>ไม่ใช่ตัวหนา</b>" not in text(response)  # escaped, as everything typed


def test_many_comments_come_a_page_at_a_time(api, idea, login):
    ids = [post(api, "staff3", idea.ref, f"ความเห็นที่ {n}").get_json()["id"] for n in range(55)]
    seen, cursor = [], ""
    while True:
        page = (
            api("outsider").get(f"/ideas/{idea.ref}/comments?limit=20&cursor={cursor}").get_json()
        )
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert seen == ids
    html = login("outsider").get(f"/ideas/{idea.ref}")
    doc = tree(html)
    assert len(doc.xpath("//li[contains(@class,'comment')]")) == 50
    [more] = doc.xpath("//a[starts-with(text(), 'ความคิดเห็นถัดไป')]")
    rest = tree(api("outsider").client.get(more.get("href"), headers=api("outsider").headers))
    assert len(rest.xpath("//li[contains(@class,'comment')]")) == 5
    api_error(api("outsider").get(f"/ideas/{idea.ref}/comments?cursor=%%%"), 422, "invalid")
