"""The organisation tree from the browser: add, rename, move (the whole subtree's paths
rewritten), refuse a circle, close and reopen; a closed unit takes no new people or ideas
and leaves the pickers."""

from __future__ import annotations

import pytest
from fixtures.ideas import FULL_IDEA
from pages import errors_on, flashes, location, text, tree

from ideaboard.people.operations import unit_by_code


@pytest.fixture
def admin(staff_roles, as_user):
    return as_user("admin1")


def test_the_tree_lists_every_unit_collapsible_and_finds_them(admin):
    page = tree(admin.get("/admin/units?lang=en"))
    codes = [
        span.text_content() for span in page.xpath("//ul[@class='unit-tree']//span[@class='ref']")
    ]
    # bureaus before district offices; each kind by name
    assert codes == ["BMA", "MED", "MED-H02", "MED-H02-MT", "MED-H02-MT-MICRO", "D1001",
                     "D1001-REG", "D1001-PWK"]  # fmt: skip
    assert page.xpath("//ul[@class='unit-tree']/li/details[@open]")  # the top is open
    found = tree(admin.get("/admin/units?q=จุลชีว&lang=th"))
    assert [a.text_content() for a in found.xpath("//a[@class='unit-name']")] == ["งานจุลชีววิทยา"]
    place = found.xpath("//p[contains(@class, 'unit-place')]")[0].text_content()
    assert "โรงพยาบาลตากสิน" in place and "กลุ่มงานเทคนิคการแพทย์" in place


def test_an_administrator_adds_a_unit_under_another(admin, units_as_committed, audit_rows):
    response = admin.post("/admin/units/new", data={
        "code": "d1001-cln", "parent": "D1001", "kind": "section",
        "name_th": "ฝ่ายรักษาความสะอาดและสวนสาธารณะ", "name_en": "Cleansing and Parks Section",
    })  # fmt: skip
    assert response.status_code == 302
    assert location(response) == "/admin/units/D1001-CLN"
    assert units_as_committed()["D1001-CLN"] == ("/BMA/D1001/D1001-CLN/", 2, "D1001", False)
    [entry] = audit_rows()
    assert entry["action"] == "unit.create" and entry["target"] == ("unit", "D1001-CLN")
    assert entry["changes"]["name_th"]["after"] == "ฝ่ายรักษาความสะอาดและสวนสาธารณะ"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "D1001-REG"}, "code", "This unit code is already used."),
        ({"code": "ฝ่ายใหม่"}, "code", "Use capital letters, digits and '-' only."),
        ({"parent": "NOPE"}, "parent", "No unit has this code."),
        ({"parent": "D1001-OLD"}, "parent", "This unit is closed."),
        ({"kind": "galaxy"}, "kind", "Unknown kind of unit."),
        ({"name_th": "   "}, "name_th", "Please enter the Thai name."),
        ({"name_th": "ก" * 10_000}, "name_th", "At most 200 characters"),
        ({"name_en": "Section\x00"}, "name_en", "invisible control characters"),
    ],
)
def test_a_unit_with_a_problem_is_not_added(
    admin, closed_unit, units_as_committed, audit_rows, changes, field, message
):
    before = units_as_committed()
    form = {"code": "D1001-CLN", "parent": "D1001", "kind": "section",
            "name_th": "ฝ่ายรักษาความสะอาด", "name_en": "Cleansing Section", **changes}  # fmt: skip
    response = admin.post("/admin/units/new?lang=en", data=form)
    assert response.status_code == 422
    shown = errors_on(tree(response), field)
    assert any(message in line for line in shown), shown
    assert units_as_committed() == before and audit_rows() == []


def test_renaming_changes_only_the_names(admin, units_as_committed, audit_rows):
    response = admin.post("/admin/units/D1001-PWK/rename",
                          data={"name_th": "ฝ่ายโยธาและระบายน้ำ", "name_en": ""})  # fmt: skip
    assert response.status_code == 302
    page = text(admin.get("/admin/units/D1001-PWK"))
    assert "ฝ่ายโยธาและระบายน้ำ" in page
    assert audit_rows()[0]["changes"] == {
        "name_th": {"before": "ฝ่ายโยธา", "after": "ฝ่ายโยธาและระบายน้ำ"},
        "name_en": {"before": "Public Works Section", "after": ""},
    }


def test_moving_a_unit_moves_its_whole_subtree(admin, units_as_committed, audit_rows, make_user):
    before = units_as_committed()
    response = admin.post("/admin/units/MED-H02-MT/move?lang=en", data={"parent": "D1001"})
    assert response.status_code == 302
    message = flashes(tree(admin.get(location(response) + "?lang=en")), "ok")[0]
    assert "Moved 2 unit(s)" in message
    after = units_as_committed()
    assert after["MED-H02-MT"] == ("/BMA/D1001/MED-H02-MT/", 2, "D1001", False)
    assert after["MED-H02-MT-MICRO"] == (
        "/BMA/D1001/MED-H02-MT/MED-H02-MT-MICRO/",
        3,
        "MED-H02-MT",
        False,
    )
    untouched = {code: place for code, place in before.items() if not code.startswith("MED-H02-MT")}
    assert {code: after[code] for code in untouched} == untouched
    [entry] = audit_rows()
    assert entry["changes"]["parent"] == {"before": "MED-H02", "after": "D1001"}
    assert entry["changes"]["path"] == {"before": "/BMA/MED/MED-H02/MED-H02-MT/",
                                        "after": "/BMA/D1001/MED-H02-MT/"}  # fmt: skip
    # a supervisor of the district now covers the moved lab (paths decide it)
    make_user("labtech", unit="MED-H02-MT-MICRO")
    with admin.application.app_context():
        from ideaboard.people.operations import user_by_username

        assert user_by_username("director").supervises(unit_by_code("MED-H02-MT-MICRO"))


@pytest.mark.parametrize("target", ["MED-H02-MT", "MED-H02-MT-MICRO", "med-h02-mt-micro"])
def test_a_unit_cannot_go_under_itself_or_below_it(admin, units_as_committed, audit_rows, target):
    before = units_as_committed()
    response = admin.post("/admin/units/MED-H02-MT/move?lang=en", data={"parent": target})
    assert response.status_code == 422
    [message] = errors_on(tree(response), "parent")
    assert "a unit cannot go under itself" in message and target.upper() in message
    assert units_as_committed() == before and audit_rows() == []


@pytest.mark.parametrize(
    ("unit", "parent", "status", "message"),
    [
        ("BMA", "MED", 409, "The top of the organisation stays the top."),
        ("D1001-REG", "NOPE", 422, "No unit has this code."),
        ("D1001-REG", "D1001-OLD", 422, "This unit is closed."),
        ("D1001-REG", "<img src=x onerror=alert(1)>", 422, "No unit has this code."),
        ("D1001-REG", "", 422, "This field is required."),
    ],
)
def test_a_move_with_a_problem_changes_nothing(
    admin, closed_unit, units_as_committed, audit_rows, unit, parent, status, message
):
    before = units_as_committed()
    response = admin.post(f"/admin/units/{unit}/move?lang=en", data={"parent": parent})
    assert response.status_code == status
    assert message in text(response)
    assert "<img src=x" not in text(response)
    assert units_as_committed() == before and audit_rows() == []


def test_moving_where_it_already_is_writes_nothing(admin, audit_rows):
    response = admin.post("/admin/units/D1001-REG/move?lang=en", data={"parent": "D1001"})
    assert response.status_code == 302
    assert audit_rows() == []


# -- closing -----------------------------------------------------------------------------


def close(admin, code):
    return admin.post(f"/admin/units/{code}/close?lang=en")


def test_a_unit_with_people_ideas_or_open_sub_units_does_not_close(
    admin, make_idea, units_as_committed, audit_rows
):
    make_idea(author="staff1", stage="submitted")  # in ฝ่ายทะเบียน
    refused = close(admin, "D1001-REG")
    assert refused.status_code == 409
    assert "2 active person(s)" in text(refused) and "1 idea(s) in progress" in text(refused)
    refused = close(admin, "D1001")
    assert "2 open sub-unit(s)" in text(refused)
    assert not any(closed for *_, closed in units_as_committed().values())
    assert audit_rows() == []
    page = text(admin.get("/admin/units/D1001-REG?lang=en"))
    assert "This unit cannot close yet" in page and "/admin/people?unit=D1001-REG" in page


def picked(client, text: str) -> list[str]:
    """The unit codes the searchable unit picker offers for ``text``."""
    return [item["code"] for item in client.get(f"/api/v1/units?q={text}").get_json()["items"]]


def test_an_empty_unit_closes_leaves_the_pickers_and_takes_nobody(
    admin, as_user, app, person_as_committed, units_as_committed, audit_rows, make_idea, make_user
):
    make_user("labhead", unit="MED-H02", supervises=["MED-H02"])
    make_idea(author="outsider", stage="implemented", unit="MED-H02-MT-MICRO",
              reviewer="labhead")  # finished: it stays  # fmt: skip
    version = person_as_committed("outsider").version
    moved = admin.post("/admin/people/outsider", data={
        "display_name": "นายนอก ทีม", "position": "", "email": "", "unit": "MED-H02-MT",
        "locale": "th", "version": version,
    })  # fmt: skip
    assert moved.status_code == 302
    assert close(admin, "MED-H02-MT-MICRO").status_code == 302
    assert units_as_committed()["MED-H02-MT-MICRO"][3] is True
    assert audit_rows()[-1]["action"] == "unit.close"
    # hidden from the pickers
    staff = as_user("staff1")
    assert "MED-H02-MT-MICRO" not in picked(staff, "MED-H02-MT-MICRO")
    assert 'value="MED-H02-MT-MICRO"' not in text(admin.get("/admin/people/new"))
    # no new people, no new ideas
    joined = admin.post("/admin/people/staff2?lang=en", data={
        "display_name": "นางสาวสุดา รักงาน", "position": "", "email": "",
        "unit": "MED-H02-MT-MICRO", "locale": "th", "version": person_as_committed("staff2").version,
    })  # fmt: skip
    assert joined.status_code == 422 and "This unit is closed." in text(joined)
    refused = staff.post("/api/v1/ideas", json={**FULL_IDEA, "unit": "MED-H02-MT-MICRO"})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"]["unit"]
    # a new unit under it is refused; reopening brings it back
    under = admin.post("/admin/units/new?lang=en", data={
        "code": "MICRO-2", "parent": "MED-H02-MT-MICRO", "kind": "section", "name_th": "งานย่อย",
    })  # fmt: skip
    assert under.status_code == 422
    assert admin.post("/admin/units/MED-H02-MT-MICRO/reopen").status_code == 302
    assert "MED-H02-MT-MICRO" in picked(staff, "MED-H02-MT-MICRO")


def test_an_idea_already_in_a_closed_unit_keeps_it_when_edited(app, make_idea, as_user):
    from sqlalchemy import update

    from ideaboard.core.dates import utcnow
    from ideaboard.extensions import db
    from ideaboard.people.models import OrgUnit

    idea = make_idea(author="staff1", stage="returned")
    with app.app_context():
        db.session.execute(
            update(OrgUnit).where(OrgUnit.code == "D1001-REG").values(closed_at=utcnow())
        )
        db.session.commit()
    staff = as_user("staff1")
    page = tree(staff.get(f"/ideas/{idea.ref}/edit"))
    assert page.xpath('//input[@name="unit"]/@value') == ["D1001-REG"]
    saved = staff.patch(f"/api/v1/ideas/{idea.ref}",
                        json={"title": "ชื่อใหม่ หลังยุบฝ่าย", "unit": "D1001-REG", "version": idea.version})  # fmt: skip
    assert saved.status_code == 200, saved.get_json()


def test_the_top_and_closed_units_cannot_close_again(admin, closed_unit):
    assert close(admin, "BMA").status_code == 409
    again = close(admin, closed_unit)
    assert again.status_code == 409 and "already closed" in text(again)
    reopened = admin.post("/admin/units/D1001-REG/reopen?lang=en")
    assert reopened.status_code == 409
