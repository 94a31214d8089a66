"""The HTML pages, told as the story of one เอ๊ะ.

A member of staff logs in, jots a quick เอ๊ะ, fills in the full form with today's steps and
the proposed ones, submits it; a supervisor approves, returns or declines it and finally
records the measured result. Along the way colleagues browse the list, switch language
and read dates in the Buddhist era. Whatever odd input they send, no page answers 500.

Error messages are checked in English (``?lang=en``): the Thai catalogue is translated by
people and may change, the English message ids do not. Dates, numbers, CSS marks and
statuses are checked in both languages.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from conftest import FULL_IDEA, PASSWORD, steps
from flask.globals import _cv_app
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select

from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username

REF_URL = re.compile(r"^/ideas/(IDEA-25\d\d-\d{5})$")

ON_POSTGRES = "config.getoption('--db') == 'postgres'"


# -- a browser that behaves like production -------------------------------------------


class RealRequestClient(FlaskClient):
    """Each request runs in its own application context, as it does in production.

    The ``clean_db`` fixture keeps an application context open for the whole test, and
    Flask reuses an open context for requests; then ``g`` (the logged-in user, the chosen
    locale) and the database session would leak from one request into the next, and one
    client's login would be seen by another. Stepping out of that context for the duration
    of each request gives every request a fresh ``g`` and a session removed at its end.
    """

    def open(self, *args, **kwargs):
        outer = _cv_app.get(None)
        if outer is None:
            return super().open(*args, **kwargs)
        outer.pop()
        try:
            return super().open(*args, **kwargs)
        finally:
            outer.push()


def new_client(app) -> RealRequestClient:
    return RealRequestClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def client(app):
    """Overrides conftest's client (and so the ``login`` fixture's) with the real one."""
    return new_client(app)


@pytest.fixture
def login(client, people):
    """login("staff1") → the test's client, logged in (the people exist first)."""

    def do(username: str = "staff1"):
        response = client.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, text(response)[:500]
        return client

    return do


@pytest.fixture
def browser(app, people):
    """browser("supervisor1") → a separate client, logged in as that person."""

    def open_as(username: str):
        other = new_client(app)
        response = other.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, text(response)[:500]
        return other

    return open_as


# -- reading pages -----------------------------------------------------------------


def text(response) -> str:
    return response.get_data(as_text=True)


def tree(response):
    return lxml.html.fromstring(text(response))


def location(response) -> str:
    return urlsplit(response.headers["Location"]).path


def elements(doc, name: str) -> list:
    return doc.xpath("//*[@name=$name]", name=name)


def value_of(doc, name: str):
    """What the browser would send back for the form field ``name`` (None if absent)."""
    found = elements(doc, name)
    if not found:
        return None
    element = found[0]
    if element.tag == "textarea":
        return element.text_content()
    if element.tag == "select":
        chosen = element.xpath(".//option[@selected]")
        return chosen[0].get("value") if chosen else None
    if element.get("type") == "checkbox":
        return [e.get("value") for e in found if e.get("checked") is not None]
    return element.get("value")


def errors_on(doc, name: str) -> list[str]:
    """The error messages shown in the field box that holds the input ``name``."""
    element = elements(doc, name)[0]
    box = element.xpath(
        "ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' field ')][1]"
    )[0]
    return [p.text_content().strip() for p in box.xpath(".//p[@class='field-error']")]


def step_list_errors(doc, list_name: str) -> list[str]:
    section = doc.xpath("//section[@data-steps=$n]", n=list_name)[0]
    return [p.text_content().strip() for p in section.xpath("./p[@class='field-error']")]


def row_indexes(doc, list_name: str) -> list[int]:
    pattern = re.compile(rf"^{list_name}-(\d+)-description$")
    names = [e.get("name") for e in doc.xpath("//input[@name]")]
    return [int(m.group(1)) for n in names if (m := pattern.match(n))]


def offered(doc, name: str) -> list[str]:
    return elements(doc, name)[0].xpath(".//option/@value")


def flashes(doc, category: str | None = None) -> list[str]:
    css = f"flash-{category}" if category else "flash"
    return [
        p.text_content().strip()
        for p in doc.xpath("//p[contains(concat(' ', @class, ' '), $c)]", c=f" {css} ")
    ]


def impact(doc, key: str) -> str:
    return doc.xpath("//dl[@data-impact]//*[@data-k=$k]", k=key)[0].text_content().strip()


def diff_marks(doc) -> list[str]:
    return [
        " ".join(tr.get("class").split()) for tr in doc.xpath("//table[@class='diff']/tbody/tr")
    ]


def card_titles(doc) -> list[str]:
    return [a.text_content().strip() for a in doc.xpath("//a[@class='idea-title']")]


def html_lang(response) -> str:
    return tree(response).get("lang")


# -- the database, as the next request would see it ---------------------------------


def saved(db, ref: str) -> Idea | None:
    db.session.rollback()  # forget anything cached; read what is committed
    return db.session.scalar(select(Idea).where(Idea.ref == ref))


def idea_count(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(Idea))


def descriptions(step_list) -> list[str]:
    return [step.description for step in step_list]


# -- what people type into the full form ----------------------------------------------

TODAY = [
    ("ประชาชนรับบัตรคิวที่ประชาสัมพันธ์", "citizen", 1, 20, True),
    ("ยื่นคำร้องที่ช่อง 1 พร้อมสำเนาบัตร", "citizen", 5, 10, True),
    ("เจ้าหน้าที่ตรวจสอบเอกสาร (manual check)", "staff", 10, 0, False),
    ("รอนายทะเบียนลงนาม", "other_unit", 2, 5, False),
    ("รับเอกสารที่ช่อง 3", "citizen", 2, 5, True),
]  # 60 minutes a case; present at steps 1–2 (one trip) and 5: 2 visits
PROPOSED = [
    ("จองคิวผ่าน QR code บน LINE OA", "citizen", 1, 0, False),
    ("ยื่นคำร้องและตรวจเอกสารที่ช่องเดียว", "staff", 8, 20, True),
    ("พิมพ์และลงนามด้วย e-Signature", "staff", 4, 15, False),
]  # 48 minutes a case, 1 visit: 12 min × 12,000 cases / 60 = 2,400 hours a year

IDEA_FORM = {
    "title": "คัดสำเนาทะเบียนบ้านจบในช่องเดียว (one-stop) ภายใน 30 นาที",
    "eh_moment": "เอ๊ะ ทำไมประชาชนต้องเดิน 3 ช่อง และถ่ายสำเนาบัตรทั้งที่ระบบ BMA OSS อ่านชิปได้",
    "process_name": "การขอคัดสำเนาทะเบียนบ้าน (ทร.14)",
    "service": "งานทะเบียนราษฎร",
    "unit": "D1001-PWK",
    "category": "process",
    "annual_volume": "12,000",
    "solution": "รวมการตรวจเอกสารและการพิมพ์ไว้ที่ช่องเดียว ใช้ QR code นัดคิว",
    "value": "ประชาชนมาสำนักงานเขตครั้งเดียว เจ้าหน้าที่ไม่ต้องถ่ายสำเนาซ้ำ 2 รอบ",
    "stakeholders": ["citizens", "colleagues"],
    "stakeholders_other": "สำนักงานเขตอื่น 49 แห่ง",
    "coauthors": "",
}


def step_rows(list_name: str, rows, *, start: int = 0) -> dict:
    """Form fields for ``rows`` in FieldList naming: current_steps-0-description, …"""
    data = {}
    for offset, (description, actor, work, wait, present) in enumerate(rows):
        prefix = f"{list_name}-{start + offset}-"
        data[prefix + "position"] = str(start + offset + 1)
        data[prefix + "description"] = description
        data[prefix + "actor"] = actor
        data[prefix + "work_minutes"] = str(work)
        data[prefix + "wait_minutes"] = str(wait)
        if present:
            data[prefix + "citizen_present"] = "y"
    return data


def blank_row(list_name: str, index: int) -> dict:
    """An untouched row as a browser sends it: order number and default actor, no text."""
    prefix = f"{list_name}-{index}-"
    return {
        prefix + "position": str(index + 1),
        prefix + "description": "",
        prefix + "actor": "citizen",
        prefix + "work_minutes": "",
        prefix + "wait_minutes": "",
    }


def full_form(**changes) -> dict:
    data = {
        **IDEA_FORM,
        **step_rows("current_steps", TODAY),
        **blank_row("current_steps", len(TODAY)),
        **step_rows("proposed_steps", PROPOSED),
        **blank_row("proposed_steps", len(PROPOSED)),
        "save": "1",
    }
    data.update(changes)
    return data


def assert_typed_values_kept(response, data: dict) -> None:
    """Every value the user typed is in the re-rendered form, in the field it was typed in."""
    doc = tree(response)
    page = text(response)
    for name, typed in data.items():
        if name in ("save", "submit_idea", "add_step", "version"):
            continue
        shown = value_of(doc, name)
        if isinstance(typed, list):
            assert sorted(shown or []) == sorted(typed), name
        elif name.endswith("citizen_present") or name.endswith("remove"):
            assert shown == ["y"], name
        elif (
            elements(doc, name)
            and elements(doc, name)[0].tag == "select"
            and (typed not in offered(doc, name))
        ):
            continue  # a tampered choice the list does not offer cannot be shown as chosen
        elif shown is None:
            assert str(escape(typed)) in page, name
        else:
            assert shown.strip() == typed.strip(), name


# == 1. Logging in and out ===========================================================


def test_login_page_asks_for_username_and_password(client):
    response = client.get("/login")
    assert response.status_code == 200
    doc = tree(response)
    assert doc.xpath("//form[@method='post']//input[@name='username']")
    assert doc.xpath("//form[@method='post']//input[@name='password'][@type='password']")


def test_wrong_password_shows_a_message_and_logs_nobody_in(client, people):
    response = client.post(
        "/login?lang=en", data={"username": "staff1", "password": "ผิด wrong-password"}
    )
    assert response.status_code == 422
    assert "Wrong username or password." in errors_on(tree(response), "password")
    assert value_of(tree(response), "username") == "staff1"

    after = client.get("/ideas/")
    assert after.status_code == 302
    assert location(after) == "/login"


def test_right_password_leads_to_the_ideas(client, people):
    response = client.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert response.status_code == 302
    landed = client.get(response.headers["Location"], follow_redirects=True)
    assert landed.status_code == 200
    assert landed.request.path == "/ideas/"
    assert "นายสมชาย ใจดี" in text(landed)


def test_usernames_are_not_case_sensitive_at_login(client, people):
    response = client.post("/login", data={"username": "  Staff1 ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/ideas/").status_code == 200


def test_a_safe_next_is_followed(client, people):
    response = client.post(
        "/login?next=/ideas/new", data={"username": "staff1", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/ideas/new"


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "//evil.example/ideas/",
        "https://evil.example/login",
        "javascript:alert(1)",
        "/\\evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        "/%2F/evil.example",
    ],
)
def test_an_external_next_goes_home_instead(client, people, next_url):
    response = client.post(
        "/login", query_string={"next": next_url}, data={"username": "staff1", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert same_site(response.headers["Location"])
    if not next_url.startswith("/") or next_url.startswith("//"):
        assert response.headers["Location"] == "/"  # home, which shows the ideas


def same_site(url: str) -> bool:
    """Would a browser stay on this site? It drops tabs and newlines and reads "\\" as "/"."""
    seen = re.sub(r"[\t\r\n]", "", url).replace("\\", "/")
    target = urlsplit(seen)
    return target.scheme == "" and target.netloc == "" and not seen.startswith("//")


@pytest.fixture
def draft_ref(make_idea):
    return make_idea().ref


ANONYMOUS_REDIRECTS = [
    ("get", "/"),
    ("get", "/ideas/"),
    ("get", "/ideas/?mine=1"),
    ("get", "/ideas/new"),
    ("get", "/ideas/quick"),
    ("post", "/ideas/quick"),
    ("post", "/ideas/new"),
    ("get", "/ideas/{ref}"),
    ("get", "/ideas/{ref}/edit"),
    ("post", "/ideas/{ref}/edit"),
    ("post", "/ideas/{ref}/transitions"),
    ("post", "/logout"),
]


@pytest.mark.parametrize(("method", "path"), ANONYMOUS_REDIRECTS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, draft_ref, method, path):
    path = path.format(ref=draft_ref)
    response = getattr(client, method)(path, data={"title": "แอบส่ง", "action": "approve"})
    assert response.status_code == 302
    assert location(response) == "/login"
    assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == [path]
    assert idea_count(db) == 1  # nothing was created


def test_after_logging_in_the_visitor_is_back_where_they_were_going(client, people):
    bounced = client.get("/ideas/quick")
    login_url = bounced.headers["Location"]
    response = client.post(login_url, data={"username": "staff2", "password": PASSWORD})
    assert response.headers["Location"] == "/ideas/quick"
    assert client.get("/ideas/quick").status_code == 200


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/login", "text/html"),
        ("/healthz", "application/json"),
        ("/static/css/app.css", "text/css"),
        ("/fonts/Sarabun-Regular.ttf", "font/ttf"),
    ],
)
def test_a_few_pages_are_open_to_anonymous_visitors(client, path, content_type):
    with client.get(path) as response:
        assert response.status_code == 200
        assert response.content_type.startswith(content_type)


def test_healthz_says_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_logging_out_ends_the_session(login):
    client = login("staff1")
    assert client.get("/ideas/").status_code == 200
    assert client.get("/logout").status_code == 405  # only a form post logs out
    response = client.post("/logout")
    assert response.status_code == 302
    assert location(response) == "/login"
    after = client.get("/ideas/")
    assert after.status_code == 302 and location(after) == "/login"


# == 2. Quick capture =================================================================


def test_quick_capture_saves_a_draft_and_opens_it(login, db):
    client = login("staff1")
    response = client.post(
        "/ideas/quick",
        data={
            "title": "ทำไมต้องถ่ายสำเนาบัตรประชาชน 2 ชุด?",
            "eh_moment": "เอ๊ะ ระบบอ่าน smart card ได้แล้ว แต่ยังขอสำเนา 2 ชุด",
        },
    )
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)

    page = client.get(f"/ideas/{ref}?lang=en")
    assert page.status_code == 200
    doc = tree(page)
    assert doc.xpath("//h1")[0].text_content() == "ทำไมต้องถ่ายสำเนาบัตรประชาชน 2 ชุด?"
    assert doc.xpath("//span[contains(@class, 'badge')]")[0].text_content() == "Draft"
    assert "เอ๊ะ ระบบอ่าน smart card ได้แล้ว" in text(page)

    idea = saved(db, ref)
    assert idea.stage == "draft"
    assert idea.author.username == "staff1"
    assert idea.unit.code == "D1001-REG"  # the author's unit by default


def test_quick_capture_without_a_title_keeps_the_eh_moment(login, db):
    client = login("staff1")
    moment = "เอ๊ะ ทำไมคิว 'ชำระภาษี' ต้องรอ > 2 ชั่วโมง & ไม่มีที่นั่ง"
    response = client.post("/ideas/quick?lang=en", data={"title": "   ", "eh_moment": moment})
    assert response.status_code == 422
    doc = tree(response)
    assert errors_on(doc, "title") == ["This field is required."]
    assert value_of(doc, "eh_moment").strip() == moment
    assert idea_count(db) == 0


def test_quick_capture_refuses_a_title_of_201_characters(login, db):
    client = login("staff1")
    title = "ก" * 201
    response = client.post("/ideas/quick?lang=en", data={"title": title, "eh_moment": "เอ๊ะ"})
    assert response.status_code == 422
    assert errors_on(tree(response), "title") == ["At most 200 characters (you have 201)."]
    assert value_of(tree(response), "title") == title
    assert idea_count(db) == 0


def test_quick_capture_accepts_a_title_of_200_characters(login, db):
    client = login("staff1")
    response = client.post("/ideas/quick", data={"title": "ข" * 200, "eh_moment": "เอ๊ะ"})
    assert response.status_code == 302
    assert idea_count(db) == 1


# == 3. The full form =================================================================


def test_the_new_idea_form_starts_with_one_empty_step_each_side(login):
    response = login("staff1").get("/ideas/new")
    assert response.status_code == 200
    doc = tree(response)
    assert row_indexes(doc, "current_steps") == [0]
    assert row_indexes(doc, "proposed_steps") == [0]
    assert value_of(doc, "unit") == "D1001-REG"


def test_the_full_form_saves_steps_and_shows_the_computed_impact(login, db):
    client = login("staff1")
    response = client.post("/ideas/new", data=full_form())
    assert response.status_code == 302, text(response)[:2000]
    ref = REF_URL.match(location(response)).group(1)

    idea = saved(db, ref)
    assert idea.stage == "draft"
    assert descriptions(idea.current_steps) == [row[0] for row in TODAY]  # blank row ignored
    assert descriptions(idea.proposed_steps) == [row[0] for row in PROPOSED]
    assert [s.citizen_present for s in idea.current_steps] == [True, True, False, False, True]
    assert [s.actor for s in idea.current_steps][2:4] == ["staff", "other_unit"]
    assert idea.annual_volume == 12000
    assert idea.unit.code == "D1001-PWK"
    assert idea.category == "process"
    assert idea.stakeholders == ["citizens", "colleagues"]
    assert idea.stakeholders_other == "สำนักงานเขตอื่น 49 แห่ง"

    page = client.get(f"/ideas/{ref}")
    assert page.status_code == 200
    doc = tree(page)
    assert impact(doc, "steps") == "5 → 3"
    assert impact(doc, "step_reduction_pct") == "−40 %"
    assert impact(doc, "minutes") == "60 → 48"
    assert impact(doc, "visits") == "2 → 1"
    assert impact(doc, "hours_saved_per_year") == "2,400"
    assert "12,000" in text(page)
    diff = doc.xpath("//table[@class='diff']")[0].text_content()
    for description, *_ in TODAY + PROPOSED:
        assert description in diff


def test_without_an_annual_volume_hours_saved_stay_open(login, db):
    client = login("staff1")
    response = client.post("/ideas/new", data=full_form(annual_volume=""))
    ref = REF_URL.match(location(response)).group(1)
    doc = tree(client.get(f"/ideas/{ref}"))
    assert impact(doc, "hours_saved_per_year") == "–"
    assert saved(db, ref).annual_volume is None


BAD_INPUT = [
    pytest.param({"current_steps-1-work_minutes": "-5"}, "current_steps-1-work_minutes",
                 "Must not be less than 0.", id="negative-minutes"),
    pytest.param({"current_steps-1-work_minutes": "abc"}, "current_steps-1-work_minutes",
                 "Please enter a whole number, e.g. 1200.", id="word-minutes"),
    pytest.param({"current_steps-1-work_minutes": "100000"}, "current_steps-1-work_minutes",
                 "Must not be more than 1,440.", id="too-many-minutes"),
    pytest.param({"proposed_steps-2-wait_minutes": "7.5"}, "proposed_steps-2-wait_minutes",
                 "Please enter a whole number, e.g. 1200.", id="fraction-minutes"),
    pytest.param({"proposed_steps-0-actor": "robot"}, "proposed_steps-0-actor",
                 "Unknown choice: robot.", id="robot-actor"),
    pytest.param({"current_steps-3-description": ""}, "current_steps-3-description",
                 "Describe the step.", id="step-without-description"),
    pytest.param({"annual_volume": "many"}, "annual_volume",
                 "Please enter a whole number, e.g. 1200.", id="volume-in-words"),
    pytest.param({"annual_volume": "-12,000"}, "annual_volume",
                 "Must not be less than 0.", id="negative-volume"),
    pytest.param({"title": ""}, "title", "This field is required.", id="no-title"),
    pytest.param({"eh_moment": "อ" * 4001}, "eh_moment",
                 "At most 4000 characters (you have 4001).", id="long-eh-moment"),
    pytest.param({"category": "lottery"}, "category", "Unknown choice: lottery.", id="category"),
    pytest.param({"unit": "NO-SUCH-UNIT"}, "unit", "No unit has this code.", id="unknown-unit"),
    pytest.param({"coauthors": "staff2, ghost_user"}, "coauthors",
                 "No colleague with username: ghost_user", id="unknown-coauthor"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_is_shown_on_its_field_and_nothing_typed_is_lost(
    login, db, changes, field, message
):
    client = login("staff1")
    data = full_form(**changes)
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    assert message in errors_on(tree(response), field)
    assert_typed_values_kept(response, data)
    assert idea_count(db) == 0


def test_an_error_lands_on_the_row_it_was_typed_in_after_reorder_and_remove(login, db):
    client = login("staff1")
    data = full_form(**{
        "current_steps-0-remove": "y",  # first row dropped …
        "current_steps-1-position": "9",  # … second moved to the end …
        "current_steps-3-work_minutes": "สิบ",  # … and a bad value on the fourth row
    })  # fmt: skip
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    doc = tree(response)
    assert errors_on(doc, "current_steps-3-work_minutes") == [
        "Please enter a whole number, e.g. 1200."
    ]
    for index in (0, 1, 2, 4):
        assert errors_on(doc, f"current_steps-{index}-work_minutes") == []
    assert_typed_values_kept(response, data)


def test_more_than_50_steps_are_refused_and_all_are_kept(login, db):
    client = login("staff1")
    many = [(f"ขั้นตอนที่ {n} ตรวจเอกสาร step {n}", "staff", 1, 0, False) for n in range(1, 52)]
    data = {**IDEA_FORM, **step_rows("current_steps", many), "save": "1"}
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    doc = tree(response)
    assert step_list_errors(doc, "current_steps") == ["At most 50 steps."]
    assert row_indexes(doc, "current_steps") == list(range(51))
    assert_typed_values_kept(response, data)
    assert idea_count(db) == 0


def test_exactly_50_steps_are_fine(login, db):
    client = login("staff1")
    many = [(f"ขั้นตอนที่ {n}", "staff", 1, 0, False) for n in range(1, 51)]
    response = client.post("/ideas/new", data={**IDEA_FORM, **step_rows("current_steps", many)})
    assert response.status_code == 302
    assert len(saved(db, REF_URL.match(location(response)).group(1)).current_steps) == 50


def test_order_numbers_reorder_the_steps_without_javascript(login, db):
    client = login("staff1")
    data = full_form(**{
        "current_steps-0-position": "2",
        "current_steps-1-position": "1",
        "current_steps-2-position": "3",
        "current_steps-3-position": "4",
        "current_steps-4-position": "5",
    })  # fmt: skip
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)
    expected = [TODAY[1][0], TODAY[0][0], *[row[0] for row in TODAY[2:]]]
    assert descriptions(saved(db, ref).current_steps) == expected

    edit = tree(client.get(f"/ideas/{ref}/edit"))
    assert value_of(edit, "current_steps-0-description") == TODAY[1][0]
    assert value_of(edit, "current_steps-1-description") == TODAY[0][0]


def test_the_remove_box_drops_a_step(login, db):
    client = login("staff1")
    response = client.post("/ideas/new", data=full_form(**{"current_steps-1-remove": "y"}))
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)
    expected = [row[0] for row in TODAY if row is not TODAY[1]]
    assert descriptions(saved(db, ref).current_steps) == expected
    assert impact(tree(client.get(f"/ideas/{ref}")), "steps") == "4 → 3"


def test_add_a_step_button_gives_one_more_row_and_saves_nothing(login, db):
    client = login("staff1")
    data = full_form(add_step="current_steps")
    del data["save"]
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 200
    doc = tree(response)
    # five typed rows, the blank one that came with the form, and the new one
    assert row_indexes(doc, "current_steps") == list(range(len(TODAY) + 2))
    assert row_indexes(doc, "proposed_steps") == list(range(len(PROPOSED) + 1))
    assert value_of(doc, f"current_steps-{len(TODAY) + 1}-description") == ""
    assert_typed_values_kept(response, data)
    assert idea_count(db) == 0


def test_add_a_step_on_the_proposed_side(login, db):
    client = login("staff1")
    data = {**IDEA_FORM, **step_rows("proposed_steps", PROPOSED), "add_step": "proposed_steps"}
    doc = tree(client.post("/ideas/new", data=data))
    assert row_indexes(doc, "proposed_steps") == [0, 1, 2, 3]
    assert row_indexes(doc, "current_steps") == []
    assert idea_count(db) == 0


def test_save_and_submit_an_incomplete_idea_keeps_the_draft_and_says_why(login, db):
    client = login("staff1")
    data = {
        "title": "ลดการถ่ายสำเนาในงานจดทะเบียนพาณิชย์",
        "eh_moment": "เอ๊ะ ทำไมต้องถ่ายสำเนา 3 ชุด",
        **step_rows("current_steps", TODAY[:2]),
        "submit_idea": "1",
    }
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    doc = tree(response)
    assert "Your draft is saved, but it cannot be submitted yet." in flashes(doc)
    assert errors_on(doc, "process_name") == ["Name the process before submitting."]
    assert errors_on(doc, "category") == ["Choose a category before submitting."]
    assert step_list_errors(doc, "proposed_steps") == [
        "Add at least one proposed step before submitting."
    ]
    assert_typed_values_kept(response, data)

    db.session.rollback()
    ideas = db.session.scalars(select(Idea)).all()
    assert [(i.title, i.stage) for i in ideas] == [("ลดการถ่ายสำเนาในงานจดทะเบียนพาณิชย์", "draft")]
    assert descriptions(ideas[0].current_steps) == [TODAY[0][0], TODAY[1][0]]


def test_completing_the_refused_submission_does_not_create_a_second_idea(login, db):
    client = login("staff1")
    first = {**IDEA_FORM, **step_rows("current_steps", TODAY), "submit_idea": "1"}
    first["category"] = ""
    refused = client.post("/ideas/new", data=first)
    assert refused.status_code == 422
    form = tree(refused).xpath("//form[@data-idea-form]")[0]
    target = form.get("action") or "/ideas/new"
    version = value_of(tree(refused), "version")
    again = {**full_form(submit_idea="1"), "version": version or ""}
    response = client.post(target, data=again)
    assert response.status_code == 302
    assert idea_count(db) == 1


def test_save_and_submit_a_complete_idea_submits_it(login, db):
    client = login("staff1")
    data = full_form(submit_idea="1")
    del data["save"]
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)
    idea = saved(db, ref)
    assert idea.stage == "submitted"
    assert [e.action for e in idea.events] == ["create", "submit"]


# == 4. Editing ======================================================================


def test_the_author_gets_the_form_filled_in_with_the_steps(login, make_idea):
    idea = make_idea(author="staff1")
    ref, version = idea.ref, idea.version
    response = login("staff1").get(f"/ideas/{ref}/edit")
    assert response.status_code == 200
    doc = tree(response)
    assert value_of(doc, "title") == FULL_IDEA["title"]
    assert value_of(doc, "eh_moment").strip() == FULL_IDEA["eh_moment"]
    assert value_of(doc, "process_name") == FULL_IDEA["process_name"]
    assert value_of(doc, "unit") == "D1001-REG"
    assert value_of(doc, "category") == "process"
    assert value_of(doc, "annual_volume") == "12000"
    assert value_of(doc, "stakeholders") == ["citizens", "colleagues"]
    assert value_of(doc, "version") == str(version)
    assert row_indexes(doc, "current_steps") == [0, 1, 2, 3, 4]
    assert row_indexes(doc, "proposed_steps") == [0, 1, 2]
    first, fourth = FULL_IDEA["current_steps"][0], FULL_IDEA["current_steps"][3]
    assert value_of(doc, "current_steps-0-description") == first["description"]
    assert value_of(doc, "current_steps-0-citizen_present") == ["y"]
    assert value_of(doc, "current_steps-3-actor") == "other_unit"
    assert value_of(doc, "current_steps-3-wait_minutes") == str(fourth["wait_minutes"])
    assert value_of(doc, "current_steps-3-citizen_present") == []
    assert (
        value_of(doc, "proposed_steps-2-description")
        == (FULL_IDEA["proposed_steps"][2]["description"])
    )


def test_saving_the_edit_form_unchanged_changes_nothing(login, make_idea, db):
    ref = make_idea(author="staff1").ref
    client = login("staff1")
    before = tree(client.get(f"/ideas/{ref}"))
    doc = tree(client.get(f"/ideas/{ref}/edit"))
    form = doc.xpath("//form[@data-idea-form]")[0]
    # what a browser sends: every field of the form, not the rows inside <template>
    data = {name: value for name, value in form.form_values() if "__INDEX__" not in name}
    data["stakeholders"] = value_of(doc, "stakeholders")
    response = client.post(f"/ideas/{ref}/edit", data=data)
    assert response.status_code == 302
    idea = saved(db, ref)
    assert idea.title == FULL_IDEA["title"]
    assert idea.annual_volume == 12000
    assert idea.stakeholders == ["citizens", "colleagues"]
    assert descriptions(idea.current_steps) == [
        s["description"] for s in FULL_IDEA["current_steps"]
    ]
    assert [s.citizen_present for s in idea.current_steps] == [
        s["citizen_present"] for s in FULL_IDEA["current_steps"]
    ]
    after = tree(client.get(f"/ideas/{ref}"))
    for key in ("steps", "step_reduction_pct", "minutes", "visits", "hours_saved_per_year"):
        assert impact(after, key) == impact(before, key), key
    assert impact(after, "hours_saved_per_year") == "14,600"  # (90 − 17) min × 12,000 / 60


def test_the_author_edits_the_steps_of_a_draft(login, make_idea, db):
    ref = make_idea(author="staff1").ref
    client = login("staff1")
    version = value_of(tree(client.get(f"/ideas/{ref}/edit")), "version")
    data = full_form(version=version, title="ฉบับแก้ไข: ทะเบียนบ้านช่องเดียว v2")
    response = client.post(f"/ideas/{ref}/edit", data=data)
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    idea = saved(db, ref)
    assert idea.title == "ฉบับแก้ไข: ทะเบียนบ้านช่องเดียว v2"
    assert descriptions(idea.current_steps) == [row[0] for row in TODAY]
    assert impact(tree(client.get(f"/ideas/{ref}")), "hours_saved_per_year") == "2,400"


def test_a_colleague_cannot_open_someone_elses_draft_for_editing(make_idea, browser, db):
    ref = make_idea(author="staff1").ref
    staff2 = browser("staff2")
    assert staff2.get(f"/ideas/{ref}/edit").status_code == 404
    response = staff2.post(f"/ideas/{ref}/edit", data=full_form(title="ของฉันแล้ว", version="1"))
    assert response.status_code == 404
    assert saved(db, ref).title == FULL_IDEA["title"]


def test_a_colleague_cannot_edit_a_submitted_idea_either(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = browser("staff2").post(
        f"/ideas/{ref}/edit", data=full_form(title="แก้ของคนอื่น", version=str(version))
    )
    assert response.status_code in (302, 403)
    assert saved(db, ref).title == FULL_IDEA["title"]


def test_after_submitting_the_edit_page_sends_the_author_back_with_a_note(login, make_idea, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    client = login("staff1")
    response = client.get(f"/ideas/{ref}/edit?lang=en")
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    page = client.get(f"/ideas/{ref}?lang=en")
    assert "Only drafts and returned ideas can be edited, by their team." in flashes(
        tree(page), "warn"
    )
    # a form sent after the idea moved on is refused, but what was typed comes back
    posted = client.post(
        f"/ideas/{ref}/edit?lang=en", data=full_form(title="แอบแก้", version=str(version))
    )
    assert posted.status_code == 422
    assert "Only drafts and returned ideas can be edited." in posted.get_data(as_text=True)
    assert "แอบแก้" in posted.get_data(as_text=True)
    assert saved(db, ref).title == FULL_IDEA["title"]


def test_a_returned_idea_can_be_edited_again(login, make_idea):
    ref = make_idea(author="staff1", stage="returned").ref
    response = login("staff1").get(f"/ideas/{ref}/edit")
    assert response.status_code == 200
    assert value_of(tree(response), "title") == FULL_IDEA["title"]


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(login, make_idea, browser, db):
    ref = make_idea(author="staff1", coauthors=["staff2"]).ref
    client = login("staff1")
    opened = tree(client.get(f"/ideas/{ref}/edit"))
    stale_version = value_of(opened, "version")

    # the co-author saves first, from the same starting point
    staff2 = browser("staff2")
    first = staff2.post(
        f"/ideas/{ref}/edit",
        data=full_form(
            version=stale_version, title="ฉบับของสุดา: ลดเหลือ 3 ขั้นตอน", coauthors="staff2"
        ),
    )
    assert first.status_code == 302, flashes(tree(first))

    mine = full_form(version=stale_version, title="ฉบับของสมชาย: ลดเหลือ 2 ขั้นตอน", coauthors="staff2")
    mine["solution"] = "ใช้ตู้ kiosk อ่านบัตรประชาชน แล้วพิมพ์ทันที"
    response = client.post(f"/ideas/{ref}/edit?lang=en", data=mine)
    assert response.status_code == 422
    doc = tree(response)
    assert any(m.startswith("This idea has changed since you opened it") for m in flashes(doc))
    assert_typed_values_kept(response, mine)
    assert saved(db, ref).title == "ฉบับของสุดา: ลดเหลือ 3 ขั้นตอน"

    # the page now carries the fresh version: saving again replaces the other change
    fresh_version = value_of(doc, "version")
    assert fresh_version != stale_version
    again = client.post(f"/ideas/{ref}/edit?lang=en", data={**mine, "version": fresh_version})
    assert again.status_code == 302, (fresh_version, stale_version, flashes(tree(again)))
    assert saved(db, ref).title == "ฉบับของสมชาย: ลดเหลือ 2 ขั้นตอน"


# == 5. The idea page and its step diff =============================================


def test_a_draft_is_seen_only_by_its_team(make_idea, browser):
    ref = make_idea(author="staff1", coauthors=["staff3"]).ref
    assert browser("staff2").get(f"/ideas/{ref}").status_code == 404
    assert browser("supervisor1").get(f"/ideas/{ref}").status_code == 404
    assert browser("staff3").get(f"/ideas/{ref}").status_code == 200
    assert browser("staff1").get(f"/ideas/{ref}").status_code == 200


def test_a_submitted_idea_is_seen_by_every_colleague(make_idea, browser):
    ref = make_idea(author="staff1", stage="submitted").ref
    response = browser("outsider").get(f"/ideas/{ref}")
    assert response.status_code == 200
    assert tree(response).xpath("//h1")[0].text_content() == FULL_IDEA["title"]


def test_an_unknown_reference_is_404(login, people):
    assert login("staff1").get("/ideas/IDEA-2569-99999").status_code == 404


def test_the_step_diff_marks_same_changed_removed_merged_and_new(login, make_idea):
    current = steps(
        ("ประชาชนรับบัตรคิว", "citizen", 1, 20, True),  # kept as it is
        ("กรอกแบบฟอร์ม ทร.100 ด้วยลายมือ", "citizen", 10, 0, True),  # dropped
        ("ยื่นคำร้องที่ช่อง 1", "citizen", 5, 10, True),  # kept, shorter wait
        ("ถ่ายสำเนาบัตรประชาชน", "staff", 3, 0, False),  # these two …
        ("ตรวจสอบเอกสารกับต้นฉบับ", "staff", 10, 0, False),  # … become one
        ("รับเอกสารที่ช่อง 3", "citizen", 2, 10, True),  # kept as it is
    )
    proposed = steps(
        ("ประชาชนรับบัตรคิว", "citizen", 1, 20, True),
        ("ยื่นคำร้องที่ช่อง 1", "citizen", 5, 0, True),
        ("อ่านชิป smart card แล้ว verify อัตโนมัติ", "staff", 2, 0, False),
        ("รับเอกสารที่ช่อง 3", "citizen", 2, 10, True),
        ("แจ้งผลผ่าน SMS", "staff", 0, 0, False),  # brand new
    )
    ref = make_idea(current_steps=current, proposed_steps=proposed).ref
    response = login("staff1").get(f"/ideas/{ref}")
    assert response.status_code == 200
    doc = tree(response)
    assert diff_marks(doc) == [
        "mark-same", "mark-removed", "mark-changed", "mark-merged", "mark-same", "mark-new",
    ]  # fmt: skip
    rows = doc.xpath("//table[@class='diff']/tbody/tr")
    merged_left = rows[3].xpath("./td")[0].text_content()
    assert "ถ่ายสำเนาบัตรประชาชน" in merged_left and "ตรวจสอบเอกสารกับต้นฉบับ" in merged_left
    assert "อ่านชิป smart card แล้ว verify อัตโนมัติ" in rows[3].xpath("./td")[1].text_content()
    assert "กรอกแบบฟอร์ม ทร.100" in rows[1].xpath("./td")[0].text_content()
    assert "แจ้งผลผ่าน SMS" in rows[5].xpath("./td")[1].text_content()
    assert impact(doc, "steps") == "6 → 5"
    assert impact(doc, "step_reduction_pct") == "−16.7 %"


def test_an_idea_without_steps_has_no_diff_table(login, db):
    client = login("staff1")
    response = client.post("/ideas/quick", data={"title": "แค่ไอเดีย", "eh_moment": "เอ๊ะ"})
    doc = tree(client.get(location(response)))
    assert doc.xpath("//table[@class='diff']") == []
    assert doc.xpath("//dl[@data-impact]") == []  # no "0 → 0": what to add instead
    assert doc.xpath("//*[@data-impact-missing]")


# == 6. Stage buttons =================================================================


def act(client, ref, action, version, lang="en", **fields):
    return client.post(
        f"/ideas/{ref}/transitions?lang={lang}",
        data={"action": action, "version": str(version), **fields},
    )


def history(doc) -> str:
    return doc.xpath("//ol[@class='timeline']")[0].text_content()


def test_the_supervisor_approves_and_the_history_shows_it(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    supervisor = browser("supervisor1")
    page = tree(supervisor.get(f"/ideas/{ref}"))
    offered = page.xpath("//form[contains(@class, 'transition')]/input[@name='action']/@value")
    assert sorted(offered) == ["approve", "decline", "return"]

    response = act(supervisor, ref, "approve", version, note="เห็นด้วย เริ่มได้ 1 ต.ค. นี้")
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    assert saved(db, ref).stage == "approved"

    doc = tree(supervisor.get(f"/ideas/{ref}?lang=en"))
    timeline = history(doc)
    assert "Approve" in timeline
    assert "Submitted → Approved" in timeline
    assert "นางสาวทดสอบ supervisor1" in timeline
    assert "เห็นด้วย เริ่มได้ 1 ต.ค. นี้" in timeline
    assert doc.xpath("//span[contains(@class, 'badge')]")[0].text_content() == "Approved"


def test_returning_without_a_note_is_refused_and_the_page_shown_again(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "return", version, note="   ")
    assert response.status_code == 422
    doc = tree(response)
    assert doc.xpath("//h1")[0].text_content() == FULL_IDEA["title"]
    note = doc.xpath("//textarea[@id='note-return']")[0]
    box = note.getparent()
    assert "Please give a reason; the author will read it." in [
        p.text_content() for p in box.xpath("./p[@class='field-error']")
    ]
    assert saved(db, ref).stage == "submitted"


def test_returning_with_a_note_tells_the_author_why(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    reason = "ขอตัวเลขจำนวนคำร้องต่อปีจากระบบ BMA OSS ก่อน"
    response = act(browser("supervisor1"), ref, "return", version, note=reason)
    assert response.status_code == 302
    assert saved(db, ref).stage == "returned"
    assert reason in history(tree(browser("staff1").get(f"/ideas/{ref}")))


def test_the_author_cannot_approve_their_own_idea(make_idea, login, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(login("staff1"), ref, "approve", version)
    assert response.status_code == 403
    assert "Only a supervisor of the idea's unit can do this." in text(response).replace(
        "&#39;", "'"
    )
    assert saved(db, ref).stage == "submitted"


def test_a_stale_version_on_a_stage_button_is_a_conflict(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "approve", version - 1)
    assert response.status_code == 409
    conflict = "This idea has changed since you opened it"
    assert any(m.startswith(conflict) for m in flashes(tree(response)))
    assert saved(db, ref).stage == "submitted"


def test_two_supervisors_acting_at_once_one_wins(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    assert act(browser("supervisor1"), ref, "approve", version).status_code == 302
    late = act(browser("director"), ref, "decline", version, note="ซ้ำกับโครงการเดิม")
    assert late.status_code == 409
    assert saved(db, ref).stage == "approved"


def test_a_step_not_possible_from_this_stage_is_refused_clearly(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "approve", version)
    assert response.status_code == 409
    assert "is not possible while the idea is" in text(response)
    assert saved(db, ref).stage == "approved"


def test_an_unknown_action_is_refused(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "fast_track", version)
    assert response.status_code == 422
    assert "Unknown action." in flashes(tree(response))


def test_implementing_records_the_measured_result(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    supervisor = browser("supervisor1")
    response = act(
        supervisor, ref, "implement", version,
        steps_after="2", minutes_after="30", cases_since="1,500",
        evidence="สถิติระบบคิว Q-Matic ต.ค.–ธ.ค. 2568",
    )  # fmt: skip
    assert response.status_code == 302
    idea = saved(db, ref)
    assert idea.stage == "implemented"
    assert (idea.measured_steps_after, idea.measured_minutes_after) == (2, 30)
    assert idea.measured_cases_since == 1500

    doc = tree(supervisor.get(f"/ideas/{ref}?lang=en"))
    assert "Measured after implementation" in text(supervisor.get(f"/ideas/{ref}?lang=en"))
    measured = doc.xpath("//dl[contains(@class, 'measured')]")[0].text_content()
    assert "5 → 2" in measured
    assert "−60 %" in measured
    assert "90 → 30" in measured  # FULL_IDEA takes 90 minutes a case today
    assert "1,500" in measured
    assert "12,000" in measured  # (90 − 30) min × 12,000 cases / 60
    assert "สถิติระบบคิว Q-Matic ต.ค.–ธ.ค. 2568" in text(supervisor.get(f"/ideas/{ref}"))


def test_the_measured_block_is_absent_before_implementation(make_idea, login):
    ref = make_idea(author="staff1", stage="approved").ref
    doc = tree(login("staff1").get(f"/ideas/{ref}?lang=en"))
    assert doc.xpath("//dl[contains(@class, 'measured')]") == []


def test_implementing_without_measurements_keeps_what_was_typed(make_idea, browser, db):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    evidence = "ภาพถ่ายหน้าเคาน์เตอร์ & แบบสอบถาม 120 ราย"
    response = act(
        browser("supervisor1"), ref, "implement", version,
        steps_after="สาม", minutes_after="", cases_since="800", evidence=evidence,
    )  # fmt: skip
    assert response.status_code == 422
    doc = tree(response)
    assert "Please enter a whole number, e.g. 1200." in errors_on_transition(doc, "steps_after")
    assert "Please enter a number." in errors_on_transition(doc, "minutes_after")
    assert doc.xpath("//input[@id='steps_after-implement']/@value") == ["สาม"]
    assert doc.xpath("//input[@id='cases_since-implement']/@value") == ["800"]
    assert doc.xpath("//textarea[@id='evidence-implement']")[0].text_content() == evidence
    assert saved(db, ref).stage == "approved"


def errors_on_transition(doc, name: str) -> list[str]:
    field = doc.xpath("//input[@id=$id]", id=f"{name}-implement")[0]
    sibling = field.getnext()
    found = []
    while sibling is not None and sibling.tag == "p":
        found.append(sibling.text_content())
        sibling = sibling.getnext()
    return found


# == 7. Buddhist-era dates and language ==============================================


@pytest.fixture
def idea_logged_on_4_august_2022(make_idea, db):
    idea = make_idea(author="staff1", stage="submitted")
    # 20:30 UTC on 3 August is 03:30 on 4 August in Bangkok
    idea.created_at = datetime(2022, 8, 3, 20, 30, tzinfo=UTC)
    db.session.commit()
    return idea.ref


def test_thai_pages_show_buddhist_era_dates(login, idea_logged_on_4_august_2022):
    client = login("staff1")
    page = text(client.get(f"/ideas/{idea_logged_on_4_august_2022}"))
    assert "4 ส.ค. 2565" in page
    assert "2022" not in page
    assert "4 ส.ค. 2565" in text(client.get("/ideas/"))
    assert re.search(
        r"\b\d{1,2} (?:ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|"
        r"ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d",
        page,
    )  # the history


def test_english_pages_show_common_era_dates(login, idea_logged_on_4_august_2022):
    page = text(login("staff1").get(f"/ideas/{idea_logged_on_4_august_2022}?lang=en"))
    assert "4 Aug 2022" in page
    assert "2565" not in page
    assert "ส.ค." not in page


def test_lang_en_shows_english_and_remembers_it_in_a_cookie(client, people):
    response = client.get("/login?lang=en")
    assert html_lang(response) == "en"
    assert "Log in to Ideaboard" in text(response)
    assert client.get_cookie("lang").value == "en"
    again = client.get("/login")
    assert html_lang(again) == "en"
    assert "Log in to Ideaboard" in text(again)


def test_lang_en_renders_the_logged_in_pages_in_english(login):
    response = login("staff1").get("/ideas/?lang=en")
    assert html_lang(response) == "en"
    assert "Log out" in text(response)
    assert "New idea (full form)" in text(response)


def test_lang_en_sticks_for_the_next_page_when_logged_in(login):
    client = login("staff1")
    client.get("/ideas/?lang=en")
    assert client.get_cookie("lang").value == "en"
    response = client.get("/ideas/new")
    assert html_lang(response) == "en"
    assert "Log out" in text(response)


def test_the_language_switch_is_stored_on_the_account(app, login, db):
    client = login("staff1")
    response = client.get("/lang/en?next=/ideas/new")
    assert response.status_code == 302 and response.headers["Location"] == "/ideas/new"
    assert html_lang(client.get("/ideas/new")) == "en"
    db.session.rollback()
    assert user_by_username("staff1").locale == "en"

    elsewhere = new_client(app)  # another device, no cookie: the account remembers English
    elsewhere.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert html_lang(elsewhere.get("/ideas/")) == "en"

    back = client.get("/lang/th")
    assert back.status_code == 302
    assert html_lang(client.get("/ideas/")) == "th"
    db.session.rollback()
    assert user_by_username("staff1").locale == "th"

    third = new_client(app)
    third.set_cookie("lang", "en")  # even a stale English cookie yields to the account
    third.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert html_lang(third.get("/ideas/")) == "th"


def test_an_unknown_language_is_404(client):
    assert client.get("/lang/fr").status_code == 404
    assert html_lang(client.get("/login?lang=fr")) == "th"


def test_thai_is_the_default_even_for_an_english_browser(client):
    response = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    assert html_lang(response) == "th"
    assert tree(response).xpath("//a[@hreflang='en']")  # the way to English is offered


STAGES = ["draft", "submitted", "returned", "declined", "approved", "piloting", "implemented"]


@pytest.fixture
def every_page(make_idea, browser):
    """(who, path, expected status) for every HTML page, with an idea in every stage."""
    refs = {stage: make_idea(author="staff1", stage=stage).ref for stage in STAGES}
    pages = [
        ("staff1", "/ideas/", 200),
        ("staff1", "/ideas/?mine=1", 200),
        ("staff1", "/ideas/?fy=abc", 422),  # listed, with the filter named
        ("staff1", "/ideas/new", 200),
        ("staff1", "/ideas/quick", 200),
        ("staff1", f"/ideas/{refs['draft']}/edit", 200),
        ("staff1", f"/ideas/{refs['returned']}/edit", 200),
        ("staff1", "/ideas/IDEA-2500-00000", 404),
        ("staff1", "/no/such/page", 404),
        ("staff2", f"/ideas/{refs['draft']}", 404),
        (None, "/login", 200),
    ]
    for stage, ref in refs.items():
        pages.append(("staff1", f"/ideas/{ref}", 200))
        if stage != "draft":
            pages.append(("supervisor1", f"/ideas/{ref}", 200))
    return pages


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_page_renders_in_both_languages(app, every_page, browser, lang):
    clients = {None: new_client(app)}
    for who, path, expected in every_page:
        if who not in clients:
            clients[who] = browser(who)
        joiner = "&" if "?" in path else "?"
        response = clients[who].get(f"{path}{joiner}lang={lang}")
        assert response.status_code == expected, (who, path)
        page = text(response)
        assert html_lang(response) == lang, path
        assert "%(" not in page, (path, page[page.index("%(") - 200 : page.index("%(") + 50])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_refusal_renders_in_both_languages(make_idea, browser, lang):
    """The 422/403/409 pages carry interpolated messages: none may leak a placeholder."""
    first = make_idea(author="staff1", stage="submitted")
    second = make_idea(author="staff1", stage="approved")
    # plain values: the objects go stale once the requests begin
    submitted, submitted_version = first.ref, first.version
    approved, approved_version = second.ref, second.version
    staff1, supervisor = browser("staff1"), browser("supervisor1")
    q = f"?lang={lang}"
    long_title = {"title": "ก" * 201, "eh_moment": "เอ๊ะ"}
    responses = [
        (staff1.post("/ideas/quick" + q, data=long_title), 422),
        (staff1.post("/ideas/new" + q, data=full_form(**{
            "current_steps-0-work_minutes": "100000", "annual_volume": "-1",
            "proposed_steps-0-actor": "robot", "coauthors": "nobody",
            "eh_moment": "อ" * 4001,
        })), 422),  # fmt: skip
        (staff1.post("/ideas/new" + q, data=full_form(coauthors="ghost")), 422),
        (staff1.post("/ideas/new" + q, data={**IDEA_FORM, **step_rows(
            "current_steps", [("x", "staff", 1, 1, False)] * 51)}), 422),  # fmt: skip
        (staff1.post("/ideas/new" + q, data={"title": "t", "eh_moment": "e",
                                             "submit_idea": "1"}), 422),
        (staff1.post(f"/ideas/{submitted}/transitions" + q,
                     data={"action": "approve", "version": submitted_version}), 403),
        (supervisor.post(f"/ideas/{approved}/transitions" + q,
                         data={"action": "approve", "version": approved_version}), 409),
        (supervisor.post(f"/ideas/{submitted}/transitions" + q,
                         data={"action": "decline", "version": submitted_version}), 422),
        (supervisor.post(f"/ideas/{approved}/transitions" + q,
                         data={"action": "implement", "version": approved_version,
                               "steps_after": "99"}), 422),
        (staff1.get("/login" + q), 302),
    ]  # fmt: skip
    for response, expected in responses:
        assert response.status_code == expected, text(response)[:300]
        if response.status_code != 302:
            page = text(response)
            assert html_lang(response) == lang
            assert "%(" not in page, page[page.index("%(") - 200 : page.index("%(") + 50]


# == 8. The list =====================================================================


@pytest.fixture
def a_few_ideas(make_idea, db):
    """Ideas across stages, units, categories and fiscal years; returned by title."""
    made = {
        "ทะเบียนบ้านช่องเดียว": make_idea(title="ทะเบียนบ้านช่องเดียว", stage="approved"),
        "ใบอนุญาตก่อสร้างออนไลน์": make_idea(
            title="ใบอนุญาตก่อสร้างออนไลน์", author="staff3", stage="submitted",
            unit="D1001-PWK", category="service_innovation",
            eh_moment="เอ๊ะ ทำไมต้องยื่นแบบกระดาษ A3 ถึง 5 ชุด",
        ),
        "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE": make_idea(
            title="ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE", author="outsider", stage="submitted",
            unit="MED-H02-MT-MICRO", category="service_innovation",
        ),
        "ร่างของสมชาย ยังไม่ส่ง": make_idea(title="ร่างของสมชาย ยังไม่ส่ง"),
    }  # fmt: skip
    old = made["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]
    old.fiscal_year = 2567
    db.session.commit()
    return {title: idea.ref for title, idea in made.items()}


def listed(client, query: str = "") -> list[str]:
    response = client.get(f"/ideas/{query}")
    assert response.status_code == 200, query
    return sorted(card_titles(tree(response)))


def test_the_list_shows_what_each_person_may_see(login, browser, a_few_ideas):
    everyone = sorted(t for t in a_few_ideas if t != "ร่างของสมชาย ยังไม่ส่ง")
    assert listed(login("staff1")) == sorted(a_few_ideas)
    assert listed(browser("staff2")) == everyone  # someone else's draft stays private
    assert listed(login("staff1"), "?mine=1") == sorted(["ทะเบียนบ้านช่องเดียว", "ร่างของสมชาย ยังไม่ส่ง"])


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?stage=approved", ["ทะเบียนบ้านช่องเดียว"]),
        ("?stage=submitted", ["ใบอนุญาตก่อสร้างออนไลน์", "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?stage=draft", ["ร่างของสมชาย ยังไม่ส่ง"]),
        ("?unit=D1001", ["ทะเบียนบ้านช่องเดียว", "ร่างของสมชาย ยังไม่ส่ง",
                         "ใบอนุญาตก่อสร้างออนไลน์"]),
        ("?unit=D1001-PWK", ["ใบอนุญาตก่อสร้างออนไลน์"]),
        ("?unit=MED", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?unit=med-h02", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?category=service_innovation", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE",
                                          "ใบอนุญาตก่อสร้างออนไลน์"]),
        ("?category=process&stage=approved", ["ทะเบียนบ้านช่องเดียว"]),
        ("?category=process&stage=submitted", []),
        ("?fy=2567", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?q=ช่องเดียว", ["ทะเบียนบ้านช่องเดียว"]),
        ("?q=ทะเบียนบ้าน", ["ทะเบียนบ้านช่องเดียว", "ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE",
                           "ร่างของสมชาย ยังไม่ส่ง", "ใบอนุญาตก่อสร้างออนไลน์"]),  # the process
        ("?q=แบบกระดาษ", ["ใบอนุญาตก่อสร้างออนไลน์"]),  # found in the เอ๊ะ moment
        ("?q=line", ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]),
        ("?q=100%25", []),
        ("?q=ไม่มีคำนี้เลย", []),
    ],
)  # fmt: skip
def test_the_list_filters(login, a_few_ideas, query, titles):
    assert listed(login("staff1"), query) == sorted(titles)


def test_the_unit_filter_includes_sub_units_and_keeps_its_choice(login, a_few_ideas):
    response = login("staff1").get("/ideas/?unit=MED-H02&lang=en")
    doc = tree(response)
    assert card_titles(doc) == ["ผลแล็บเชื้อดื้อยาแจ้งเตือนทาง LINE"]
    assert value_of(doc, "unit") == "MED-H02"


def test_a_reference_finds_its_idea(login, a_few_ideas):
    ref = a_few_ideas["ใบอนุญาตก่อสร้างออนไลน์"]
    assert listed(login("staff1"), f"?q={ref}") == ["ใบอนุญาตก่อสร้างออนไลน์"]


@pytest.mark.parametrize("bad", ["?fy=abc", "?fy=2569abc", "?fy=99", "?stage=lost",
                                 "?unit=NOPE", "?category=x", "?sort=random",
                                 "?cursor=%%%", "?limit=0"])  # fmt: skip
def test_a_filter_not_understood_is_a_warning_not_an_error(login, a_few_ideas, bad):
    response = login("staff1").get(f"/ideas/{bad}&lang=en")
    assert response.status_code == 422  # the list is still shown (tests/test_ux_fixes.py)
    doc = tree(response)
    assert len(flashes(doc, "warn")) == 1  # which filter, the value given, what was wrong
    assert sorted(card_titles(doc)) == sorted(a_few_ideas)


def test_25_ideas_make_two_pages(login, make_idea):
    titles = {make_idea(title=f"ไอเดียที่ {n:02d} ลดขั้นตอน step {n}").title for n in range(25)}
    client = login("staff1")
    first = client.get("/ideas/?lang=en")
    doc = tree(first)
    page_one = card_titles(doc)
    assert len(page_one) == 20
    assert page_one[0] == "ไอเดียที่ 24 ลดขั้นตอน step 24"  # newest first
    links = doc.xpath("//nav[@class='pager']//a[contains(., 'Next page')]/@href")
    assert len(links) == 1

    second = client.get(links[0])
    assert second.status_code == 200
    doc2 = tree(second)
    page_two = card_titles(doc2)
    assert len(page_two) == 5
    assert set(page_one) | set(page_two) == titles
    assert not set(page_one) & set(page_two)
    assert doc2.xpath("//nav[@class='pager']//a[contains(., 'Next page')]") == []
    assert doc2.xpath("//nav[@class='pager']//a[contains(., 'First page')]")


def test_20_ideas_fit_on_one_page(login, make_idea):
    for n in range(20):
        make_idea(title=f"ไอเดีย {n}")
    doc = tree(login("staff1").get("/ideas/?lang=en"))
    assert len(card_titles(doc)) == 20
    assert doc.xpath("//nav[@class='pager']//a") == []


# == 9. No 500, whatever is sent ======================================================

HUGE_NUMBER = "9" * 5000  # more digits than Python converts to int by default

ODD_NEW_IDEA = [
    pytest.param({}, id="nothing"),
    pytest.param({"title": "ก" * 100_000, "eh_moment": "ข" * 100_000}, id="very-long"),
    pytest.param({"title": "🙂 เอ๊ะ ‮RTL‬ \u200b", "eh_moment": "ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"}, id="unicode"),
    pytest.param(full_form(annual_volume="1e5"), id="volume-exponent"),
    pytest.param(full_form(annual_volume="๑๒,๐๐๐"), id="volume-thai-digits"),
    pytest.param(full_form(annual_volume="99999999999999999999999"), id="volume-bigint"),
    pytest.param(full_form(annual_volume=HUGE_NUMBER), id="volume-huge"),
    pytest.param(full_form(**{"current_steps-0-work_minutes": HUGE_NUMBER}),
                 id="minutes-huge"),
    pytest.param(full_form(**{"current_steps-0-position": "nan",
                              "current_steps-1-position": "-inf",
                              "current_steps-2-position": "1e999"}), id="odd-positions"),
    pytest.param(full_form(**{"current_steps-999999999-description": "ไกลมาก"}), id="far-index"),
    pytest.param(full_form(**{"current_steps-x-description": "ดัชนีไม่ใช่ตัวเลข"}), id="word-index"),
    pytest.param(full_form(**{"current_steps-0-citizen_present": "maybe"}), id="odd-bool"),
    pytest.param(full_form(stakeholders=["aliens", "citizens"]), id="odd-stakeholder"),
    pytest.param(full_form(unit="../../etc"), id="odd-unit"),
    pytest.param(full_form(coauthors="," * 50 + "staff2"), id="odd-coauthors"),
    pytest.param(full_form(coauthors=",".join(f"u{n}" for n in range(30))), id="many-coauthors"),
    pytest.param(full_form(coauthors="staff1"), id="self-coauthor"),
    pytest.param(full_form(add_step="password"), id="add-step-to-what"),
    pytest.param(full_form(title="เอ๊ะ\x00ทำไม"), id="nul-character"),
    pytest.param({**IDEA_FORM, "add_step": "current_steps",
                  **step_rows("current_steps", [("x", "staff", 1, 0, False)] * 60)},
                 id="add-step-to-60-rows"),
    pytest.param({**IDEA_FORM, **step_rows("current_steps",
                                           [("x", "staff", 1, 0, False)] * 70)}, id="70-rows"),
]  # fmt: skip


@pytest.mark.parametrize("data", ODD_NEW_IDEA)
def test_the_full_form_never_answers_500(login, data):
    response = login("staff1").post("/ideas/new", data=data)
    assert response.status_code in (200, 302, 422), text(response)[:500]


ODD_QUICK = [
    pytest.param({}, id="nothing"),
    pytest.param({"title": "x" * 100_000, "eh_moment": "y"}, id="very-long"),
    pytest.param({"title": ["สอง", "ค่า"], "eh_moment": ["a", "b"]}, id="repeated"),
    pytest.param({"title": "<script>alert('เอ๊ะ')</script>", "eh_moment": "{{ 7*7 }}"},
                 id="markup"),
    pytest.param({"title": "\U0001f914" * 200, "eh_moment": "\u0e40\u0e2d\u0e4a\u0e30"},
                 id="emoji"),
    pytest.param({"title": "\x00", "eh_moment": "nul"}, id="nul"),
]  # fmt: skip


@pytest.mark.parametrize("data", ODD_QUICK)
def test_quick_capture_never_answers_500(login, data):
    response = login("staff1").post("/ideas/quick", data=data)
    assert response.status_code in (302, 422), text(response)[:500]


def test_markup_in_a_title_is_shown_as_text(login):
    client = login("staff1")
    response = client.post(
        "/ideas/quick", data={"title": "<script>alert('เอ๊ะ')</script>", "eh_moment": "x"}
    )
    page = text(client.get(location(response)))
    assert "<script>alert(" not in page
    assert "&lt;script&gt;" in page


ODD_TRANSITIONS = [
    pytest.param({}, id="nothing"),
    pytest.param({"action": "approve"}, id="no-version"),
    pytest.param({"action": "approve", "version": "สอง"}, id="word-version"),
    pytest.param({"action": "approve", "version": HUGE_NUMBER}, id="huge-version"),
    pytest.param({"action": "approve", "version": "-1"}, id="negative-version"),
    pytest.param({"action": "x" * 10_000, "version": "{v}"}, id="long-action"),
    pytest.param({"action": "__class__", "version": "{v}"}, id="dunder-action"),
    pytest.param({"action": "create", "version": "{v}"}, id="create-action"),
    pytest.param({"action": "submit", "version": "{v}"}, id="submit-by-supervisor"),
    pytest.param({"action": "return", "version": "{v}", "note": "ก" * 5000}, id="long-note"),
    pytest.param({"action": "decline", "version": "{v}", "note": "\U0001f600" * 10},
                 id="emoji-note"),
    pytest.param({"action": ["approve", "decline"], "version": "{v}"}, id="two-actions"),
]  # fmt: skip


@pytest.mark.parametrize("data", ODD_TRANSITIONS)
def test_stage_buttons_never_answer_500(make_idea, browser, data):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    filled = {k: (v.format(v=version) if isinstance(v, str) else v) for k, v in data.items()}
    response = browser("supervisor1").post(f"/ideas/{ref}/transitions", data=filled)
    assert response.status_code in (302, 403, 409, 422), text(response)[:500]


ODD_MEASUREMENTS = [
    pytest.param({"steps_after": "-1", "minutes_after": "0", "cases_since": "0",
                  "evidence": "e"}, id="negative"),
    pytest.param({"steps_after": "1.5", "minutes_after": "abc", "cases_since": "∞",
                  "evidence": ""}, id="words"),
    pytest.param({"steps_after": "3", "minutes_after": "20", "cases_since": HUGE_NUMBER,
                  "evidence": "e"}, id="huge"),
    pytest.param({"steps_after": "3", "minutes_after": "20", "cases_since": "5",
                  "evidence": "ข" * 5000}, id="long-evidence"),
]  # fmt: skip


@pytest.mark.parametrize("measured", ODD_MEASUREMENTS)
def test_implementing_with_odd_measurements_never_answers_500(make_idea, browser, db, measured):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    response = browser("supervisor1").post(
        f"/ideas/{ref}/transitions", data={"action": "implement", "version": version, **measured}
    )
    assert response.status_code == 422, text(response)[:500]
    assert saved(db, ref).stage == "approved"


ODD_LOGINS = [
    pytest.param({}, id="nothing"),
    pytest.param({"username": "staff1"}, id="no-password"),
    pytest.param({"username": "x" * 10_000, "password": "y" * 10_000}, id="very-long"),
    pytest.param({"username": "สมชาย", "password": "รหัสผ่าน"}, id="thai"),
    pytest.param({"username": "staff1' OR '1'='1", "password": "' OR '1'='1"}, id="sql"),
    pytest.param({"username": ["staff1", "staff2"], "password": PASSWORD}, id="repeated"),
    pytest.param({"username": "staff1\x00", "password": PASSWORD}, id="nul"),
]  # fmt: skip


@pytest.mark.parametrize("data", ODD_LOGINS)
def test_login_never_answers_500(client, people, data):
    response = client.post("/login", data=data)
    assert response.status_code in (302, 422), text(response)[:500]
    if data.get("username") != ["staff1", "staff2"]:
        assert response.status_code == 422


@pytest.mark.parametrize(
    "query",
    [
        "?fy=" + HUGE_NUMBER[:4000],
        "?limit=" + HUGE_NUMBER[:4000],
        pytest.param("?fy=" + HUGE_NUMBER, id="fy-huge"),
        pytest.param("?limit=" + HUGE_NUMBER, id="limit-huge"),
        "?fy=๒๕๖๗",
        "?q=" + "ก" * 10_000,
        "?cursor=eyJ4IjoxfQ",
        "?cursor=WyJub3QgYSBkYXRlIiwgMV0",
        pytest.param("?sort=top&cursor=WyJ4IiwgMV0", id="top-cursor-with-text"),
        pytest.param("?unit=%00", id="unit-nul"),
        "?stage=draft&stage=approved",
    ],
)
def test_the_list_never_answers_500(login, a_few_ideas, query):
    response = login("staff1").get(f"/ideas/{query}")
    assert response.status_code in (200, 422), text(response)[:500]


@pytest.mark.parametrize(
    "path",
    ["/ideas/" + "A" * 5000, "/ideas/idea-2569-00001", "/ideas/เอ๊ะ/edit",
     pytest.param("/ideas/%00"),
     "/lang/" + "x" * 1000, "/fonts/../../etc/passwd", "/fonts/Sarabun-Black.ttf"],
)  # fmt: skip
def test_odd_addresses_are_404_not_500(login, path):
    response = login("staff1").get(path)
    assert response.status_code == 404, text(response)[:500]
