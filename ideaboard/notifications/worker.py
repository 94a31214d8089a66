"""The mail worker: sends what the outbox holds, after the commit, with retries.

``flask --app app ideaboard send-mail`` runs it (``--once``: one drain, then exit). Each
round claims the e-mails that are due — one UPDATE that marks them *sending*, counts the
attempt and sets a lease (``next_attempt_at`` = now + ``MAIL_LEASE_SECONDS``) — and commits,
so no transaction stays open while the mail server answers. On PostgreSQL the claim skips
rows another worker holds (``FOR UPDATE SKIP LOCKED``), so several machines can each run a
worker; on SQLite writes are one at a time anyway and one worker is enough.

Then each e-mail goes out over one SMTP connection. Sent: marked *sent*. Failed (server
down, refused, timed out): *pending* again, due after ``MAIL_RETRY_SECONDS`` × 2^(attempts −
1), its error kept; after ``MAIL_MAX_ATTEMPTS`` it is *failed* and stays for someone to look
at. A worker that dies holding e-mails leaves them *sending*; once the lease runs out any
worker claims them again (so an e-mail may, rarely, go twice; none is lost).
"""

from __future__ import annotations

import smtplib
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db
from ideaboard.notifications.mail import Letter, connect, message, smtp_settings
from ideaboard.notifications.models import MailStatus, OutboxMail

OUTBOX = OutboxMail.__table__
MAX_ERROR = 1000


@dataclass
class Round:
    """What one drain did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    claimed: list[int] = field(default_factory=list)


def due_exists(now: datetime) -> bool:
    """A read before any write: an idle worker never takes SQLite's write lock."""
    return db.session.scalar(
        select(OUTBOX.c.id).where(OUTBOX.c.next_attempt_at <= now).limit(1)
    ) is not None  # fmt: skip


def claim(now: datetime, limit: int) -> list:
    """Take up to ``limit`` due e-mails for this worker and commit (see the module doc)."""
    lease = now + timedelta(seconds=current_app.config["MAIL_LEASE_SECONDS"])
    due = (
        select(OUTBOX.c.id)
        .where(OUTBOX.c.next_attempt_at <= now)
        .order_by(OUTBOX.c.next_attempt_at)  # the oldest due first, along its index
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL; SQLite has no row locks to skip
    )
    rows = db.session.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(due.scalar_subquery()))
        .values(status=MailStatus.SENDING, attempts=OUTBOX.c.attempts + 1, next_attempt_at=lease)
        .returning(
            OUTBOX.c.id, OUTBOX.c.to_address, OUTBOX.c.subject, OUTBOX.c.body,
            OUTBOX.c.attempts,
        )
    ).all()  # fmt: skip
    db.session.commit()
    return sorted(rows, key=lambda row: row.id)


def _finish(row, **values) -> None:
    """Record how a claimed e-mail went, unless its lease ran out and another worker took it
    (then its attempt count moved on)."""
    db.session.execute(
        update(OUTBOX)
        .where(
            OUTBOX.c.id == row.id,
            OUTBOX.c.status == MailStatus.SENDING,
            OUTBOX.c.attempts == row.attempts,
        )
        .values(**values)
    )
    db.session.commit()


def retry_delay(attempts: int) -> timedelta:
    base = current_app.config["MAIL_RETRY_SECONDS"]
    return timedelta(seconds=base * 2 ** max(attempts - 1, 0))


def drain(now: datetime | None = None) -> Round:
    """Send what is due now (one batch of ``MAIL_BATCH``). Needs an application context."""
    result = Round()
    settings = smtp_settings()
    now = now or utcnow()
    if settings is None or not due_exists(now):
        return result
    rows = claim(now, current_app.config["MAIL_BATCH"])
    sender = current_app.config["MAIL_FROM"]
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    connection, unreachable = None, None
    try:
        for row in rows:
            result.claimed.append(row.id)
            error = unreachable  # the server did not answer: the rest of the batch waits too
            if error is None:
                try:
                    if connection is None:
                        try:
                            connection = connect(settings)
                        except Exception as failed:
                            unreachable = failed
                            raise
                    letter = Letter(row.to_address, row.subject, row.body)
                    connection.send_message(message(letter, sender))
                except Exception as failed:  # whatever went wrong, this e-mail is retried
                    error = failed
                    if _connection_lost(failed):
                        connection = _close(connection)  # reconnect for the next one
            if error is None:
                result.sent += 1
                _finish(row, status=MailStatus.SENT, next_attempt_at=None, sent_at=utcnow(),
                        last_error=None)  # fmt: skip
                continue
            error_text = f"{type(error).__name__}: {error}"[:MAX_ERROR]
            if row.attempts >= max_attempts:
                result.failed += 1
                _finish(row, status=MailStatus.FAILED, next_attempt_at=None,
                        last_error=error_text)  # fmt: skip
            else:
                result.retrying += 1
                _finish(row, status=MailStatus.PENDING, last_error=error_text,
                        next_attempt_at=utcnow() + retry_delay(row.attempts))  # fmt: skip
    finally:
        _close(connection)
    return result


def _connection_lost(error: Exception) -> bool:
    """A socket error or a dropped session (every SMTP error is an OSError too, but a refused
    recipient leaves the connection fine for the next one)."""
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _close(connection):
    if connection is not None:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()
    return None


def run(app, *, once: bool = False, stop: threading.Event | None = None, echo=print) -> None:
    """Drain the outbox; with ``once`` a single batch, else every ``MAIL_POLL_SECONDS`` (at
    once again after a full batch) until ``stop`` is set."""
    stop = stop or threading.Event()
    poll = app.config["MAIL_POLL_SECONDS"]
    with app.app_context():
        if not app.config.get("SMTP_URL"):
            echo("SMTP_URL is not set: no e-mail is queued or sent; the mail worker waits.")
    while not stop.is_set():
        with app.app_context():
            try:
                done = drain()
            except Exception as error:  # e.g. the database restarting: try again later
                app.logger.exception("mail worker: this round failed")
                echo(f"mail: this round failed ({type(error).__name__}); trying again")
                done = Round()
            finally:
                db.session.remove()
        if done.claimed:
            echo(f"mail: {done.sent} sent, {done.retrying} to retry, {done.failed} given up")
        if once:
            return
        if len(done.claimed) < app.config["MAIL_BATCH"]:
            stop.wait(poll)
