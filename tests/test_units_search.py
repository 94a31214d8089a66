"""The unit picker (issue 7, Phone): ``GET /api/v1/units?q=`` finds units by Thai or English
name or code, Thai typed either way, with the office they belong to; the idea form posts the
code as before and no longer lists every unit; the list's filters fold behind "Filters (n)".
"""

from __future__ import annotations

import pytest
from pages import text, tree, value_of

from ideaboard.extensions import db as _db
from ideaboard.people.operations import create_unit

API = "/api/v1"
SARA_AM_TYPED_IN_TWO = "ส\u0e4d\u0e32นักงานเขต"  # ส + nikhahit + sara aa


@pytest.fixture
def more_units(app, org):
    """A second district with its own ฝ่ายทะเบียน, so the fifty look-alikes are two here."""
    with app.app_context():
        create_unit(
            "D1004", "BMA", "district_office", "สำนักงานเขตบางรัก", "Bang Rak District Office"
        )
        create_unit("D1004-REG", "D1004", "section", "ฝ่ายทะเบียน", "Civil Registration Section")
        _db.session.commit()


def found(client, q, **params):
    response = client.get(API + "/units", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def codes(items) -> list[str]:
    return [item["code"] for item in items]


@pytest.fixture
def staff1(login, people, more_units):
    return login("staff1")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("ทะเบียน", ["D1001-REG", "D1004-REG"], id="thai-word-inside-a-name"),
        pytest.param("ทะเบียน บางรัก", ["D1004-REG"], id="with-the-office-name"),
        pytest.param("registration bang rak", ["D1004-REG"], id="english-any-case"),
        pytest.param("d1001-reg", ["D1001-REG"], id="code-any-case"),
        pytest.param("จุลชีว", ["MED-H02-MT-MICRO"], id="deep-in-a-hospital"),
        pytest.param("ตากสิน  จุลชีว", ["MED-H02-MT-MICRO"], id="hospital-and-section"),
        pytest.param("ไม่มีหน่วยงานนี้", [], id="nothing"),
    ],
)
def test_units_are_found_by_name_or_code(staff1, query, expected):
    assert codes(found(staff1, query)) == expected


def test_thai_typed_two_ways_finds_the_same_units(staff1):
    precomposed = found(staff1, "สำนักงานเขต")
    assert codes(found(staff1, SARA_AM_TYPED_IN_TWO)) == codes(precomposed)
    # the offices by their own name first, then their sections (found through the office)
    assert codes(precomposed) == ["D1001", "D1004", "D1001-PWK", "D1001-REG", "D1004-REG"]


def test_the_exact_code_comes_first_then_the_callers_office(staff1, login):
    assert codes(found(staff1, "D1001"))[0] == "D1001"
    # the same two sections, each caller's own office first
    assert codes(found(login("staff1"), "ทะเบียน")) == ["D1001-REG", "D1004-REG"]


def test_a_match_names_the_office_it_belongs_to(staff1):
    (match,) = found(staff1, "ทะเบียน บางรัก")
    assert match["label"] == "ฝ่ายทะเบียน · สำนักงานเขตบางรัก"
    assert match["group"] == {
        "code": "D1004",
        "name_th": "สำนักงานเขตบางรัก",
        "name_en": "Bang Rak District Office",
    }
    (office,) = found(staff1, "D1004", limit=1)
    assert office["label"] == "สำนักงานเขตบางรัก" and office["group"] is None
    english = staff1.get(API + "/units?q=ทะเบียน บางรัก&lang=en").get_json()["items"][0]
    assert english["label"] == "Civil Registration Section · Bang Rak District Office"


def test_the_limit_is_kept(staff1):
    assert len(found(staff1, "ฝ่าย")) == 3  # both ฝ่ายทะเบียน and ฝ่ายโยธา
    assert len(found(staff1, "ฝ่าย", limit=2)) == 2
    assert len(found(staff1, "a", limit=20)) <= 20


@pytest.mark.parametrize(
    "query",
    ["", "   ", "<script>alert(1)</script>", "' OR 1=1 --", "%", "_", "\x00", "😀", "{{7*7}}", "*"],
)
def test_odd_queries_find_nothing_and_never_fail(staff1, query):
    items = found(staff1, query)
    assert all("<" not in item["label"] for item in items)
    if query.strip() in ("", "%", "_", "*", "😀", "{{7*7}}", "<script>alert(1)</script>"):
        assert items == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "ก" * 101}, "q"),
        ({"q": "ทะเบียน", "limit": "0"}, "limit"),
        ({"q": "ทะเบียน", "limit": "21"}, "limit"),
        ({"q": "ทะเบียน", "limit": "ten"}, "limit"),
        ({"q": "ทะเบียน", "limit": "-1"}, "limit"),
    ],
)
def test_a_bad_query_is_a_422_naming_it(staff1, params, field):
    response = staff1.get(API + "/units", query_string=params)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {field}


def test_the_unit_search_needs_a_login(client, more_units):
    assert client.get(API + "/units?q=ทะเบียน").status_code == 401


# -- the idea form: a code field, not the whole organisation --------------------------------


def test_the_form_sends_a_code_field_with_the_units_label_not_every_unit(staff1):
    response = staff1.get("/ideas/new")
    doc = tree(response)
    (unit,) = doc.xpath("//input[@name='unit']")
    assert unit.get("value") == "D1001-REG"
    assert unit.get("data-unit-label") == "ฝ่ายทะเบียน · สำนักงานเขตพระนคร"
    assert unit.get("data-units-url") == "/api/v1/units"
    assert not doc.xpath("//select[@name='unit']")
    assert "ฝ่ายโยธา" not in text(response)  # no unit list in the page


def test_the_picked_code_is_saved_as_before(staff1, db_session):
    from pages import full_form, saved

    response = staff1.post("/ideas/new", data=full_form(unit="D1004-REG"))
    assert response.status_code == 302
    idea = saved(db_session, response.headers["Location"].rsplit("/", 1)[1])
    assert idea.unit.code == "D1004-REG"


def test_a_code_that_names_no_unit_is_refused_and_kept(staff1):
    from pages import full_form

    response = staff1.post("/ideas/new?lang=en", data=full_form(unit="<b>D9999</b>"))
    assert response.status_code == 422
    assert value_of(tree(response), "unit") == "<b>D9999</b>"
    assert "No unit has this code." in text(response)
    assert "<b>D9999</b>" not in text(response)


# -- the list: the filters fold, the unit chosen stays --------------------------------------


def test_the_folded_filters_say_how_many_are_on(staff1):
    doc = tree(staff1.get("/ideas/?lang=en"))
    (fold,) = doc.xpath("//details[contains(@class,'filters-fold')]")
    assert fold.xpath("string(summary)").strip() == "Filters"
    assert fold.get("open") is None
    assert fold.xpath(".//select[@name='stage']")  # the filters are inside the fold
    assert not fold.xpath(".//input[@name='q']")  # the search is not

    doc = tree(staff1.get("/ideas/?lang=en&stage=submitted&unit=D1001&q=คิว&sort=top"))
    (fold,) = doc.xpath("//details[contains(@class,'filters-fold')]")
    assert fold.xpath("string(summary)").strip() == "Filters (2)"
    assert fold.get("open") is None


def test_a_filter_not_understood_opens_the_fold(staff1):
    response = staff1.get("/ideas/?lang=en&fy=2026")
    assert response.status_code == 422
    (fold,) = tree(response).xpath("//details[contains(@class,'filters-fold')]")
    assert fold.get("open") is not None


def test_a_section_picked_in_the_list_filter_stays_chosen_without_javascript(staff1):
    doc = tree(staff1.get("/ideas/?unit=D1004-REG"))
    assert value_of(doc, "unit") == "D1004-REG"
    (select,) = doc.xpath("//select[@name='unit']")
    assert select.get("data-unit-value") == "D1004-REG"
    assert select.get("data-unit-label") == "ฝ่ายทะเบียน · สำนักงานเขตบางรัก"
