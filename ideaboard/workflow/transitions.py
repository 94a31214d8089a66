"""An idea's stage machine as data: (stage, action) → next stage, who may, what is asked.

    draft ──submit──▶ submitted ──approve──▶ approved ──start_pilot──▶ piloting ──implement──▶ implemented
      ▲                  │   │                  └──────────────implement──────────────────────▶┘
      └──withdraw──── returned ◀─return─┘   └─decline──▶ declined
    returned ──submit──▶ submitted;  submitted/returned ──withdraw──▶ draft
    submitted/returned/approved/piloting/implemented/declined ──merge (into)──▶ merged

Merge: a supervisor merges a duplicate into another idea of their units (``into``: the
survivor's reference); the duplicate ends in *merged*, pointing to its survivor, whose own
history records the merge (``absorb``, stage unchanged). What hangs on the duplicate
(votes, follows, comments) moves by listeners of ``signals.idea_merged``.

Nomination and award (implemented → nominated → awarded) belong to award cycles, which will
declare their own table on the same ``StateMachine``. ``flask --app app ideaboard stages``
prints this table.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ideaboard.workflow import effects
from ideaboard.workflow.machine import Rule, StateMachine, Transition
from ideaboard.workflow.models import ACTION_TITLES, Action, Stage

team = Rule(_l("the idea's author or co-authors"), lambda idea, user: idea.is_team_member(user))
author = Rule(_l("the idea's author"), lambda idea, user: user.id == idea.author_id)
reviewer = Rule(_l("a supervisor of the idea's unit"), lambda idea, user: idea.can_review(user))

A, S = Action, Stage
# a duplicate may be merged from any stage a reviewer sees it in (not a draft, not awarded
# work, not an idea merged already)
MERGEABLE_STAGES = (S.SUBMITTED, S.RETURNED, S.APPROVED, S.PILOTING, S.IMPLEMENTED, S.DECLINED)
IDEA_WORKFLOW = StateMachine(
    (
        Transition(A.SUBMIT, S.DRAFT, S.SUBMITTED, team, check=effects.check_complete),
        Transition(A.SUBMIT, S.RETURNED, S.SUBMITTED, team, check=effects.check_complete),
        Transition(A.WITHDRAW, S.SUBMITTED, S.DRAFT, author),
        Transition(A.WITHDRAW, S.RETURNED, S.DRAFT, author),
        Transition(A.APPROVE, S.SUBMITTED, S.APPROVED, reviewer),
        Transition(A.RETURN, S.SUBMITTED, S.RETURNED, reviewer, note_required=True),
        Transition(A.DECLINE, S.SUBMITTED, S.DECLINED, reviewer, note_required=True),
        Transition(A.START_PILOT, S.APPROVED, S.PILOTING, reviewer),
        Transition(A.IMPLEMENT, S.APPROVED, S.IMPLEMENTED, reviewer,
                   inputs=("measured",), apply=effects.record_measurement),
        Transition(A.IMPLEMENT, S.PILOTING, S.IMPLEMENTED, reviewer,
                   inputs=("measured",), apply=effects.record_measurement),
        *(Transition(A.MERGE, source, S.MERGED, reviewer, inputs=("into",),
                     apply=effects.record_merge) for source in MERGEABLE_STAGES),
    ),
    actions=Action,
)  # fmt: skip

TRANSITIONS = IDEA_WORKFLOW.transitions
ACTIONS = tuple(str(action) for action in IDEA_WORKFLOW.actions)  # for the API's enum
# the stages the table leads to: filters offer these (nomination comes with award cycles)
REACHABLE_STAGES = tuple(
    stage for stage in Stage if stage in IDEA_WORKFLOW.reachable_states(Stage.DRAFT)
)
# buttons that undo or end an idea's course are styled as dangerous
DANGEROUS_ACTIONS = frozenset({Action.DECLINE, Action.WITHDRAW, Action.MERGE})

available = IDEA_WORKFLOW.available
lookup = IDEA_WORKFLOW.lookup
diagram = IDEA_WORKFLOW.diagram

__all__ = [
    "ACTIONS", "ACTION_TITLES", "DANGEROUS_ACTIONS", "IDEA_WORKFLOW", "MERGEABLE_STAGES",
    "REACHABLE_STAGES",
    "TRANSITIONS", "available", "diagram", "lookup",
]  # fmt: skip
