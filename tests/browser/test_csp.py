"""The pages run under the Content-Security-Policy, and the browser fixtures notice when
something breaks it: an inline script or style attribute, an uncaught error, a missing file.
These tests provoke each problem on purpose, so the collector cannot silently be a no-op."""

from __future__ import annotations

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

INJECT_INLINE_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.inlineScriptRan = true";
  document.body.append(script);
}"""


def settle(page):
    """Let events queued by the last action (violation reports) reach the test."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")


def test_an_inline_script_is_blocked_and_reported(people, new_page, browser_problems):
    page = new_page()
    page.goto("/login")
    assert browser_problems == []  # the login page itself is clean under the policy

    page.evaluate(INJECT_INLINE_SCRIPT)
    settle(page)
    assert page.evaluate("window.inlineScriptRan") is None  # the policy stopped it
    assert any(p.startswith("CSP violation") and "script-src" in p for p in browser_problems)
    assert any(
        p.startswith("console error") and "Content Security Policy" in p for p in browser_problems
    )
    browser_problems.clear()

    page.evaluate("() => document.querySelector('h1').setAttribute('style', 'color: red')")
    settle(page)
    assert any(p.startswith("CSP violation") and "style-src" in p for p in browser_problems)
    browser_problems.clear()


def test_uncaught_errors_and_missing_files_are_reported(people, new_page, browser_problems):
    page = new_page()
    page.goto("/login")
    page.evaluate("() => { setTimeout(() => { throw new Error('ไม่มีฟังก์ชันนี้ 42'); }); }")
    settle(page)
    assert [p for p in browser_problems if p.startswith("uncaught error")] == [
        f"uncaught error on {page.url}: ไม่มีฟังก์ชันนี้ 42"
    ]
    browser_problems.clear()

    page.evaluate("() => fetch('/static/js/no-such-file.js')")
    settle(page)
    assert any("Failed to load resource" in p and "404" in p for p in browser_problems)
    browser_problems.clear()


def test_an_error_page_itself_is_not_a_problem(people, new_page, browser_problems):
    """A 404 page (like a form answered with 422) is a page the app meant to show."""
    page = new_page()
    response = page.goto("/no-such-page")
    assert response.status == 404
    settle(page)
    assert browser_problems == []


def test_every_page_of_the_tour_is_clean_under_the_policy(people, make_idea, new_page):
    """List, detail (with the reviewer's forms), edit, quick capture and an error page: no
    violation or console error on any of them (the fixture fails the test otherwise)."""
    submitted = make_idea(stage="submitted", title="ลดการถ่ายสำเนาทะเบียนบ้าน 3 ชุด")
    draft = make_idea(author="supervisor1", title="ร่าง: นัดคิวออนไลน์ผ่าน QR code")
    page = new_page()
    log_in(page, "supervisor1")
    for path in (
        "/ideas/",
        "/ideas/?mine=1",
        f"/ideas/{submitted.ref}",
        f"/ideas/{draft.ref}",
        f"/ideas/{draft.ref}/edit",
        "/ideas/quick",
        "/ideas/IDEA-2569-99999",
    ):
        page.goto(path)
        page.evaluate("document.fonts.ready")
    expect(page.locator("h1")).to_have_text("404")
