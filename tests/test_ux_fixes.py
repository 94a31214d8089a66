"""Smaller defects a new user hit (issue 5 §7): everything missing reported at once, list
filters that are not valid named (and the valid ones kept), only reachable stages offered,
one style and word per message kind, an honest conflict message, no "0 → 0" impact card,
and a too-long quick title explained next to the field.

Messages are checked in English (``?lang=en``), a few in Thai where the wording matters.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from fixtures.ideas import FULL_IDEA, steps
from flask import flash, render_template
from sqlalchemy import func, select

from ideaboard.core.errors import Conflict, ValidationError
from ideaboard.ideas import validation
from ideaboard.ideas.models import Idea
from ideaboard.workflow import transitions
from ideaboard.workflow.models import Stage

ROOT = Path(__file__).resolve().parent.parent
EVERYTHING_TO_SUBMIT = {
    "process_name", "category", "current_steps", "proposed_steps", "solution", "value",
    "stakeholders",
}  # fmt: skip


def tree(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def flashes(doc, kind: str | None = None) -> list[str]:
    css = f" flash-{kind} " if kind else " flash "
    return [
        p.text_content().strip()
        for p in doc.xpath("//p[contains(concat(' ', @class, ' '), $c)]", c=css)
    ]


def marked_fields(doc) -> set[str]:
    """Names of the form fields shown with an error (``has-error`` boxes, step lists)."""
    names = set()
    for box in doc.xpath("//*[contains(concat(' ', @class, ' '), ' has-error ')]"):
        names.update(e.get("name") for e in box.xpath(".//*[@name]"))
    for section in doc.xpath("//section[@data-steps][p[@class='field-error']]"):
        names.add(section.get("data-steps"))
    return names


def ideas_saved(db_session) -> int:
    with db_session() as session:
        return session.scalar(select(func.count()).select_from(Idea))


def form_data(**fields) -> dict:
    """What the full form sends with nothing typed: one blank row per step list."""
    data = {
        "title": "", "eh_moment": "", "process_name": "", "service": "", "unit": "D1001-REG",
        "category": "", "annual_volume": "", "solution": "", "value": "",
        "stakeholders_other": "", "coauthors": "", "version": "",
    }  # fmt: skip
    for name in ("current_steps", "proposed_steps"):
        for key, value in (("position", "1"), ("description", ""), ("actor", "staff"),
                           ("work_minutes", ""), ("wait_minutes", "")):  # fmt: skip
            data[f"{name}-0-{key}"] = value
    data.update(fields)
    return data


# == 1. Everything submission needs, at once ==========================================


def test_an_empty_idea_sent_for_submission_names_every_missing_field_at_once(
    login, people, db_session
):
    client = login("staff1")
    response = client.post("/ideas/new?lang=en", data=form_data(submit_idea="1"))
    assert response.status_code == 422
    doc = tree(response)
    # before: only title and เอ๊ะ, then seven more on the second try
    assert marked_fields(doc) >= {"title", "eh_moment"} | EVERYTHING_TO_SUBMIT
    assert "Not saved. To submit, the other marked fields are needed as well." in flashes(
        doc, "warn"
    )
    process_box = doc.xpath("//input[@name='process_name']/..")[0]
    assert process_box.xpath("./p[@class='field-error']/text()") == [
        "Name the process before submitting."
    ]
    assert ideas_saved(db_session) == 0  # nothing half-saved


def test_what_was_typed_stays_and_only_the_gaps_are_marked(login, people, db_session):
    client = login("staff1")
    typed = form_data(
        submit_idea="1",
        process_name="การขอคัดสำเนาทะเบียนบ้าน",
        solution="รวมการตรวจเอกสารและการพิมพ์ไว้ที่ช่องเดียว ใช้ QR code นัดคิว",
        stakeholders_other="ร้านถ่ายเอกสารหน้าเขต",
        **{"current_steps-0-description": "ยื่นคำร้องที่ช่อง 1", "current_steps-0-work_minutes": "5"},
    )
    response = client.post("/ideas/new?lang=en", data=typed)
    assert response.status_code == 422
    doc = tree(response)
    assert marked_fields(doc) == {
        "title", "eh_moment", "category", "proposed_steps", "value",
    }  # fmt: skip
    assert doc.xpath("//input[@name='process_name']/@value") == ["การขอคัดสำเนาทะเบียนบ้าน"]
    assert (
        doc.xpath("//textarea[@name='solution']")[0]
        .text_content()
        .strip()
        .startswith("รวมการตรวจเอกสาร")
    )
    assert doc.xpath("//input[@name='current_steps-0-description']/@value") == ["ยื่นคำร้องที่ช่อง 1"]
    assert ideas_saved(db_session) == 0


def test_saving_a_draft_asks_only_for_what_a_draft_needs(login, people, db_session):
    response = login("staff1").post("/ideas/new?lang=en", data=form_data(save="1"))
    assert response.status_code == 422
    doc = tree(response)
    assert marked_fields(doc) == {"title", "eh_moment"}
    assert flashes(doc, "warn") == []


def test_submission_rules_are_one_rule_for_a_form_mapping_and_for_an_idea(make_idea):
    empty = {"process_name": "  ", "category": "", "current_steps": [], "stakeholders": []}
    assert set(validation.submission_gaps(empty)) == EVERYTHING_TO_SUBMIT
    assert validation.submission_gaps(FULL_IDEA) == {}
    assert (
        validation.submission_gaps({**FULL_IDEA, "stakeholders": [], "stakeholders_other": "อสม."})
        == {}
    )

    idea = make_idea(proposed_steps=[], solution="")
    gaps = validation.submission_gaps(idea)
    assert set(gaps) == {"proposed_steps", "solution"}
    with pytest.raises(ValidationError) as raised:
        validation.check_complete(idea)
    assert raised.value.fields == gaps


# == 2. List filters that are not valid ===============================================


@pytest.fixture
def two_ideas(make_idea):
    """One process idea in ฝ่ายทะเบียน and one service idea in ฝ่ายโยธา, both submitted."""
    make_idea(title="ทะเบียนบ้านช่องเดียว", stage="submitted")
    make_idea(
        title="ใบอนุญาตก่อสร้างออนไลน์", author="staff3", unit="D1001-PWK", stage="submitted",
        category="service_innovation",
    )  # fmt: skip


def card_titles(doc) -> list[str]:
    return [a.text_content().strip() for a in doc.xpath("//a[@class='idea-title']")]


FORGED_CURSOR = "eyJ4IjoxfQ"  # base64 of {"x":1}


@pytest.mark.parametrize(
    ("name", "value", "label", "kept", "kept_value"),
    [
        ("fy", "2026", "Fiscal year", "category", "process"),
        ("stage", "flying", "Stage", "category", "process"),
        ("sort", "xyz", "Sort", "category", "process"),
        ("unit", "NOPE", "Unit (with sub-units)", "category", "process"),
        ("category", "zzz", "Category", "q", "บ้านช่องเดียว"),
    ],
)
def test_a_bad_filter_is_named_with_its_value_and_the_others_still_apply(
    login, two_ideas, name, value, label, kept, kept_value
):
    response = login("staff1").get(f"/ideas/?{kept}={kept_value}&{name}={value}&lang=en")
    assert response.status_code == 422
    doc = tree(response)
    [message] = flashes(doc, "warn")
    assert message.startswith(f"The filter “{label}” does not accept “{value}”, so it was left out")
    # the valid filter is still applied and still chosen
    assert card_titles(doc) == ["ทะเบียนบ้านช่องเดียว"]
    chosen = doc.xpath(
        "//select[@name=$n]/option[@selected]/@value | //input[@name=$n]/@value", n=kept
    )
    assert chosen == [kept_value]
    field = doc.xpath("//*[@name=$n]", n=name)[0]
    assert field.get("aria-invalid") == "true"
    error = doc.xpath("//*[@id=$id]", id=field.get("aria-describedby"))[0]
    assert f"“{value}” is not valid." in error.text_content()
    assert "has-error" in field.getparent().get("class")


def test_a_bad_fiscal_year_stays_in_its_box_to_be_corrected(login, two_ideas):
    doc = tree(login("staff1").get("/ideas/?fy=2026&lang=en"))
    assert doc.xpath("//input[@name='fy']/@value") == ["2026"]
    assert "Give a Buddhist-era fiscal year such as 2569." in flashes(doc, "warn")[0]


def test_a_forged_page_link_says_so_and_lists_from_the_first_page(login, two_ideas):
    response = login("staff1").get(f"/ideas/?stage=submitted&cursor={FORGED_CURSOR}&lang=en")
    assert response.status_code == 422
    doc = tree(response)
    assert flashes(doc, "warn") == ["This page link is no longer valid; start from the first page."]
    assert sorted(card_titles(doc)) == ["ทะเบียนบ้านช่องเดียว", "ใบอนุญาตก่อสร้างออนไลน์"]


def test_a_hostile_filter_value_is_shown_as_text(login, two_ideas):
    hostile = "<img src=x onerror=alert(1)>"
    response = login("staff1").get("/ideas/", query_string={"stage": hostile, "lang": "en"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert hostile not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert f"does not accept “{hostile}”" in flashes(tree(response), "warn")[0]


def test_the_thai_message_names_the_filter_in_thai(login, two_ideas):
    doc = tree(login("staff1").get("/ideas/?stage=flying&lang=th"))
    assert flashes(doc, "warn")[0].startswith("ตัวกรอง “สถานะ” ไม่รองรับค่า “flying”")


def test_the_next_page_link_leaves_the_bad_filter_out(login, make_idea):
    for n in range(21):
        make_idea(title=f"ไอเดียที่ {n:02d} ลดขั้นตอน", stage="submitted")
    doc = tree(login("staff1").get("/ideas/?stage=flying&q=ไอเดีย&lang=en"))
    [link] = doc.xpath("//nav[@class='pager']//a/@href")
    assert "cursor=" in link and "stage=" not in link and "q=" in link


# == 3. Only stages something leads to ================================================


def test_reachable_stages_come_from_the_transition_table():
    assert list(transitions.REACHABLE_STAGES) == [
        Stage.DRAFT, Stage.SUBMITTED, Stage.RETURNED, Stage.APPROVED, Stage.DECLINED,
        Stage.PILOTING, Stage.IMPLEMENTED, Stage.MERGED,
    ]  # fmt: skip


def test_the_stage_filter_offers_only_reachable_stages(login, people):
    doc = tree(login("staff1").get("/ideas/?lang=en"))
    offered = doc.xpath("//select[@name='stage']/option/@value")
    assert offered == ["", *(stage.value for stage in transitions.REACHABLE_STAGES)]
    assert "nominated" not in offered and "awarded" not in offered


def test_a_stage_nothing_leads_to_yet_is_valid_and_simply_empty(login, two_ideas):
    response = login("staff1").get("/ideas/?stage=nominated&lang=en")
    assert response.status_code == 200
    doc = tree(response)
    assert flashes(doc) == []
    assert card_titles(doc) == []
    assert doc.xpath("//select[@name='stage']/option[@selected]/@value") == ["nominated"]


# == 4. Message kinds and the conflict message ========================================


def css_rules() -> dict[str, str]:
    css = (ROOT / "static/css/app.css").read_text()
    return {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)}


def test_every_message_kind_has_its_own_colour_and_icon():
    rules = css_rules()
    kinds = ("ok", "info", "warn", "error")
    backgrounds = {re.search(r"background:\s*([^;]+)", rules[f".kind-{k}"]).group(1) for k in kinds}
    borders = {
        re.search(r"border-left-color:\s*([^;]+)", rules[f".kind-{k}"]).group(1) for k in kinds
    }
    assert len(backgrounds) == len(borders) == len(kinds)
    icons = {re.search(r"content:\s*([^;]+)", rules[f".kind-{k}::before"]).group(1) for k in kinds}
    assert len(icons) == len(kinds)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_every_message_says_its_kind_in_words(app, lang):
    words = {
        "en": {"ok": "Done:", "info": "Note:", "warn": "Warning:", "error": "Error:"},
        "th": {"ok": "สำเร็จ:", "info": "หมายเหตุ:", "warn": "โปรดทราบ:", "error": "ข้อผิดพลาด:"},
    }[lang]
    with app.test_request_context(f"/?lang={lang}"):
        for kind in words:
            flash(f"ข้อความทดสอบ {kind}", kind)
        flash("ข้อความทดสอบ message")  # Flask's default category is shown as a note
        doc = lxml.html.fromstring(render_template("errors/error.html", status=400, message="x"))
    boxes = doc.xpath("//div[contains(concat(' ', @class, ' '), ' flash-box ')]")
    seen = [(box.get("class"), box.xpath("./strong")[0].text_content()) for box in boxes]
    assert seen == [
        ("flash-box kind-ok", words["ok"]), ("flash-box kind-info", words["info"]),
        ("flash-box kind-warn", words["warn"]), ("flash-box kind-error", words["error"]),
        ("flash-box kind-info", words["info"]),
    ]  # fmt: skip
    assert [b.xpath("./p")[0].text_content() for b in boxes][2] == "ข้อความทดสอบ warn"


def test_the_conflict_message_does_not_blame_someone_else(make_idea, login):
    idea = make_idea(author="staff1")
    client = login("staff1")
    data = form_data(save="1", title="ชื่อใหม่จากแท็บที่สอง", eh_moment="เอ๊ะ", version="0")
    response = client.post(f"/ideas/{idea.ref}/edit?lang=en", data=data)
    assert response.status_code == 422
    [message] = [m for m in flashes(tree(response), "error") if "Reload" in m]
    assert message.startswith("This idea has changed since you opened it")
    assert "someone else" not in message

    thai = client.post(f"/ideas/{idea.ref}/edit?lang=th", data=data)
    assert "ไอเดียนี้มีการเปลี่ยนแปลงหลังจากที่คุณเปิดไว้" in " ".join(flashes(tree(thai), "error"))
    assert "%(" not in str(Conflict.default_message)  # a plain label, nothing interpolated


# == 5. No "0 → 0" impact card ========================================================


@pytest.mark.parametrize(
    ("current", "proposed", "says"),
    [
        ([], [], "Add the steps today and the steps after your change to see the impact."),
        (FULL_IDEA["current_steps"], [], "Add the steps after your change to see the impact."),
        ([], FULL_IDEA["proposed_steps"], "Add the steps today to see the impact."),
    ],
)
def test_a_draft_missing_steps_says_what_to_add(make_idea, login, current, proposed, says):
    idea = make_idea(current_steps=current, proposed_steps=proposed)
    doc = tree(login("staff1").get(f"/ideas/{idea.ref}?lang=en"))
    assert doc.xpath("//dl[@data-impact]") == []  # no "0 → 0" or "5 → 0"
    [missing] = doc.xpath("//*[@data-impact-missing]")
    assert missing.text_content().strip().startswith(says)
    assert missing.xpath(".//a/@href") == [f"/ideas/{idea.ref}/edit"]

    card = tree(login("staff1").get("/ideas/?mine=1&lang=en"))
    assert card.xpath("//p[@class='impact-line']") == []
    assert card.xpath("//p[contains(@class, 'impact-missing')]")[0].text_content().strip() == (
        "The impact shows once both step lists are filled in."
    )


def test_an_idea_with_both_step_lists_still_shows_its_numbers(make_idea, login):
    idea = make_idea(current_steps=steps(("ยื่นคำร้อง", "citizen", 5, 10, True)))
    doc = tree(login("staff1").get(f"/ideas/{idea.ref}?lang=en"))
    assert doc.xpath("//*[@data-impact-missing]") == []
    assert doc.xpath("//dl[@data-impact]//*[@data-k='steps']")[0].text_content() == "1 → 3"


# == 6. A quick title that is too long ================================================


def test_a_too_long_quick_title_is_explained_next_to_it_and_kept(login, people, db_session):
    title = "ขอสำเนาทะเบียนบ้านได้ในจุดเดียว " * 8  # 256 characters with the spaces
    response = login("staff1").post(
        "/ideas/quick?lang=en", data={"title": title, "eh_moment": "เอ๊ะ ทำไมต้องเดิน 3 ช่อง"}
    )
    assert response.status_code == 422
    doc = tree(response)
    form = doc.xpath("//main//form")[0]
    field = form.xpath(".//input[@name='title']")[0]
    assert field.get("value") == title
    box = field.getparent()
    assert box.xpath(".//p[@class='field-error']/text()") == [
        f"At most 200 characters (you have {len(title.strip())})."
    ]
    assert field.get("aria-describedby") == box.xpath(".//p[@class='field-error']/@id")[0]
    assert ideas_saved(db_session) == 0


def test_both_quick_forms_carry_the_counter_and_the_cut_note(login, people):
    doc = tree(login("staff1").get("/ideas/quick?lang=en"))
    for title_id in ("quick-title-input", "title"):  # the dialog and the page
        assert doc.xpath("//input[@id=$i]/@maxlength", i=title_id) == ["200"]
        [counter] = doc.xpath("//*[@data-char-count=$i]", i=title_id)
        assert counter.get("data-count-text") == "{n} of 200 characters"
        [note] = doc.xpath("//*[@data-cut-note=$i]", i=title_id)
        assert note.text_content() == "" and note.get("aria-live") == "polite"
        assert note.get("data-cut-text").startswith(
            "The pasted text was longer than 200 characters, so the last {cut} characters"
        )


@pytest.mark.parametrize("sort", ["new", "top", "trending", "hours_saved", "step_reduction"])
def test_every_valid_sort_is_offered_and_stays_chosen(login, two_ideas, sort):
    response = login("staff1").get(f"/ideas/?sort={sort}&lang=en")
    assert response.status_code == 200
    doc = tree(response)
    assert doc.xpath("//select[@name='sort']/option/@value") == [
        "new", "top", "trending", "hours_saved", "step_reduction",
    ]  # fmt: skip
    assert doc.xpath("//select[@name='sort']/option[@selected]/@value") == [sort]
