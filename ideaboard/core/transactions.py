"""Work that must wait for the commit: run it after the transaction commits, never if it
rolls back. Listeners use this for anything that leaves the process (e-mail, caches)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from ideaboard.extensions import db

_PENDING = "ideaboard_after_commit"


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback()`` once the current database transaction has committed."""
    session = db.session()
    session.connection()  # the work belongs to a transaction: begin one if none is open
    session.info.setdefault(_PENDING, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_pending(session: Session) -> None:
    callbacks = session.info.pop(_PENDING, [])
    for callback in callbacks:
        callback()


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction) -> None:
    """Any rollback of the whole transaction drops the work (a savepoint's does not)."""
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
