"""GET /api/v1/admin/people and /api/v1/admin/units: administrators read people and the tree
as the pages show them, a page at a time (every answer is checked against the OpenAPI
document by tests/contract.py)."""

from __future__ import annotations

import pytest
from api import api_error


@pytest.fixture
def admin_api(staff_roles, api):
    return api("admin1")


def test_people_come_with_their_unit_roles_and_supervision(admin_api):
    body = admin_api.get("/admin/people?q=supervisor").get_json()
    assert body["next_cursor"] is None
    [person] = body["items"]
    assert person["username"] == "supervisor1"
    assert person["unit"]["code"] == "D1001"
    assert person["supervises"] == ["D1001-REG"] and person["roles"] == []
    assert person["active"] is True and person["version"] == 1
    admins = admin_api.get("/admin/people?role=admin").get_json()["items"]
    assert [p["username"] for p in admins] == ["admin1", "admin2"]
    assert admins[0]["roles"] == ["admin"]


def test_people_pages_follow_the_cursor(admin_api):
    seen, cursor = [], ""
    for _ in range(10):
        body = admin_api.get(f"/admin/people?limit=4&cursor={cursor}").get_json()
        seen += [p["username"] for p in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 10


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=gone", "status"),
        ("role=king", "role"),
        ("unit=NOPE", "unit"),
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("cursor=%3Cb%3E", "cursor"),
        ("q=" + "ก" * 101, "q"),
    ],
)
def test_bad_people_arguments_are_named(admin_api, query, field):
    error = api_error(admin_api.get(f"/admin/people?{query}"), 422, "invalid")
    assert field in error["fields"]


def test_units_come_in_tree_order_with_their_people(admin_api):
    body = admin_api.get("/admin/units").get_json()
    codes = [unit["code"] for unit in body["items"]]
    assert codes[:4] == ["BMA", "D1001", "D1001-PWK", "D1001-REG"]
    reg = next(unit for unit in body["items"] if unit["code"] == "D1001-REG")
    assert reg == {
        "code": "D1001-REG", "name_th": "ฝ่ายทะเบียน", "name_en": "Civil Registration Section",
        "kind": "section", "parent": "D1001", "path": "/BMA/D1001/D1001-REG/", "depth": 2,
        "closed_at": None, "people": 2,
    }  # fmt: skip
    first = admin_api.get("/admin/units?limit=3").get_json()
    rest = admin_api.get(f"/admin/units?cursor={first['next_cursor']}").get_json()
    assert [u["code"] for u in first["items"] + rest["items"]] == codes
    found = admin_api.get("/admin/units?q=ทะเบียน").get_json()["items"]
    assert [u["code"] for u in found] == ["D1001-REG"]
    api_error(admin_api.get("/admin/units?cursor=NOPE"), 422, "invalid")
    api_error(admin_api.get("/admin/units?limit=abc"), 422, "invalid")


def test_the_admin_api_is_read_only(admin_api):
    response = admin_api.post("/admin/people", json={"username": "x"})
    assert response.status_code == 405


@pytest.mark.contract
def test_the_admin_api_keeps_its_published_contract_for_administrators(app, token, staff_roles):
    """The bounded schemathesis run of tests/test_schemathesis.py, on the admin operations,
    as an administrator (there the other roles only ever get a 403)."""
    import schemathesis
    from test_schemathesis import run_operation

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if result.ok().path.startswith("/admin/")
    ]
    assert len(operations) == 2
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            run_operation(operation, mode, {"admin1": token("admin1")}, [])
