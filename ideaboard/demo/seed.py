"""Build the demo through the same operations the app uses (so histories are real)."""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ideaboard.core.dates import utcnow
from ideaboard.demo import content
from ideaboard.engagement.operations import add_comment, cast_vote
from ideaboard.ideas.operations import create_idea
from ideaboard.people.operations import create_unit, create_user, user_by_username
from ideaboard.workflow.models import Action
from ideaboard.workflow.operations import transition

UNITS_CSV = Path(__file__).parent / "data" / "bma_units.csv"
DEMO_PASSWORD = "demo-password"


def load_reference_units() -> int:
    count = 0
    with UNITS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            create_unit(
                row["code"], row["parent_code"] or None, row["kind"], row["name_th"], row["name_en"]
            )
            count += 1
    return count


def load_invented_units(reference_codes: list[tuple[str, str]]) -> int:
    count = 0
    for code, kind in reference_codes:
        templates = {
            "district_office": content.SUBUNIT_TEMPLATES_DISTRICT,
            "hospital": content.SUBUNIT_TEMPLATES_HOSPITAL,
        }.get(kind, ())
        child_kind = "section" if kind == "district_office" else "department"
        for suffix, name_th, name_en in templates:
            create_unit(f"{code}-{suffix}", code, child_kind, name_th, name_en)
            count += 1
    for code, parent, kind, name_th, name_en in content.EXTRA_UNITS:
        create_unit(code, parent, kind, name_th, name_en)
        count += 1
    return count


def seed() -> dict:
    with UNITS_CSV.open(encoding="utf-8") as handle:
        reference = [(row["code"], row["kind"]) for row in csv.DictReader(handle)]
    units = load_reference_units() + load_invented_units(reference)
    for person in content.DEMO_USERS:
        create_user(
            person["username"],
            DEMO_PASSWORD,
            person["display_name"],
            person["unit"],
            position=person.get("position", ""),
            roles=person.get("roles", ()),
            supervises=person.get("supervises", ()),
            locale=person.get("locale", "th"),
        )
    ideas = sorted(content.DEMO_IDEAS, key=lambda item: item["created"])
    by_title = {}
    for item in ideas:
        idea = seed_idea(item, by_title)
        by_title[item["title"]] = idea
        seed_engagement(idea)
    return {"units": units, "users": len(content.DEMO_USERS), "ideas": len(ideas)}


DEMO_COMMENTS = (
    "เห็นด้วยครับ ที่ฝ่ายเราก็เจอปัญหาเดียวกัน ประชาชนต้องกลับมาอีกรอบ",
    "ถ้าใช้ QR code ร่วมกับ BMA OSS ได้จะดีมากค่ะ ดูตัวอย่างที่ https://www.bangkok.go.th",
    "ขอทราบตัวเลขเวลารอก่อนและหลังปรับด้วยครับ จะได้นำไปเสนอที่เขตของเรา",
)


def seed_engagement(idea) -> int:
    """Colleagues vote for and comment on the demo ideas past the draft stage (the same
    operations as the pages), at moments after their submission, so the counts and the
    trending order look lived in. Returns the votes cast."""
    if not idea.open_to_colleagues or idea.submitted_at is None:
        return 0
    rng = random.Random(idea.ref)
    colleagues = [
        user for user in (user_by_username(p["username"]) for p in content.DEMO_USERS)
        if user is not None and not idea.is_team_member(user)
    ]  # fmt: skip
    start = idea.submitted_at
    span = max((utcnow() - start).total_seconds(), 1.0)
    voters = rng.sample(colleagues, k=min(len(colleagues), rng.randint(1, 9)))
    for voter in voters:
        cast_vote(idea, voter, now=start + timedelta(seconds=rng.uniform(0, span)))
    for text in rng.sample(DEMO_COMMENTS, k=rng.randint(0, 2)):
        add_comment(idea, rng.choice(colleagues), {"body": text})
    return len(voters)


def seed_idea(item: dict, seeded: dict | None = None):
    """One demo idea and its history; ``seeded`` (title → Idea) holds the ideas a merge
    may go into."""
    author = user_by_username(item["author"])
    created = datetime.fromisoformat(item["created"]).replace(hour=2, tzinfo=UTC)
    fields = {key: item[key] for key in (
        "title", "eh_moment", "process_name", "service", "unit", "category", "annual_volume",
        "solution", "value", "stakeholders", "stakeholders_other", "coauthors",
        "current_steps", "proposed_steps",
    ) if key in item}  # fmt: skip
    idea = create_idea(author, fields, now=created)
    moment = created
    for action, actor_name, note in item.get("history", ()):
        moment = min(moment + timedelta(days=3, hours=5), utcnow())
        measured = item.get("measured") if action == Action.IMPLEMENT else None
        into = (seeded or {}).get(item.get("merge_into")) if action == Action.MERGE else None
        transition(
            idea,
            user_by_username(actor_name),
            action,
            version=idea.version,
            note=note,
            measured=measured,
            into=into,
            now=moment,
        )
    return idea
