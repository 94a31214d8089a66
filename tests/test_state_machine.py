"""The state machine is generic: any subject with a state, actions and rules can use it (an
award nomination will). Shown here with a small made-up table, not the idea's."""

from __future__ import annotations

import enum
from types import SimpleNamespace

import pytest

from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.workflow.machine import Rule, StateMachine, Transition


class Status(enum.StrEnum):
    OPEN = "open"
    JUDGING = "judging"
    ANNOUNCED = "announced"

    @property
    def title(self):
        return self.value


class Step(enum.StrEnum):
    START_JUDGING = "start_judging"
    ANNOUNCE = "announce"

    @property
    def title(self):
        return self.value


secretariat = Rule("the secretariat", lambda cycle, user: user.role == "secretariat")
checked = []
MACHINE = StateMachine(
    (
        Transition(Step.START_JUDGING, Status.OPEN, Status.JUDGING, secretariat),
        Transition(Step.ANNOUNCE, Status.JUDGING, Status.ANNOUNCED, secretariat,
                   note_required=True, check=checked.append),
    ),
    actions=Step,
    state_attr="status",
)  # fmt: skip


def person(role):
    return SimpleNamespace(role=role, is_authenticated=True)


def cycle():
    return SimpleNamespace(status=Status.OPEN, version=3)


def test_a_table_of_another_kind_moves_its_own_subject(app):
    subject = cycle()
    with app.test_request_context():
        rule, before = MACHINE.move(
            subject, person("secretariat"), "start_judging", version=3, note="", inputs={}
        )
    assert (before, subject.status, rule.action) == (
        Status.OPEN,
        Status.JUDGING,
        Step.START_JUDGING,
    )
    assert MACHINE.reachable_states(Status.OPEN) == [Status.OPEN, Status.JUDGING, Status.ANNOUNCED]
    assert [t.action for t in MACHINE.available(subject, person("secretariat"))] == [Step.ANNOUNCE]
    assert MACHINE.available(subject, person("committee")) == []


@pytest.mark.parametrize(
    ("action", "role", "version", "note", "error"),
    [
        ("announce", "secretariat", 3, "ผลการตัดสิน", Conflict),  # not from OPEN
        ("start_judging", "committee", 3, "", PermissionDenied),
        ("start_judging", "secretariat", 2, "", Conflict),  # stale version
        ("fly", "secretariat", 3, "", ValidationError),
    ],
)
def test_refusals_change_nothing(app, action, role, version, note, error):
    subject = cycle()
    with app.test_request_context(), pytest.raises(error):
        MACHINE.move(subject, person(role), action, version=version, note=note, inputs={})
    assert subject.status == Status.OPEN


def test_a_required_note_and_a_check_come_from_the_table(app):
    subject = SimpleNamespace(status=Status.JUDGING, version=1)
    with app.test_request_context():
        with pytest.raises(ValidationError):
            MACHINE.move(subject, person("secretariat"), "announce", version=1, note="", inputs={})
        assert checked == []
        MACHINE.move(
            subject, person("secretariat"), "announce", version=1, note="ดีเด่น 2", inputs={}
        )
    assert subject.status == Status.ANNOUNCED and checked == [subject]


def test_two_rows_for_one_state_and_action_are_refused():
    row = Transition(Step.ANNOUNCE, Status.JUDGING, Status.ANNOUNCED, secretariat)
    with pytest.raises(ValueError):
        StateMachine((row, row), actions=Step)
