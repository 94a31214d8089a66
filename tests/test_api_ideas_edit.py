"""The JSON API (SPEC §8): editing an idea from its current version; stale and racing
edits are refused.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

import threading

import pytest
from api import (
    API,
    api_error,
    step_with,
)
from fixtures.ideas import FULL_IDEA, steps

from ideaboard.ideas import operations as idea_operations

# -- editing ---------------------------------------------------------------------------


def test_an_edit_without_version_is_refused(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(f"/ideas/{ref}", json={"title": "ชื่อใหม่"})

    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {"version"}
    assert staff1.get(f"/ideas/{ref}").get_json()["title"] == FULL_IDEA["title"]


@pytest.mark.parametrize("version", [None, True, 1.0, [1], "หนึ่ง", "1"])
def test_a_version_that_is_not_a_number_is_refused(api, version, version_of):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(f"/ideas/{ref}", json={"version": version, "title": "ชื่อใหม่"})

    assert set(api_error(response, 422, "invalid")["fields"]) == {"version"}
    assert version_of(ref) == 1


@pytest.mark.parametrize("version", [0, 2, 99])
def test_an_edit_from_a_stale_version_is_a_conflict(api, version):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(f"/ideas/{ref}", json={"version": version, "title": "ชื่อใหม่"})

    api_error(response, 409, "conflict")
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["title"] == FULL_IDEA["title"]
    assert idea["version"] == 1


def test_an_edit_with_the_current_version_saves_and_bumps_the_version(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(
        f"/ideas/{ref}",
        json={
            "version": 1,
            "title": "ขอสำเนาทะเบียนบ้านผ่าน BMA OSS ภายใน 10 นาที",
            "annual_volume": 6000,
        },
    )

    assert response.status_code == 200
    edited = response.get_json()
    assert edited["version"] == 2
    assert edited["title"] == "ขอสำเนาทะเบียนบ้านผ่าน BMA OSS ภายใน 10 นาที"
    assert edited["impact"]["hours_saved_per_year"] == 73 * 6000 / 60
    again = staff1.get(f"/ideas/{ref}").get_json()
    assert again["title"] == edited["title"] and again["version"] == 2
    assert again["eh_moment"] == FULL_IDEA["eh_moment"]  # untouched fields stay
    second = staff1.patch(f"/ideas/{ref}", json={"version": 2, "service": "งานทะเบียน 24 ชม."})
    assert second.status_code == 200
    assert second.get_json()["version"] == 3


def test_patching_steps_replaces_them_and_recomputes_the_impact(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]
    current = steps(
        ("รับบัตรคิวที่ตู้ Kiosk", "citizen", 0, 15, True),
        ("กรอกแบบฟอร์ม คร.1", "citizen", 10, 0, True),
        ("ตรวจสอบในระบบ BMA-DOC", "staff", 5, 0, False),
        ("ส่งนายทะเบียนลงนาม", "other_unit", 3, 60, False),
    )
    proposed = steps(
        ("ยื่นออนไลน์ผ่าน e-Service", "citizen", 10, 0, False),
        ("ตรวจและลงนามดิจิทัล", "staff", 5, 10, False),
    )

    response = staff1.patch(
        f"/ideas/{ref}",
        json={
            "version": 1,
            "current_steps": current,
            "proposed_steps": proposed,
            "annual_volume": 2400,
        },
    )

    assert response.status_code == 200
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["current_steps"] == current
    assert idea["proposed_steps"] == proposed
    assert idea["impact"] == {
        "steps_before": 4,
        "steps_after": 2,
        "step_reduction_pct": 50.0,
        "minutes_before": 15 + 10 + 5 + 63,
        "minutes_after": 10 + 15,
        "minutes_saved_per_case": 68,
        "hours_saved_per_year": 2720.0,  # 68 × 2,400 / 60
        "citizen_visits_before": 1,  # the kiosk and the form are one trip
        "citizen_visits_after": 0,
    }


def test_patching_only_proposed_steps_keeps_the_current_ones(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.edit(
        ref, proposed_steps=steps(("ตู้ Kiosk พิมพ์สำเนาเอง", "citizen", 3, 2, True))
    )

    assert response.status_code == 200
    idea = response.get_json()
    assert idea["current_steps"] == FULL_IDEA["current_steps"]
    assert idea["impact"]["steps_after"] == 1
    assert idea["impact"]["step_reduction_pct"] == 80.0
    assert idea["impact"]["minutes_saved_per_case"] == 90 - 5
    assert idea["impact"]["hours_saved_per_year"] == 85 * 12000 / 60


def test_a_longer_new_process_shows_negative_savings(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    idea = staff1.edit(
        ref,
        current_steps=steps(("ยื่นคำร้อง", "citizen", 4, 0, True)),
        proposed_steps=steps(
            ("ยื่นคำร้อง", "citizen", 4, 0, True),
            ("ถ่ายรูปยืนยันตัวตน", "citizen", 2, 0, True),
        ),
        annual_volume=600,
    ).get_json()

    assert idea["impact"]["step_reduction_pct"] == -100.0
    assert idea["impact"]["minutes_saved_per_case"] == -2
    assert idea["impact"]["hours_saved_per_year"] == -20.0


def test_an_invalid_edit_changes_nothing(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.edit(ref, title="ชื่อใหม่ที่ไม่ควรถูกบันทึก", current_steps=step_with(actor="robot"))

    assert set(api_error(response, 422, "invalid")["fields"]) == {"current_steps.1.actor"}
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["title"] == FULL_IDEA["title"]
    assert idea["version"] == 1
    assert idea["current_steps"] == FULL_IDEA["current_steps"]


@pytest.mark.parametrize(
    "stage, editor, status, code",
    [
        ("draft", "staff1", 200, None),
        ("returned", "staff1", 200, None),
        ("draft", "staff2", 404, "not_found"),
        ("draft", "supervisor1", 404, "not_found"),
        ("submitted", "staff2", 403, "forbidden"),
        ("submitted", "supervisor1", 403, "forbidden"),
        ("returned", "outsider", 403, "forbidden"),
        ("approved", "director", 403, "forbidden"),
        ("submitted", "staff1", 409, "conflict"),
        ("approved", "staff1", 409, "conflict"),
        ("declined", "staff1", 409, "conflict"),
        ("piloting", "staff1", 409, "conflict"),
        ("implemented", "staff1", 409, "conflict"),
    ],
)
def test_who_may_edit_in_which_stage(api, make_idea, stage, editor, status, code, version_of):
    idea = make_idea(stage=stage)
    ref, version = idea.ref, idea.version

    response = api(editor).edit(ref, title="แก้ชื่อเรื่อง โดย " + editor, version=version)

    if status == 200:
        assert response.status_code == 200
        assert response.get_json()["title"] == "แก้ชื่อเรื่อง โดย " + editor
        assert response.get_json()["version"] == version + 1
    else:
        api_error(response, status, code)
        assert version_of(ref) == version
        assert api("staff1").get(f"/ideas/{ref}").get_json()["title"] == FULL_IDEA["title"]


def test_a_coauthor_may_edit_but_not_change_the_team(api):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]
    staff2 = api("staff2")

    edited = staff2.edit(ref, solution="ใช้ตู้ Kiosk พิมพ์สำเนาเอง 24 ชั่วโมง")
    reteam = staff2.edit(ref, coauthors=["staff3"])

    assert edited.status_code == 200
    assert edited.get_json()["solution"] == "ใช้ตู้ Kiosk พิมพ์สำเนาเอง 24 ชั่วโมง"
    assert set(api_error(reteam, 422, "invalid")["fields"]) == {"coauthors"}
    assert [c["username"] for c in staff2.get(f"/ideas/{ref}").get_json()["coauthors"]] == [
        "staff2"
    ]


def test_the_second_of_two_edits_from_the_same_version_is_refused(api):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]

    first = api("staff1").patch(f"/ideas/{ref}", json={"version": 1, "title": "ฉบับของสมชาย"})
    second = api("staff2").patch(f"/ideas/{ref}", json={"version": 1, "title": "ฉบับของสุดา"})

    assert first.status_code == 200
    api_error(second, 409, "conflict")
    idea = api("staff1").get(f"/ideas/{ref}").get_json()
    assert idea["title"] == "ฉบับของสมชาย"
    assert idea["version"] == 2


def _race(app, monkeypatch, module, requests: dict) -> dict:
    """Send ``requests`` ({name: (headers, method, path, body)}) from parallel threads, each
    held at ``module.check_version`` until all have passed it: the version check alone
    cannot stop the loser, only the database's version guard can."""
    barrier = threading.Barrier(len(requests), timeout=15)
    original_check = module.check_version

    def check_then_wait(idea, version):
        original_check(idea, version)
        barrier.wait()

    monkeypatch.setattr(module, "check_version", check_then_wait)
    results: dict = {}

    def send(name, headers, method, path, body) -> None:
        try:
            response = app.test_client().open(API + path, method=method, json=body, headers=headers)
            results[name] = (response.status_code, response.get_json())
        except Exception as error:  # reported by the caller instead of as a thread warning
            results[name] = (f"exception {error!r}", None)

    threads = [
        threading.Thread(target=send, args=(name, *request)) for name, request in requests.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _one_winner(results: dict) -> str:
    statuses = sorted(str(status) for status, _ in results.values())
    assert statuses == ["200", "409"], results
    loser_body = next(body for status, body in results.values() if status == 409)
    assert loser_body["error"]["code"] == "conflict"
    return next(name for name, (status, _) in results.items() if status == 200)


def test_two_edits_racing_from_the_same_version_cannot_both_win(app, api, monkeypatch):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]
    titles = {"staff1": "ฉบับของสมชาย (race)", "staff2": "ฉบับของสุดา (race)"}

    results = _race(app, monkeypatch, idea_operations, {
        name: (api(name).headers, "PATCH", f"/ideas/{ref}", {"version": 1, "title": title})
        for name, title in titles.items()
    })  # fmt: skip

    winner = _one_winner(results)
    idea = api("staff1").get(f"/ideas/{ref}").get_json()
    assert idea["title"] == titles[winner]
    assert idea["version"] == 2


def test_two_reviewers_deciding_at_once_cannot_both_win(app, api, make_idea, monkeypatch):
    from ideaboard.workflow import machine as workflow_operations

    idea = make_idea(stage="submitted")
    decisions = {"supervisor1": "approve", "director": "decline"}

    results = _race(app, monkeypatch, workflow_operations, {
        name: (api(name).headers, "POST", f"/ideas/{idea.ref}/transitions",
               {"action": action, "version": idea.version, "note": "ตัดสินพร้อมกัน"})
        for name, action in decisions.items()
    })  # fmt: skip

    winner = _one_winner(results)
    read = api("staff1").get(f"/ideas/{idea.ref}").get_json()
    assert read["stage"] == {"approve": "approved", "decline": "declined"}[decisions[winner]]
    events = api("staff1").get(f"/ideas/{idea.ref}/events").get_json()["items"]
    assert [e["action"] for e in events] == ["create", "submit", decisions[winner]]
