"""Keyboard users: the field with focus is never hidden under the sticky save bar, and
after a refused save the focus is on what went wrong."""

from __future__ import annotations

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 812)])
def test_tabbing_through_the_long_form_never_hides_the_field_under_the_save_bar(
    new_page, people, width, height
):
    page = new_page(width=width, height=height)
    log_in(page)
    page.goto("/ideas/new")
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        covered = page.evaluate(
            """() => {
                const el = document.activeElement;
                const bar = document.querySelector('.form-actions');
                if (!el || !bar || bar.contains(el) || el === document.body) return null;
                const a = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
                return a.bottom > b.top + 1 && a.top < b.bottom ? el.id || el.name : null;
            }"""
        )
        if covered:
            hidden.append(covered)
    assert hidden == []


def test_after_a_refused_save_the_focus_is_on_the_error(new_page, people):
    page = new_page()
    log_in(page)
    page.goto("/ideas/new")
    page.click("button[name=submit_idea]")
    expect(page.locator(".flash-box.kind-error").first).to_be_focused()
