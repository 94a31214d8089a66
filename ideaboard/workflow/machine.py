"""A state machine as data, for anything that moves through states by named actions.

An idea's stages use it today (``transitions.IDEA_WORKFLOW``); award nominations and cycles
will declare their own tables on the same mechanism. A table row says: from this state,
this action leads to that state, if this rule allows the user, with or without a note,
after this check, applying these extra inputs. ``StateMachine.move`` is the only code that
reads the table to change a state; the feature's operation around it writes the event row
and sends the signal.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.core.versioning import check_version


@dataclass(frozen=True)
class Rule:
    """Who may take an action: a predicate on (subject, user) with a title for messages.
    Rules compose: ``author | reviewer``."""

    title: object  # a lazy label: "the idea's author"
    test: Callable[[object, object], bool]

    def __call__(self, subject, user) -> bool:
        return bool(user is not None and getattr(user, "is_authenticated", False)) and bool(
            self.test(subject, user)
        )

    def __or__(self, other: Rule) -> Rule:
        return Rule(
            title=_("%(a)s or %(b)s", a=self.title, b=other.title),
            test=lambda subject, user: self(subject, user) or other(subject, user),
        )


@dataclass(frozen=True)
class Transition:
    action: enum.Enum
    source: enum.Enum
    target: enum.Enum
    allowed: Rule
    note_required: bool = False
    # extra inputs the action asks for (the page shows their fields), e.g. ("measured",)
    inputs: tuple[str, ...] = ()
    # raises ValidationError when the subject is not ready (e.g. an incomplete idea)
    check: Callable[[object], None] | None = None
    # records the extra inputs on the subject (cleaning them first); it may still refuse.
    # ``inputs`` is what the feature's operation passes to ``move``: the idea's passes the
    # named inputs and the acting user as "by" (a rule about another subject needs them)
    apply: Callable[[object, Mapping], None] | None = None

    @property
    def needs_measurement(self) -> bool:
        return "measured" in self.inputs


class StateMachine:
    """The transitions of one kind of subject, whose state is in ``state_attr``."""

    def __init__(
        self,
        transitions: Iterable[Transition],
        *,
        actions: type[enum.Enum],
        state_attr: str = "stage",
    ):
        self.transitions = tuple(transitions)
        self.action_type = actions
        self.state_attr = state_attr
        self.table = {(t.source, t.action): t for t in self.transitions}
        if len(self.table) != len(self.transitions):
            raise ValueError("two transitions share a source state and an action")
        self.actions = tuple(dict.fromkeys(t.action for t in self.transitions))

    def state_of(self, subject):
        return getattr(subject, self.state_attr)

    def parse_action(self, action) -> enum.Enum:
        try:
            parsed = self.action_type(action)
        except (ValueError, TypeError):
            parsed = None
        if parsed not in self.actions:
            raise ValidationError(fields={"action": _("Unknown action.")})
        return parsed

    def lookup(self, state, action) -> Transition | None:
        return self.table.get((state, action))

    def available(self, subject, user) -> list[Transition]:
        """The transitions ``user`` may take on ``subject`` now (buttons, API ``actions``)."""
        state = self.state_of(subject)
        return [t for t in self.transitions if t.source == state and t.allowed(subject, user)]

    def reachable_states(self, start) -> list:
        """States some path through the table leads to from ``start``, ``start`` first."""
        seen, frontier = [start], [start]
        while frontier:
            state = frontier.pop()
            for t in self.transitions:
                if t.source == state and t.target not in seen:
                    seen.append(t.target)
                    frontier.append(t.target)
        return seen

    def move(self, subject, user, action, *, version, note: str, inputs: Mapping) -> tuple:
        """Check everything the table says, then change the state.

        Returns ``(transition, previous state)``. Raises ``ValidationError`` (unknown action,
        missing note, subject not ready, bad inputs), ``Conflict`` (not possible from the
        current state, or ``version`` is stale) or ``PermissionDenied``. ``note`` arrives
        cleaned. Nothing is changed unless every check passes.
        """
        action = self.parse_action(action)
        state = self.state_of(subject)
        rule = self.lookup(state, action)
        if rule is None:
            raise Conflict(
                _(
                    "“%(action)s” is not possible while the idea is “%(stage)s”.",
                    action=action.title,
                    stage=state.title,
                )
            )
        if not rule.allowed(subject, user):
            raise PermissionDenied(_("Only %(who)s can do this.", who=rule.allowed.title))
        check_version(subject, version)
        if rule.note_required and not note:
            raise ValidationError(
                fields={"note": _("Please give a reason; the author will read it.")}
            )
        if rule.check:
            rule.check(subject)
        if rule.apply:
            rule.apply(subject, inputs)
        setattr(subject, self.state_attr, rule.target)
        return rule, state

    def diagram(self) -> str:
        """The table as text, one transition per line (``flask … ideaboard stages``)."""
        return "\n".join(
            f"{t.source:<10} --{t.action}--> {t.target:<12} by {t.allowed.title}"
            + (" (note required)" if t.note_required else "")
            + (f" (asks: {', '.join(t.inputs)})" if t.inputs else "")
            for t in self.transitions
        )
