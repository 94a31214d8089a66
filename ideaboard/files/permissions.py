"""Who may add and remove an idea's files: questions answered from the idea and the file.

- **Attachments** are the team's (author and co-authors): they add them at any stage until
  the idea is declined or merged — a photo of the form often comes after submission — and
  remove any while the idea is theirs to edit (draft, returned). Afterwards only the person
  who uploaded a file removes it; once submitted, each addition and removal is on the
  idea's timeline.
- **Evidence** of the measured result is the reviewers' (supervisors of the idea's unit,
  never on their own idea): attached with the implementation or afterwards. It is removed
  only by whoever uploaded it or by a reviewer, never by the team it judges.
- Nothing changes on a merged idea (it lives on in the idea that took it in).
"""

from __future__ import annotations

from ideaboard.files.models import Kind
from ideaboard.workflow.models import Stage

CLOSED_STAGES = frozenset({Stage.DECLINED, Stage.MERGED})
EVIDENCE_STAGES = frozenset({Stage.IMPLEMENTED, Stage.NOMINATED, Stage.AWARDED})


def _signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def stage_takes(idea, kind: Kind) -> bool:
    """Whether files of ``kind`` can be added to ``idea`` in its stage (by anyone)."""
    if kind == Kind.EVIDENCE:
        return idea.stage in EVIDENCE_STAGES
    return idea.stage not in CLOSED_STAGES


def may_add(idea, user, kind: Kind) -> bool:
    """Whether ``user`` is someone who adds files of ``kind`` to ``idea`` (stage aside)."""
    if not _signed_in(user):
        return False
    if kind == Kind.EVIDENCE:
        return idea.can_review(user)
    return idea.is_team_member(user)


def can_add(idea, user, kind: Kind = Kind.ATTACHMENT) -> bool:
    return stage_takes(idea, kind) and may_add(idea, user, kind)


def addable_kinds(idea, user) -> list[Kind]:
    """The kinds of file ``user`` may add to ``idea`` now (the upload form offers them)."""
    return [kind for kind in Kind if can_add(idea, user, kind)]


def can_remove(attachment, user) -> bool:
    idea = attachment.idea
    if not _signed_in(user) or idea.stage == Stage.MERGED:
        return False
    uploaded_it = user.id == attachment.uploader_id
    if attachment.kind == Kind.EVIDENCE:
        return uploaded_it or idea.can_review(user)
    return uploaded_it or idea.can_edit(user)
