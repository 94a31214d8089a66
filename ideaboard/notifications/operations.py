"""The only code that writes notifications and their e-mails. Operations flush and never
commit: the rows commit or roll back with the change that caused them.

Who is told is the listeners' business (``notifications.listeners``); here are the rules
every notification follows: never the person who did it, never someone inactive or who may
not see the idea, one per person per event (also when someone is author and follower, or a
second signal names the same event), and an e-mail beside it when the server sends mail and
the person has an address and wants them.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ideaboard.core.dates import utcnow
from ideaboard.core.errors import NotFound
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.notifications import messages
from ideaboard.notifications.mail import write_letter
from ideaboard.notifications.models import Kind, MailStatus, Notification, OutboxMail
from ideaboard.notifications.queries import visible_to
from ideaboard.people.models import User

NOTIFICATIONS = Notification.__table__
MAX_ID = 2**31


def notify(idea, kind: Kind, actor, people: Iterable, *, event=None, comment=None) -> list:
    """Tell ``people`` that ``actor`` did something to ``idea``: the stage ``event`` or the
    ``comment`` says what. Returns the notifications written (flushed)."""
    recipients: dict[int, User] = {}
    for person in people:
        if person is None or person.id == actor.id or not person.active:
            continue
        if person.id not in recipients and idea.can_view(person):
            recipients[person.id] = person
    if not recipients:
        return []
    about = (
        NOTIFICATIONS.c.event_id == event.id
        if event
        else (NOTIFICATIONS.c.comment_id == comment.id)
    )
    told = set(
        db.session.scalars(
            select(NOTIFICATIONS.c.user_id).where(about, NOTIFICATIONS.c.user_id.in_(recipients))
        )
    )
    at = event.created_at if event is not None else comment.created_at
    written = [
        Notification(
            user_id=user_id,
            idea_id=idea.id,
            kind=kind,
            actor_id=actor.id,
            event_id=event.id if event is not None else None,
            comment_id=comment.id if comment is not None else None,
            created_at=at,
        )
        for user_id in recipients
        if user_id not in told
    ]
    db.session.add_all(written)
    db.session.flush()
    if current_app.config.get("SMTP_URL"):
        for notification in written:
            _queue_mail(recipients[notification.user_id], notification, idea, actor, event, comment)
    return written


def _queue_mail(person, notification, idea, actor, event, comment) -> None:
    """The e-mail of ``notification`` into the outbox (sent after the commit by the worker)."""
    if not person.email_notifications or "@" not in (person.email or ""):
        return
    kind = notification.kind
    into = event.related_idea.ref if event is not None and event.related_idea else None

    def what() -> str:
        return messages.sentence(
            kind,
            actor=actor.display_name,
            action=event.action if event is not None else None,
            from_stage=event.from_stage if event is not None else None,
            to_stage=event.to_stage if event is not None else None,
            into=into,
        )

    letter = write_letter(
        person,
        what=what,
        idea=idea,
        link=messages.link_path(kind, ref=idea.ref, comment_id=comment.id if comment else None),
        excerpt=messages.excerpt(comment.body if comment is not None else event.note),
        label=lambda: messages.excerpt_label(kind),
        at=notification.created_at,
    )
    db.session.add(
        OutboxMail(
            to_address=letter.to_address,
            subject=letter.subject,
            body=letter.body,
            status=MailStatus.PENDING,
            next_attempt_at=utcnow(),
        )
    )


def put_away_hidden(idea) -> int:
    """Mark read the unread notifications about ``idea`` of people who may no longer see it
    (it went back to draft, or they left its team while it is one): they are not shown, so
    they must not wait in anyone's count. Returns how many."""
    waiting = db.session.scalars(
        select(User)
        .where(
            User.id.in_(
                select(NOTIFICATIONS.c.user_id).where(
                    NOTIFICATIONS.c.idea_id == idea.id, NOTIFICATIONS.c.read_at.is_(None)
                )
            )
        )
        .order_by(User.id)
    )
    hidden = [person.id for person in waiting if not idea.can_view(person)]
    if not hidden:
        return 0
    return db.session.execute(
        update(NOTIFICATIONS)
        .where(
            NOTIFICATIONS.c.idea_id == idea.id,
            NOTIFICATIONS.c.user_id.in_(hidden),
            NOTIFICATIONS.c.read_at.is_(None),
        )
        .values(read_at=utcnow())
    ).rowcount


def put_away_reviews(idea) -> int:
    """Mark read every unread "waiting for your review" about ``idea``: it left *submitted*
    (decided, withdrawn or merged), so nobody's count should still ask for a review.
    Returns how many."""
    return db.session.execute(
        update(NOTIFICATIONS)
        .where(
            NOTIFICATIONS.c.idea_id == idea.id,
            NOTIFICATIONS.c.kind == Kind.REVIEW,
            NOTIFICATIONS.c.read_at.is_(None),
        )
        .values(read_at=utcnow())
    ).rowcount


# -- the reader's own ------------------------------------------------------------------------

NOT_FOUND = _l("You have no notification with this number.")


def get_notification(user, notification_id) -> Notification:
    """``user``'s notification by its id, if it is about an idea they may see (else 404:
    another person's notification, or one about an idea hidden from them now)."""
    numbered = isinstance(notification_id, int) and 0 < notification_id < MAX_ID
    found = None
    if numbered:
        found = db.session.scalar(
            select(Notification)
            .join(Idea, Idea.id == Notification.idea_id)
            .where(Notification.id == notification_id, Notification.user_id == user.id)
            .where(visible_to(user.id))
        )
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def mark_read(notification: Notification) -> bool:
    """Mark it read (idempotent). True when this call changed it."""
    now = utcnow()
    changed = db.session.execute(
        update(NOTIFICATIONS)
        .where(NOTIFICATIONS.c.id == notification.id, NOTIFICATIONS.c.read_at.is_(None))
        .values(read_at=now)
    ).rowcount
    db.session.expire(notification, ["read_at"])
    return bool(changed)


def mark_read_many(user, ids: Iterable[int]) -> int:
    """Mark the notifications numbered ``ids`` read: all of them ``user``'s and visible to
    them, or none (404). Returns how many were unread."""
    wanted = set(ids)
    if not wanted:
        return 0
    if not all(isinstance(i, int) and 0 < i < MAX_ID for i in wanted):
        raise NotFound(NOT_FOUND)
    found = set(
        db.session.scalars(
            select(Notification.id)
            .join(Idea, Idea.id == Notification.idea_id)
            .where(Notification.id.in_(wanted), Notification.user_id == user.id)
            .where(visible_to(user.id))
        )
    )
    if found != wanted:
        raise NotFound(NOT_FOUND)
    return db.session.execute(
        update(NOTIFICATIONS)
        .where(NOTIFICATIONS.c.id.in_(found), NOTIFICATIONS.c.read_at.is_(None))
        .values(read_at=utcnow())
    ).rowcount


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` read; returns how many (one UPDATE along
    the unread index)."""
    return db.session.execute(
        update(NOTIFICATIONS)
        .where(NOTIFICATIONS.c.user_id == user.id, NOTIFICATIONS.c.read_at.is_(None))
        .values(read_at=utcnow())
    ).rowcount


def set_email_notifications(user, wanted: bool) -> None:
    """One's own choice: notifications by e-mail too, or only in Ideaboard."""
    user.email_notifications = bool(wanted)
    db.session.flush()
