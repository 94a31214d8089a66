"""The step-diff arithmetic: computed by the domain, never typed."""

import re
from types import SimpleNamespace

import pytest

from ideaboard.ideas.impact import compute_impact, measured_impact


def step(work=0, wait=0, present=False):
    return SimpleNamespace(work_minutes=work, wait_minutes=wait, citizen_present=present)


def test_five_steps_to_three_is_minus_forty_percent():
    current = [step(5, 10, True), step(10), step(2, 30), step(3, 0, True), step(1, 4, True)]
    proposed = [step(5, 0, True), step(8), step(2)]
    impact = compute_impact(current, proposed, annual_volume=12_000)
    assert (impact.steps_before, impact.steps_after) == (5, 3)
    assert impact.step_reduction_pct == 40.0
    assert impact.minutes_before == 65
    assert impact.minutes_after == 15
    assert impact.minutes_saved_per_case == 50
    assert impact.hours_saved_per_year == 10_000.0  # 50 × 12,000 / 60
    # present at steps 1, 4 and 5: steps 4–5 are one trip, so two visits before
    assert (impact.citizen_visits_before, impact.citizen_visits_after) == (2, 1)


def test_equal_steps_still_count_minutes_saved():
    impact = compute_impact([step(10, 20), step(5)], [step(5, 5), step(5)], annual_volume=600)
    assert impact.step_reduction_pct == 0.0
    assert impact.minutes_saved_per_case == 20
    assert impact.hours_saved_per_year == 200.0


def test_more_steps_after_is_a_negative_reduction():
    impact = compute_impact([step(10)] * 4, [step(2)] * 5, annual_volume=60)
    assert impact.step_reduction_pct == -25.0
    assert impact.minutes_saved_per_case == 30
    assert impact.hours_saved_per_year == 30.0


def test_slower_process_gives_negative_hours():
    impact = compute_impact([step(10)], [step(25)], annual_volume=120)
    assert impact.minutes_saved_per_case == -15
    assert impact.hours_saved_per_year == -30.0


def test_zero_volume_saves_zero_hours_and_unknown_volume_saves_unknown():
    assert compute_impact([step(10)], [step(1)], annual_volume=0).hours_saved_per_year == 0.0
    assert compute_impact([step(10)], [step(1)], annual_volume=None).hours_saved_per_year is None


@pytest.mark.parametrize(("current", "proposed"), [([], [step(3)]), ([step(5)], []), ([], [])])
def test_a_half_written_idea_claims_no_savings(current, proposed):
    impact = compute_impact(current, proposed, annual_volume=100)
    assert impact.step_reduction_pct is None
    assert impact.minutes_saved_per_case is None
    assert impact.hours_saved_per_year is None
    assert (impact.steps_before, impact.steps_after) == (len(current), len(proposed))


@pytest.mark.parametrize(
    ("before", "after", "pct"),
    [(3, 2, 33.3), (3, 1, 66.7), (7, 4, 42.9), (6, 5, 16.7), (2, 1, 50.0)],
)
def test_percentages_round_half_up_to_one_decimal(before, after, pct):
    impact = compute_impact([step()] * before, [step()] * after, annual_volume=None)
    assert impact.step_reduction_pct == pct


def test_hours_round_to_one_decimal():
    # 7 minutes × 13 cases = 91 minutes = 1.5166… hours
    assert compute_impact([step(8)], [step(1)], annual_volume=13).hours_saved_per_year == 1.5


def test_measured_result_is_judged_against_the_same_before():
    estimate = compute_impact([step(30)] * 5, [step(10)] * 3, annual_volume=600)
    measured = measured_impact(estimate, steps_after=2, minutes_after=20, annual_volume=600)
    assert measured.steps_before == 5
    assert measured.step_reduction_pct == 60.0
    assert measured.minutes_saved_per_case == 130
    assert measured.hours_saved_per_year == 1300.0


def test_html_and_api_show_the_same_numbers(login, make_idea):
    idea = make_idea(annual_volume=12_345)
    client = login("staff1")
    api = client.get(f"/api/v1/ideas/{idea.ref}").get_json()["impact"]
    html = client.get(f"/ideas/{idea.ref}?lang=en").get_data(as_text=True)

    def shown(key: str) -> str:
        match = re.search(rf'data-k="{key}">([^<]*)<', html)
        return match.group(1).strip()

    assert shown("steps") == f"{api['steps_before']} → {api['steps_after']}"
    assert shown("step_reduction_pct") == f"−{api['step_reduction_pct']:g} %"
    assert shown("minutes") == f"{api['minutes_before']:,} → {api['minutes_after']:,}"
    assert shown("visits") == f"{api['citizen_visits_before']} → {api['citizen_visits_after']}"
    assert shown("hours_saved_per_year") == f"{api['hours_saved_per_year']:,g}"
    assert api["hours_saved_per_year"] == 15_019.8  # (90 − 17) × 12,345 / 60 = 15,019.75
