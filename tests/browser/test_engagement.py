"""Voting, following and commenting in a real Chromium under the Content-Security-Policy:
with JavaScript the buttons answer in place (no page load), without it the same forms post
and come back; a comment's link is clickable and its markup stays text."""

from __future__ import annotations

import re

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser


def test_voting_from_the_list_updates_the_card_in_place(people, make_idea, new_page, tally):
    idea = make_idea(author="staff1", stage="approved")
    page = new_page()
    log_in(page, "staff2")
    page.goto("/ideas/")
    page.wait_for_load_state("load")
    page.evaluate("() => { window.samePage = true; }")  # gone if the page reloads
    button = page.locator(f"form[data-ref='{idea.ref}'] button.vote-button")
    count = page.locator(f"form[data-ref='{idea.ref}'] [data-vote-count]")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text("▲ โหวตแล้ว")
    expect(count).to_have_text("1 โหวต")
    assert page.evaluate("() => window.samePage") is True
    assert tally(idea.ref).vote_rows == 1
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("0 โหวต")
    assert page.evaluate("() => window.samePage") is True
    after = tally(idea.ref)
    assert after.vote_rows == after.vote_count == 0


def test_vote_follow_and_comment_on_the_idea_page(people, make_idea, new_page, tally, followers):
    idea = make_idea(author="staff1", stage="submitted")
    page = new_page()
    log_in(page, "staff3", lang="en")
    page.goto(f"/ideas/{idea.ref}")
    page.wait_for_load_state("load")
    vote = page.locator("button.vote-button")
    follow = page.locator("button.follow-button")
    vote.dblclick()  # a double-click is one vote
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-vote-count]")).to_have_text("1 vote")
    assert tally(idea.ref).vote_rows == 1
    # staff3 follows because they voted: the Follow button says so at once, no reload
    expect(follow).to_have_attribute("aria-pressed", "true")
    expect(follow).to_have_text("Following")
    follow.click()  # pressing it unfollows
    expect(follow).to_have_attribute("aria-pressed", "false")
    expect(follow).to_have_text("Follow")
    assert "staff3" not in followers(idea.ref)

    page.fill("#comment-body", "ลองดู https://bma.go.th/oss ครับ <script>alert(1)</script>")
    page.click("form.comment-form button[type=submit]")
    body = page.locator(".comment-body").first
    expect(body).to_contain_text("<script>alert(1)</script>")  # shown as text
    link = body.locator("a")
    expect(link).to_have_attribute("href", "https://bma.go.th/oss")
    expect(link).to_have_attribute("rel", "nofollow noopener noreferrer")
    assert tally(idea.ref).comment_count == 1


def test_the_buttons_work_without_javascript(people, make_idea, new_page, tally):
    idea = make_idea(author="staff1", stage="approved")
    page = new_page(javascript=False)
    log_in(page, "staff2")
    page.goto("/ideas/?sort=top")
    page.click(f"form[data-ref='{idea.ref}'] button.vote-button")
    expect(page).to_have_url(re.compile(r"/ideas/\?sort=top$"))  # back where it was
    expect(page.locator(f"form[data-ref='{idea.ref}'] button.vote-button")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert tally(idea.ref).vote_rows == 1


def test_a_vote_refused_meanwhile_is_explained_next_to_the_button(
    people, make_idea, new_page, api, tally, browser_problems
):
    idea = make_idea(author="staff1", stage="submitted")
    page = new_page()
    log_in(page, "staff2", lang="en")
    page.goto(f"/ideas/{idea.ref}")
    page.wait_for_load_state("load")
    author = api("staff1")  # the author takes it back to a draft while the page is open
    assert author.act(idea.ref, "withdraw").status_code == 200
    page.click("button.vote-button")
    expect(page.locator("form[data-vote-form] [data-engage-error]")).to_have_text(
        "No idea with this reference."
    )
    expect(page.locator("button.vote-button")).to_have_attribute("aria-pressed", "false")
    assert tally(idea.ref).vote_rows == 0
    # Chromium logs the API's 404 for the fetch: expected here, not a problem of the page
    assert all("404" in problem for problem in browser_problems), browser_problems
    browser_problems.clear()
