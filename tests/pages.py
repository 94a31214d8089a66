"""Reading the HTML pages as a browser would, and what people type into the full form.

Shared by the tests/test_pages_*.py files. Error messages are checked in English
(``?lang=en``): the Thai catalogue is translated by people and may change, the English
message ids do not.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
from markupsafe import escape
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ideaboard.ideas.models import Idea

REF_URL = re.compile(r"^/ideas/(IDEA-25\d\d-\d{5})$")
HUGE_NUMBER = "9" * 5000  # more digits than Python converts to int by default


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


def saved(db_session, ref: str) -> Idea | None:
    """The idea as committed, read in a context of its own; its steps and history loaded."""
    with db_session() as session:
        return session.scalar(
            select(Idea).options(selectinload(Idea.events)).where(Idea.ref == ref)
        )


def idea_count(db_session) -> int:
    with db_session() as session:
        return session.scalar(select(func.count()).select_from(Idea))


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
