"""Work tied to how the transaction ends: ``after_commit`` runs only once it has committed
(listeners use it for anything that leaves the process: e-mail, caches); ``on_rollback``
runs only if it ends without committing (rolled back, or closed with the work undone), to
undo what was done outside the database, e.g. a file written for a row that never was."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from ideaboard.extensions import db

_PENDING = "ideaboard_after_commit"
_UNDO = "ideaboard_on_rollback"


def after_commit(callback: Callable[[], None], session: Session | None = None) -> None:
    """Run ``callback()`` once the current database transaction has committed."""
    session = session or db.session()
    session.connection()  # the work belongs to a transaction: begin one if none is open
    session.info.setdefault(_PENDING, []).append(callback)


def on_rollback(callback: Callable[[], None], session: Session | None = None) -> None:
    """Run ``callback()`` if the current transaction ends without committing: a rollback,
    or the session closed at the end of a request that never committed. A savepoint that
    rolls back alone does not run it (its outer transaction may still commit)."""
    session = session or db.session()
    session.connection()
    session.info.setdefault(_UNDO, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_pending(session: Session) -> None:
    session.info.pop(_UNDO, None)  # committed: nothing to undo
    callbacks = session.info.pop(_PENDING, [])
    for callback in callbacks:
        callback()


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction) -> None:
    """Any rollback of the whole transaction drops the work (a savepoint's does not)."""
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_transaction_end")
def _undo_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended; after a commit the list is gone already."""
    if transaction.parent is not None or transaction.nested:
        return
    session.info.pop(_PENDING, None)
    for callback in session.info.pop(_UNDO, []):
        callback()
