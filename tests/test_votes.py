"""Votes (SPEC §4): one per person per idea, toggled, never on one's own idea or a draft;
the count on the idea equals the vote rows after every path, and a vote is not an edit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from api import api_error
from pages import flashes, location, text, tree

from ideaboard.core.dates import utcnow
from ideaboard.engagement import operations
from ideaboard.engagement.trending import HALF_LIFE, decayed, vote_weight
from ideaboard.extensions import db
from ideaboard.ideas.operations import idea_by_ref
from ideaboard.people.operations import user_by_username

# who may vote, by stage: staff1 wrote it with staff2 as co-author; staff3 (another
# section), supervisor1 (its supervisor) and outsider (a hospital) are colleagues
STAGES = ("draft", "submitted", "returned", "approved", "declined", "piloting", "implemented")
VOTERS = {"staff1": "author", "staff2": "co-author", "staff3": "colleague",
          "supervisor1": "colleague", "outsider": "colleague"}  # fmt: skip


def expected_status(stage: str, role: str) -> int:
    if stage == "draft":
        return 409 if role != "colleague" else 404  # a draft is invisible to colleagues
    return 403 if role != "colleague" else 200


@pytest.mark.parametrize("stage", STAGES)
def test_who_may_vote_in_each_stage(api, make_idea, tally, stage):
    idea = make_idea(stage=stage, coauthors=["staff2"])
    before = tally(idea.ref)
    expected_votes = 0
    for username, role in VOTERS.items():
        status = expected_status(stage, role)
        response = api(username).put(f"/ideas/{idea.ref}/vote")
        if status == 200:
            expected_votes += 1
            assert response.get_json() == {
                "voted": True,
                "vote_count": expected_votes,
                "following": True,
            }
        else:
            error = api_error(response, status, {403: "forbidden", 404: "not_found",
                                                 409: "conflict"}[status])  # fmt: skip
            if status == 403:
                assert error["message"] == "คุณโหวตให้ไอเดียของตัวเองหรือที่ร่วมเสนอไม่ได้"
    after = tally(idea.ref)
    assert after.vote_count == after.vote_rows == expected_votes
    assert after.version == before.version  # votes are not edits: no optimistic-lock bump
    assert after.updated_at == before.updated_at


def test_refusals_are_explained_in_english_and_thai(api, make_idea, tally):
    draft = make_idea(stage="draft")
    own = api("staff1")
    th = api_error(own.put(f"/ideas/{draft.ref}/vote"), 409, "conflict")
    en = api_error(own.put(f"/ideas/{draft.ref}/vote?lang=en"), 409, "conflict")
    assert th["message"] == "ยังโหวตให้ฉบับร่างไม่ได้ เพื่อนร่วมงานโหวตได้เมื่อส่งไอเดียแล้ว"
    assert en["message"] == "A draft cannot be voted for. Colleagues vote once it is submitted."
    submitted = make_idea(stage="submitted")
    en = api_error(own.put(f"/ideas/{submitted.ref}/vote?lang=en"), 403, "forbidden")
    assert en["message"] == "You cannot vote for your own idea or one you co-wrote."
    assert tally(draft.ref).vote_rows == tally(submitted.ref).vote_rows == 0


def test_voting_is_a_toggle_and_repeating_changes_nothing(api, make_idea, tally):
    idea = make_idea(stage="approved")
    staff2, staff3 = api("staff2"), api("staff3")
    assert staff2.put(f"/ideas/{idea.ref}/vote").get_json() == {
        "voted": True,
        "vote_count": 1,
        "following": True,
    }
    assert staff2.put(f"/ideas/{idea.ref}/vote").get_json() == {
        "voted": True,
        "vote_count": 1,
        "following": True,
    }
    assert staff3.put(f"/ideas/{idea.ref}/vote").get_json() == {
        "voted": True,
        "vote_count": 2,
        "following": True,
    }
    assert staff2.delete(f"/ideas/{idea.ref}/vote").get_json() == {
        "voted": False,
        "vote_count": 1,
        "following": True,
    }
    assert staff2.delete(f"/ideas/{idea.ref}/vote").get_json() == {
        "voted": False,
        "vote_count": 1,
        "following": True,
    }
    assert tally(idea.ref).exact and tally(idea.ref).vote_rows == 1
    read = staff2.get(f"/ideas/{idea.ref}").get_json()
    assert (read["voted"], read["vote_count"]) == (False, 1)
    assert staff3.get(f"/ideas/{idea.ref}").get_json()["voted"] is True
    staff3.delete(f"/ideas/{idea.ref}/vote")
    after = tally(idea.ref)
    assert (after.vote_count, after.vote_rows, after.trending_score) == (0, 0, 0.0)


def test_an_edit_is_not_refused_because_colleagues_voted_meanwhile(api, make_idea):
    idea = make_idea(stage="returned")  # returned ideas are editable and open to votes
    author = api("staff1")
    version = author.get(f"/ideas/{idea.ref}").get_json()["version"]
    for colleague in ("staff3", "supervisor1", "outsider"):
        assert api(colleague).put(f"/ideas/{idea.ref}/vote").status_code == 200
    response = author.patch(
        f"/ideas/{idea.ref}", json={"title": "คัดสำเนาได้ใน 10 นาที (v2)", "version": version}
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["vote_count"] == 3


# -- trending ----------------------------------------------------------------------------------


def test_trending_weighs_recent_votes_more_and_top_counts_them_all(app_ctx, make_idea):
    old, fresh = make_idea(stage="approved"), make_idea(stage="approved")
    now = utcnow()
    for name in ("staff2", "staff3", "supervisor1"):  # three votes a month ago
        operations.cast_vote(
            idea_by_ref(old.ref), user_by_username(name), now=now - timedelta(days=30)
        )
    operations.cast_vote(idea_by_ref(fresh.ref), user_by_username("staff2"), now=now)
    db.session.commit()
    old_idea, fresh_idea = idea_by_ref(old.ref), idea_by_ref(fresh.ref)
    # a month is over four half-lives: three old votes are worth about 0.15 of a vote today
    assert decayed(old_idea.trending_score, now) == pytest.approx(3 * 2 ** (-30 / 7))
    assert decayed(fresh_idea.trending_score, now) == pytest.approx(1.0)
    from ideaboard.ideas.queries import list_ideas, parse_filters

    me = user_by_username("outsider")
    trending, _ = list_ideas(me, parse_filters({"sort": "trending"}))
    top, _ = list_ideas(me, parse_filters({"sort": "top"}))
    assert [i.ref for i in trending] == [fresh.ref, old.ref]
    assert [i.ref for i in top] == [old.ref, fresh.ref]
    # the order holds at any later moment: every score decays by the same factor
    later = now + 10 * HALF_LIFE
    assert decayed(fresh_idea.trending_score, later) > decayed(old_idea.trending_score, later)


def test_a_withdrawn_vote_takes_back_exactly_what_it_added(app_ctx, make_idea):
    idea = make_idea(stage="approved")
    now = utcnow()
    operations.cast_vote(idea_by_ref(idea.ref), user_by_username("staff3"), now=now - HALF_LIFE)
    operations.cast_vote(idea_by_ref(idea.ref), user_by_username("outsider"), now=now)
    db.session.commit()
    assert idea_by_ref(idea.ref).trending_score == pytest.approx(
        vote_weight(now - HALF_LIFE) + vote_weight(now)
    )
    operations.withdraw_vote(idea_by_ref(idea.ref), user_by_username("outsider"))
    db.session.commit()
    assert idea_by_ref(idea.ref).trending_score == pytest.approx(vote_weight(now - HALF_LIFE))
    assert vote_weight(now) == pytest.approx(2 * vote_weight(now - HALF_LIFE))


def test_trending_pages_follow_each_other_without_gaps(api, make_idea):
    refs = [make_idea(stage="submitted", title=f"ไอเดียกำลังมาแรง {n}").ref for n in range(5)]
    for n, ref in enumerate(refs):
        for voter in ("staff3", "supervisor1", "outsider")[: n % 3]:
            api(voter).put(f"/ideas/{ref}/vote")
    seen, cursor = [], ""
    while True:
        page = api("staff2").get(f"/ideas?sort=trending&limit=2&cursor={cursor}").get_json()
        seen += [item["ref"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert sorted(seen) == sorted(refs) and len(seen) == len(set(seen))


# -- "my votes" and the author filter -------------------------------------------------------------


def test_a_person_lists_the_ideas_they_voted_for(api, make_idea, login):
    voted = [make_idea(stage=s, title=f"โหวตแล้ว {s}").ref for s in ("submitted", "implemented")]
    other = make_idea(stage="approved", title="ยังไม่ได้โหวต").ref
    for ref in voted:
        api("staff3").put(f"/ideas/{ref}/vote")
    assert sorted(api("staff3").list_refs("voted=me")) == sorted(voted)
    assert api("staff2").list_refs("voted=me") == []
    assert other not in api("staff3").list_refs("voted=me&sort=top")
    page = login("staff3").get("/ideas/?voted=me&lang=en")
    doc = tree(page)
    assert doc.xpath("//h1")[0].text_content() == "Ideas I voted for"
    pressed = doc.xpath("//button[@class='vote-button']/@aria-pressed")
    assert pressed == ["true", "true"]
    error = api_error(api("staff3").get("/ideas?voted=you"), 422, "invalid")
    assert set(error["fields"]) == {"voted"}


def test_the_author_filter_lists_one_persons_ideas(api, make_idea, login):
    mine = make_idea(author="staff3", stage="submitted", title="ของสมศรี").ref
    make_idea(author="staff2", stage="submitted", title="ของสุดา")
    make_idea(author="staff3", stage="draft", title="ร่างของสมศรี")
    assert api("staff1").list_refs("author=staff3") == [mine]  # not staff3's draft
    assert len(api("staff3").list_refs("author=staff3")) == 2  # staff3 sees their own draft
    error = api_error(api("staff1").get("/ideas?author=nobody-here"), 422, "invalid")
    assert set(error["fields"]) == {"author"}
    page = login("staff1").get("/ideas/?author=staff3")
    assert page.status_code == 200
    assert [a.text_content() for a in tree(page).xpath("//a[@class='idea-title']")] == ["ของสมศรี"]


# -- the pages, without JavaScript ----------------------------------------------------------------


def test_the_vote_button_posts_and_returns_to_the_page_it_was_on(login, make_idea, tally):
    idea = make_idea(stage="approved")
    client = login("staff2")
    listing = tree(client.get("/ideas/?sort=top"))
    [form] = listing.xpath("//form[@data-vote-form]")
    assert form.xpath(".//button/@aria-pressed") == ["false"]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    assert fields["on"] == "1" and fields["next"] == "/ideas/?sort=top"
    response = client.post(form.get("action"), data=fields)
    assert response.status_code == 302 and location(response) == "/ideas/"
    assert response.headers["Location"].endswith("/ideas/?sort=top")
    page = tree(client.get("/ideas/?sort=top"))
    assert page.xpath("//form[@data-vote-form]//button/@aria-pressed") == ["true"]
    assert "1 โหวต" in page.xpath("//*[@data-vote-count]")[0].text_content()
    assert tally(idea.ref).vote_rows == 1
    # take it back from the idea page
    detail = tree(client.get(f"/ideas/{idea.ref}"))
    [form] = detail.xpath("//form[@data-vote-form]")
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    assert fields["on"] == "0"
    client.post(form.get("action"), data=fields)
    assert tally(idea.ref).vote_rows == tally(idea.ref).vote_count == 0


def test_no_vote_button_on_ones_own_idea_and_none_for_a_draft(login, make_idea):
    make_idea(stage="approved", title="ของฉันเอง")
    make_idea(stage="draft", title="ร่างของฉัน")
    make_idea(author="staff3", stage="submitted", title="ของเพื่อน", coauthors=["staff1"])
    make_idea(author="staff3", stage="submitted", title="ของเพื่อนอีกคน")
    doc = tree(login("staff1").get("/ideas/"))
    cards = {
        card.xpath(".//a[@class='idea-title']")[0].text_content(): card
        for card in doc.xpath("//article[@class='idea-card']")
    }
    assert {title: bool(card.xpath(".//button[@class='vote-button']")) for title, card in cards.items()} == {
        "ของฉันเอง": False, "ร่างของฉัน": False, "ของเพื่อน": False, "ของเพื่อนอีกคน": True,
    }  # fmt: skip


def test_a_forged_return_address_goes_to_the_idea_page(login, make_idea):
    idea = make_idea(stage="approved")
    client = login("staff2")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        response = client.post(f"/ideas/{idea.ref}/vote", data={"on": "1", "next": target})
        assert location(response) == f"/ideas/{idea.ref}"


def test_a_refused_vote_from_the_page_is_a_clear_4xx(login, make_idea, tally):
    idea = make_idea(stage="submitted")
    response = login("staff1").post(f"/ideas/{idea.ref}/vote?lang=en", data={"on": "1"})
    assert response.status_code == 403
    assert "You cannot vote for your own idea or one you co-wrote." in text(response)
    assert tally(idea.ref).vote_rows == 0
    assert flashes(tree(response)) == []


@pytest.mark.parametrize("value", ["5", "<img src=x onerror=alert(1)>", "", "yes"])
@pytest.mark.parametrize("button", ["vote", "follow"])
def test_a_tampered_button_value_is_named_and_changes_nothing(
    login, make_idea, tally, value, button
):
    """Found on the tour: ``on=5`` was read as "take it back" with a success message."""
    idea = make_idea(stage="submitted")
    client = login("staff2")
    assert client.post(f"/ideas/{idea.ref}/vote", data={"on": "1"}).status_code == 302
    client.get(f"/ideas/{idea.ref}")  # shows (and so clears) "your vote is counted"
    before = tally(idea.ref)

    response = client.post(f"/ideas/{idea.ref}/{button}?lang=en", data={"on": value})

    assert response.status_code == 422
    assert "Say 1 (vote or follow) or 0 (take it back)." in text(response)
    assert "<img src=x" not in response.get_data(as_text=True)
    assert tally(idea.ref) == before
    assert flashes(tree(response)) == []
