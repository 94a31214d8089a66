"""The stage machine as data: (stage, action) → next stage, who may, whether a note is needed.

    draft ──submit──▶ submitted ──approve──▶ approved ──start_pilot──▶ piloting ──implement──▶ implemented
      ▲                  │   │                  └──────────────implement──────────────────────▶┘
      └──withdraw──── returned ◀─return─┘   └─decline──▶ declined
    returned ──submit──▶ submitted;  submitted/returned ──withdraw──▶ draft

Nomination and award (implemented → nominated → awarded) belong to award cycles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ideaboard.ideas.models import Idea, Stage


def team(idea: Idea, user) -> bool:
    return idea.is_team_member(user)


def author(idea: Idea, user) -> bool:
    return bool(user and user.is_authenticated and user.id == idea.author_id)


def reviewer(idea: Idea, user) -> bool:
    return idea.can_review(user)


ACTOR_RULE_TITLES = {
    team: _l("the idea's author or co-authors"),
    author: _l("the idea's author"),
    reviewer: _l("a supervisor of the idea's unit"),
}


@dataclass(frozen=True)
class Transition:
    action: str
    source: Stage
    target: Stage
    allowed: Callable[[Idea, object], bool]
    note_required: bool = False
    needs_measurement: bool = False


TRANSITIONS = (
    Transition("submit", Stage.DRAFT, Stage.SUBMITTED, team),
    Transition("submit", Stage.RETURNED, Stage.SUBMITTED, team),
    Transition("withdraw", Stage.SUBMITTED, Stage.DRAFT, author),
    Transition("withdraw", Stage.RETURNED, Stage.DRAFT, author),
    Transition("approve", Stage.SUBMITTED, Stage.APPROVED, reviewer),
    Transition("return", Stage.SUBMITTED, Stage.RETURNED, reviewer, note_required=True),
    Transition("decline", Stage.SUBMITTED, Stage.DECLINED, reviewer, note_required=True),
    Transition("start_pilot", Stage.APPROVED, Stage.PILOTING, reviewer),
    Transition("implement", Stage.APPROVED, Stage.IMPLEMENTED, reviewer, needs_measurement=True),
    Transition("implement", Stage.PILOTING, Stage.IMPLEMENTED, reviewer, needs_measurement=True),
)  # fmt: skip

TABLE = {(t.source, t.action): t for t in TRANSITIONS}
ACTIONS = tuple(dict.fromkeys(t.action for t in TRANSITIONS))

ACTION_TITLES = {
    "create": _l("Created"),
    "submit": _l("Submit"),
    "withdraw": _l("Withdraw"),
    "approve": _l("Approve"),
    "return": _l("Return for revision"),
    "decline": _l("Decline"),
    "start_pilot": _l("Start pilot"),
    "implement": _l("Record as implemented"),
}


def lookup(stage: Stage, action: str) -> Transition | None:
    return TABLE.get((stage, action))


def available(idea: Idea, user) -> list[Transition]:
    """The transitions ``user`` may take on ``idea`` now (for buttons and the API)."""
    return [t for t in TRANSITIONS if t.source == idea.stage and t.allowed(idea, user)]


def diagram() -> str:
    """The table as text, one transition per line (``flask --app app ideaboard stages``)."""
    return "\n".join(
        f"{t.source:<10} --{t.action}--> {t.target:<12} by {ACTOR_RULE_TITLES[t.allowed]}"
        + (" (note required)" if t.note_required else "")
        for t in TRANSITIONS
    )
