"""The JSON API (SPEC §8): odd bodies and characters are refused with the status SPEC
§8 gives, never a 500.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

import json

import pytest
from api import (
    API,
    Caller,
    api_error,
)

# -- never a 500 -----------------------------------------------------------------------

ODD_BODIES = [
    pytest.param("[]", 400, id="empty-list"),
    pytest.param('[{"title": "ก", "eh_moment": "ข"}]', 400, id="list-of-ideas"),
    pytest.param('"ขอสำเนาทะเบียนบ้าน"', 400, id="string"),
    pytest.param("12000", 400, id="number"),
    pytest.param("null", 400, id="null"),
    pytest.param("true", 400, id="boolean"),
    pytest.param("", 400, id="empty-body"),
    pytest.param("{bad", 400, id="broken"),
    pytest.param("[" * 100_000 + "]" * 100_000, 400, id="deeply-nested-list"),
    pytest.param('{"a":' * 100_000 + "1" + "}" * 100_000, 400, id="deeply-nested-object"),
    pytest.param(json.dumps({"title": "ก" * 1_000_000, "eh_moment": "ข"}), 422, id="huge-string"),
    pytest.param(json.dumps({"title": {"th": "ก"}, "eh_moment": ["ข"]}), 422, id="wrong-types"),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "current_steps": [1, "two", None, [], {}]}),
        422,
        id="junk-steps",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "current_steps": {"0": {}}}),
        422,
        id="steps-dict",
    ),
    pytest.param('{"title": "ก", "eh_moment": "ข", "annual_volume": NaN}', 422, id="nan-volume"),
    pytest.param(
        '{"title": "ก", "eh_moment": "ข", "annual_volume": 1e308}', 422, id="1e308-volume"
    ),
    pytest.param(
        '{"title": "ก", "eh_moment": "ข", "current_steps": [{"description": "x", "actor": "staff",'
        ' "work_minutes": Infinity}]}',
        422,
        id="infinite-minutes",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "category": ["process"], "unit": {"code": 1}}),
        422,
        id="list-category",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "stakeholders": {"citizens": True}}),
        422,
        id="dict-stakeholders",
    ),
    pytest.param(
        '{"title": "ก", "eh_moment": "ข", "annual_volume": ' + "9" * 5000 + "}",
        400,
        id="5000-digit-literal",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "coauthors": [None, 3]}),
        422,
        id="junk-coauthors",
    ),
]


def _odd_request(caller: Caller, method: str, path: str, raw: str, version: int):
    if method == "PATCH" and raw.startswith("{") and raw.endswith("}"):
        try:
            body = json.loads(raw)
            if isinstance(body, dict):
                raw = json.dumps({**body, "version": version})
        except (ValueError, RecursionError):
            pass
    return caller.client.open(
        API + path, method=method, data=raw, content_type="application/json", headers=caller.headers
    )


@pytest.mark.parametrize("method", ["POST", "PATCH"])
@pytest.mark.parametrize("raw, status", ODD_BODIES)
def test_odd_bodies_are_refused_never_a_500(
    api, make_idea, method, raw, status, version_of, idea_count
):
    staff1 = api("staff1")
    draft = make_idea()
    path = "/ideas" if method == "POST" else f"/ideas/{draft.ref}"

    response = _odd_request(staff1, method, path, raw, draft.version)

    assert response.status_code in {400, 422}
    code = "bad_request" if response.status_code == 400 else "invalid"
    error = api_error(response, status, code)
    assert "version" not in error["fields"]  # PATCH bodies carry the right version
    assert idea_count() == 1
    assert version_of(draft.ref) == 1


# A character no database column can hold (NUL, a lone surrogate) or that only garbles a
# title (an escape) is refused by name, not stored and not a 500.
@pytest.mark.parametrize(
    ("title", "status"),
    [
        pytest.param("ชื่อเรื่อง\u0000มีตัวอักษร NUL", 422, id="nul-byte"),
        pytest.param("ชื่อเรื่อง \ud800 surrogate", 422, id="lone-surrogate"),
        pytest.param("ชื่อเรื่อง\u001bมี escape", 422, id="escape-control"),
    ],
)
def test_unstorable_characters_are_refused_or_cleaned_never_a_500(api, title, status):
    raw = json.dumps({"title": title, "eh_moment": "เอ๊ะ ตัวอักษรแปลก ๆ จากการคัดลอก PDF"})

    response = api("staff1").client.post(
        f"{API}/ideas", data=raw, content_type="application/json", headers=api("staff1").headers
    )

    assert response.status_code == status, response.get_json()
    assert set(api_error(response, 422, "invalid")["fields"]) == {"title"}
