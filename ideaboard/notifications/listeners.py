"""Who is told what, from the signals. Everything here runs in the transaction of the change
that sent the signal (the notifications and their e-mails commit or roll back with it).

- a stage change: the idea's team (author and co-authors) and its followers;
- a submission or resubmission: the supervisors who review it now (``idea.reviewers``),
  told that it waits for them (so they are left out of the stage change's notification);
- a comment: the team and the followers;
- a merge: the duplicate's team and followers, told where it went. It is told from
  ``stage_changed`` (action ``merge``), which is sent before ``idea_merged``: the latter's
  listeners move the duplicate's follows to the survivor, after which its followers could no
  longer be told apart.

Never the person who did it; one notification per person per event (``operations.notify``).
When an idea leaves *submitted*, every "waiting for your review" about it is marked read.
When an idea becomes hidden from some (back to draft, or a co-author leaves a draft), their
unread notifications about it are put away (``operations.put_away_hidden``).
"""

from __future__ import annotations

from ideaboard import signals
from ideaboard.engagement.queries import followers_of
from ideaboard.notifications import operations
from ideaboard.notifications.models import Kind
from ideaboard.workflow.models import Action, Stage


def _team(idea) -> list:
    return [idea.author, *idea.coauthors]


@signals.stage_changed.connect
def tell_of_stage_change(idea, *, event, action, **_):
    people = [*_team(idea), *followers_of(idea)]
    if event.to_stage == Stage.SUBMITTED:
        reviewers = {user.id for user in idea.reviewers}  # told by tell_reviewers, once
        people = [person for person in people if person.id not in reviewers]
    kind = Kind.MERGED if action == Action.MERGE else Kind.STAGE
    operations.notify(idea, kind, event.actor, people, event=event)
    if event.from_stage == Stage.SUBMITTED:
        operations.put_away_reviews(idea)  # the review it asked for is over
    if idea.stage.is_private:
        operations.put_away_hidden(idea)


@signals.idea_submitted.connect
def tell_reviewers(idea, *, event, **_):
    operations.notify(idea, Kind.REVIEW, event.actor, idea.reviewers, event=event)


@signals.comment_added.connect
def tell_of_comment(comment, *, idea, user, **_):
    operations.notify(
        idea, Kind.COMMENT, user, [*_team(idea), *followers_of(idea)], comment=comment
    )


@signals.idea_edited.connect
def put_away_for_those_who_left(idea, *, changes, **_):
    """A co-author taken off a draft no longer sees it, nor its notifications."""
    if idea.stage.is_private and any(change.field == "coauthors" for change in changes):
        operations.put_away_hidden(idea)
