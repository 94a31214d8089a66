"""Synthetic staff and ideas in bulk, for load tests, benchmarks and query-plan tests
(``flask --app app ideaboard generate``; never in production data).

Rows go in with plain INSERTs in batches — tens of thousands in seconds — with every
stored number computed by the same pure function the operations use, so a generated idea
looks to every page exactly like one typed in.
"""

from __future__ import annotations

import random
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import func, insert, select, update

from ideaboard.core.dates import be_year, fiscal_year, utcnow
from ideaboard.engagement.models import Vote
from ideaboard.engagement.trending import vote_weight
from ideaboard.extensions import db
from ideaboard.ideas.impact import stored_numbers
from ideaboard.ideas.models import Idea, IdeaSequence, Step, StepKind
from ideaboard.people.models import OrgUnit, User
from ideaboard.workflow.models import Stage

SUBJECTS = ("ขอคัดสำเนาทะเบียนบ้าน", "ต่อใบอนุญาตจำหน่ายสินค้า", "ขออนุญาตใช้ลานกีฬา",
            "รับเรื่องร้องเรียนน้ำท่วมขัง", "เบิกค่ารักษาพยาบาล", "ส่งตรวจเพาะเชื้อ (culture)",
            "จ่ายยาผู้ป่วยนอก OPD", "ขอเลขที่บ้าน", "ชำระภาษีป้าย", "ลงทะเบียนผู้สูงอายุ")  # fmt: skip
CHANGES = ("ในจุดเดียว", "ผ่าน QR code", "ไม่ต้องถ่ายสำเนา", "ภายใน 1 วัน", "ด้วย e-Service",
           "โดยไม่ต้องรอคิว 2 รอบ", "ด้วยลายมือชื่ออิเล็กทรอนิกส์")  # fmt: skip
STAGES = (Stage.SUBMITTED, Stage.APPROVED, Stage.PILOTING, Stage.IMPLEMENTED, Stage.DECLINED,
          Stage.RETURNED, Stage.DRAFT)  # fmt: skip
STAGE_WEIGHTS = (20, 20, 10, 25, 5, 5, 15)
MEASURED_INPUTS = (
    "measured_steps_after", "measured_minutes_after", "measured_cases_since",
    "measured_evidence",
)  # fmt: skip


GIVEN_NAMES = ("สมชาย", "สมหญิง", "วิภาวดี", "ณัฐพล", "กมลชนก", "ธนกร", "ปิยะนุช", "อนุชา",
               "จิราพร", "ศุภชัย", "พิมพ์ชนก", "วรวุฒิ", "สุดารัตน์", "กิตติพงษ์", "นภัสสร")  # fmt: skip
FAMILY_NAMES = ("ใจดี", "รักษ์ไทย", "ศรีสุข", "บุญมา", "แก้วประเสริฐ", "ทองดี", "วงศ์สวัสดิ์",
                "พึ่งบุญ", "มีสุข", "สายทอง", "อินทร์แก้ว", "จันทร์เพ็ญ")  # fmt: skip
GENERATED_PREFIX = "gen"  # generated accounts are gen00001, gen00002, …


def generate_users(count: int, password_hash: str, *, seed: int = 1, batch: int = 2000) -> int:
    """Add ``count`` staff accounts (``gen00001``…) spread over the units without sub-units,
    all with ``password_hash`` (hashed once by the caller: hashing is slow on purpose)."""
    rng = random.Random(seed)
    parents = select(OrgUnit.parent_id).where(OrgUnit.parent_id.is_not(None))
    leaves = db.session.scalars(select(OrgUnit.id).where(OrgUnit.id.not_in(parents))).all()
    if not leaves:
        raise ValueError("load the organisation first (seed-demo)")
    taken = db.session.scalars(
        select(User.username).where(User.username.like(f"{GENERATED_PREFIX}%"))
    ).all()
    numbers = [name[len(GENERATED_PREFIX) :] for name in taken]
    start = max((int(number) for number in numbers if number.isdecimal()), default=0)
    now = utcnow()
    rows = []
    for number in range(start + 1, start + count + 1):
        rows.append(
            {
                "username": f"{GENERATED_PREFIX}{number:05d}",
                "password_hash": password_hash,
                "display_name": f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
                "position": "เจ้าหน้าที่ (ข้อมูลทดสอบ)",
                "unit_id": rng.choice(leaves),
                "locale": "th",
                "active": True,
                "created_at": now,
                "updated_at": now,
            }
        )
        if len(rows) >= batch:
            db.session.execute(insert(User.__table__), rows)
            rows = []
    if rows:
        db.session.execute(insert(User.__table__), rows)
    return count


def _steps(rng: random.Random, count: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            description=f"ขั้นตอนที่ {index + 1}: {rng.choice(SUBJECTS)}",
            actor=rng.choice(("citizen", "staff", "other_unit")),
            work_minutes=rng.randint(1, 20),
            wait_minutes=rng.choice((0, 0, 5, 10, 30)),
            citizen_present=rng.random() < 0.4,
        )
        for index in range(count)
    ]


def generate_ideas(count: int, *, seed: int = 1, with_steps: bool = True, batch: int = 2000) -> int:
    """Add ``count`` ideas by existing active users in their own units; returns the count."""
    rng = random.Random(seed)
    authors = db.session.execute(select(User.id, User.unit_id).where(User.active.is_(True))).all()
    if not authors:
        raise ValueError("create users first")
    year = be_year(utcnow())
    start = db.session.scalar(select(func.max(Idea.ref_seq)).where(Idea.ref_year == year)) or 0
    now = utcnow()
    ideas, steps = [], []
    first_id = (db.session.scalar(select(func.max(Idea.id))) or 0) + 1
    for offset in range(count):
        author_id, unit_id = rng.choice(authors)
        stage = rng.choices(STAGES, STAGE_WEIGHTS)[0]
        current = _steps(rng, rng.randint(3, 8))
        proposed = _steps(rng, rng.randint(1, len(current)))
        volume = rng.choice((None, 500, 2400, 12000, 50000))
        measured = None
        if stage == Stage.IMPLEMENTED:
            minutes = sum(step.work_minutes + step.wait_minutes for step in proposed)
            measured = {
                "measured_steps_after": len(proposed),
                "measured_minutes_after": max(minutes + rng.randint(-5, 5), 0),
                "measured_cases_since": rng.randint(10, 5000),
                "measured_evidence": "สถิติจากระบบคิว",
            }
        measured = measured or dict.fromkeys(MEASURED_INPUTS)
        vote_count = rng.randint(0, 300)
        row = {
            "id": first_id + offset,
            "ref": f"IDEA-{year}-{start + offset + 1:05d}",
            "ref_year": year,
            "ref_seq": start + offset + 1,
            "title": f"{rng.choice(SUBJECTS)} {rng.choice(CHANGES)} #{offset + 1}",
            "eh_moment": "เอ๊ะ ทำไมประชาชนต้องกลับมาอีกรอบ ทั้งที่ข้อมูลอยู่ในระบบแล้ว",
            "process_name": rng.choice(SUBJECTS),
            "service": "บริการประชาชน",
            "category": rng.choice(("process", "service_innovation")),
            "annual_volume": volume,
            "solution": "รวมขั้นตอนไว้ที่ช่องเดียว",
            "value": "ประชาชนมาครั้งเดียว",
            "stakeholders": ["citizens"],
            "stakeholders_other": "",
            "unit_id": unit_id,
            "author_id": author_id,
            "stage": stage.value,
            "version": 1,
            "vote_count": vote_count,
            # as if the votes had come over the last weeks (engagement.trending)
            "trending_score": vote_count * rng.random(),
            "comment_count": rng.randint(0, 40),
            "created_at": now - timedelta(minutes=count - offset),
            "updated_at": now - timedelta(minutes=count - offset),
            "submitted_at": None if stage == Stage.DRAFT else now,
            "fiscal_year": fiscal_year(now),
            **measured,
            **stored_numbers(
                current,
                proposed,
                volume,
                measured["measured_steps_after"],
                measured["measured_minutes_after"],
            ),
        }
        ideas.append(row)
        if with_steps:
            for kind, listed in ((StepKind.CURRENT, current), (StepKind.PROPOSED, proposed)):
                steps += [
                    {"idea_id": row["id"], "kind": kind.value, "position": position, **vars(step)}
                    for position, step in enumerate(listed)
                ]
        if len(ideas) >= batch:
            _flush(ideas, steps)
            ideas, steps = [], []
    _flush(ideas, steps)
    _bump_sequence(year, start + count)
    return count


def generate_votes(count: int, *, seed: int = 1, batch: int = 5000) -> int:
    """Add ``count`` votes by active users for ideas past the draft stage (never their own,
    one per person per idea, cast between the idea's creation and now), then set every
    idea's ``vote_count`` and ``trending_score`` from its vote rows, as the listeners would
    have. Returns the count."""
    rng = random.Random(seed)
    voters = db.session.scalars(select(User.id).where(User.active.is_(True))).all()
    ideas = db.session.execute(
        select(Idea.id, Idea.author_id, Idea.created_at).where(Idea.stage != Stage.DRAFT)
    ).all()
    taken = {
        (row.idea_id, row.user_id) for row in db.session.execute(select(Vote.idea_id, Vote.user_id))
    }
    room = len(ideas) * max(len(voters) - 1, 0) - len(taken)
    if count > room // 2:  # leave room, or picking free pairs at random slows to a crawl
        raise ValueError(
            f"{count:,} votes do not fit: {len(ideas):,} ideas past the draft stage and "
            f"{len(voters):,} people leave room for about {room // 2:,}; add users or ideas"
        )
    now, rows, added = utcnow(), [], 0
    while added < count:
        idea_id, author_id, created_at = rng.choice(ideas)
        voter = rng.choice(voters)
        if voter == author_id or (idea_id, voter) in taken:
            continue
        taken.add((idea_id, voter))
        created = created_at if created_at.tzinfo else created_at.replace(tzinfo=now.tzinfo)
        moment = created + (now - created) * rng.random()
        rows.append({"idea_id": idea_id, "user_id": voter, "created_at": moment,
                     "weight": vote_weight(moment)})  # fmt: skip
        added += 1
        if len(rows) >= batch:
            db.session.execute(insert(Vote.__table__), rows)
            rows = []
    if rows:
        db.session.execute(insert(Vote.__table__), rows)
    votes = Vote.__table__
    ideas_table = Idea.__table__
    db.session.execute(
        update(ideas_table).values(
            vote_count=select(func.count())
            .where(votes.c.idea_id == ideas_table.c.id)
            .scalar_subquery(),
            trending_score=select(func.coalesce(func.sum(votes.c.weight), 0.0))
            .where(votes.c.idea_id == ideas_table.c.id)
            .scalar_subquery(),
            updated_at=ideas_table.c.updated_at,
        )
    )
    return count


def _flush(ideas: list[dict], steps: list[dict]) -> None:
    if ideas:
        db.session.execute(insert(Idea.__table__), ideas)
    if steps:
        db.session.execute(insert(Step.__table__), steps)


def _bump_sequence(year: int, last_value: int) -> None:
    sequence = db.session.get(IdeaSequence, year)
    if sequence is None:
        db.session.add(IdeaSequence(year=year, last_value=last_value))
    else:
        sequence.last_value = max(sequence.last_value, last_value)
    if db.engine.dialect.name == "postgresql":  # ids were given explicitly
        db.session.execute(
            db.text(
                "SELECT setval(pg_get_serial_sequence('ideas', 'id'), (SELECT max(id) FROM ideas))"
            )
        )
    db.session.flush()
