"""What a notification says, in the reader's language: one sentence from what happened
(the page, the API and the e-mail all word it here). Call inside the reader's locale
(``flask_babel.force_locale`` for an e-mail)."""

from __future__ import annotations

from flask_babel import gettext as _

from ideaboard.notifications.models import Kind
from ideaboard.workflow.models import Action, Stage

EXCERPT = 280  # characters of a note or comment shown with a notification


def sentence(
    kind: Kind | str,
    *,
    actor: str,
    action: Action | str | None = None,
    from_stage: Stage | str | None = None,
    to_stage: Stage | str | None = None,
    into: str | None = None,
) -> str:
    """``actor``: the name of who did it; ``into``: the reference a duplicate went into."""
    kind = Kind(kind)
    again = from_stage == Stage.RETURNED
    if kind == Kind.COMMENT:
        return _("%(actor)s commented on the idea", actor=actor)
    if kind == Kind.REVIEW:
        if again:
            return _("%(actor)s resubmitted an idea for your review after revision", actor=actor)
        return _("%(actor)s submitted an idea for your review", actor=actor)
    if kind == Kind.MERGED:
        return _("%(actor)s merged the idea into %(ref)s", actor=actor, ref=into or "")
    match action:
        case Action.SUBMIT if again:
            return _("%(actor)s resubmitted the idea after revision", actor=actor)
        case Action.SUBMIT:
            return _("%(actor)s submitted the idea", actor=actor)
        case Action.APPROVE:
            return _("%(actor)s approved the idea", actor=actor)
        case Action.RETURN:
            return _("%(actor)s returned the idea for revision", actor=actor)
        case Action.DECLINE:
            return _("%(actor)s declined the idea", actor=actor)
        case Action.WITHDRAW:
            return _("%(actor)s withdrew the idea (it is a draft again)", actor=actor)
        case Action.START_PILOT:
            return _("%(actor)s started a pilot of the idea", actor=actor)
        case Action.IMPLEMENT:
            return _("%(actor)s recorded the idea as implemented", actor=actor)
    return _(
        "%(actor)s moved the idea from “%(before)s” to “%(after)s”",
        actor=actor,
        before=Stage(from_stage).title if from_stage else "",
        after=Stage(to_stage).title if to_stage else "",
    )


def excerpt(text: str | None) -> str | None:
    """A note or comment shortened for a list or an e-mail (None when there is none)."""
    text = " ".join((text or "").split())
    if not text:
        return None
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def link_path(kind: Kind | str, *, ref: str, comment_id=None) -> str:
    """Where a notification leads: its idea (a comment: the comment on it). A merged idea's
    page links to the idea it went into."""
    if kind == Kind.COMMENT and comment_id:
        return f"/ideas/{ref}#comment-{comment_id}"
    return f"/ideas/{ref}"


def excerpt_label(kind: Kind | str) -> str:
    return _("Their comment") if kind == Kind.COMMENT else _("Note")
