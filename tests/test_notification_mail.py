"""E-mail notifications through a real SMTP server (aiosmtpd on a free port): written to the
outbox in the transaction of the change, sent by the worker after the commit, in the
person's language, with a link to the idea; none on a rollback, none for someone who said
no or has no address; a mail server that is down fails no request and is retried with a
growing wait until it answers, or the e-mail is given up and left visible.

supervisor1 (นายวิชัย, Thai) and staff2 (English) have addresses; staff1 submits.
"""

from __future__ import annotations

import time
from datetime import timedelta

import lxml.html
import pytest
from click.testing import CliRunner
from fixtures.notifications import free_port
from sqlalchemy import func, select, text

from ideaboard.cli import ideaboard_cli
from ideaboard.core.dates import as_utc, utcnow
from ideaboard.extensions import db
from ideaboard.ideas.operations import idea_by_ref
from ideaboard.notifications.mail import parse_smtp_url
from ideaboard.notifications.models import MailStatus, OutboxMail
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition

TITLE = "ขอสำเนาทะเบียนบ้านได้ในจุดเดียว ไม่ต้องรอ 3 ช่อง"
BASE = "https://ideaboard.bangkok.go.th"


@pytest.fixture
def mail_on(smtp_server, mail_config, give_email):
    """The app sends through the test's SMTP server; supervisor1 reads Thai, staff2 English."""
    inbox, port = smtp_server
    mail_config(SMTP_URL=f"smtp://127.0.0.1:{port}", BASE_URL=BASE,
                MAIL_FROM="Ideaboard <ideaboard@bangkok.go.th>")  # fmt: skip
    give_email("supervisor1", "wichai.h@bangkok.go.th", locale="th")
    give_email("staff2", "suda.r@bangkok.go.th", locale="en")
    return inbox


def submit(api, ref: str, who: str = "staff1"):
    response = api(who).act(ref, "submit")
    assert response.status_code == 200, response.get_json()


def test_an_email_is_received_after_the_commit_in_thai(mail_on, make_idea, api, send_mail, outbox):
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    submit(api, idea.ref)
    [queued] = outbox()
    assert queued.status == MailStatus.PENDING and queued.attempts == 0  # not tried in the request
    assert mail_on.messages == []

    assert send_mail().sent == 1
    [received] = mail_on.messages
    assert received["To"] == "wichai.h@bangkok.go.th"
    assert received["From"] == "Ideaboard <ideaboard@bangkok.go.th>"
    assert received["Subject"] == f"นายสมชาย ใจดี ส่งไอเดียให้คุณพิจารณา: {TITLE}"
    body = received.get_content()
    assert body.startswith("เรียน นางสาวทดสอบ supervisor1\n")
    assert f"{idea.ref} {TITLE}" in body
    assert f"เปิดดูไอเดีย: {BASE}/ideas/{idea.ref}\n" in body
    assert f"{BASE}/notifications/settings" in body
    assert mail_on.envelopes == [("ideaboard@bangkok.go.th", ["wichai.h@bangkok.go.th"])]
    [sent] = outbox()
    assert (sent.status, sent.attempts, sent.next_attempt_at) == (MailStatus.SENT, 1, None)
    assert send_mail().sent == 0  # sent once


def test_english_for_a_person_who_reads_english(mail_on, make_idea, api, send_mail):
    idea = make_idea(author="staff1", stage="submitted", coauthors=["staff2"], title=TITLE)
    mail_on.messages.clear()
    send_mail()
    mail_on.messages.clear()
    response = api("supervisor1").act(idea.ref, "return", note="ขอสถิติ ต.ค.–ธ.ค. 2568 ด้วยครับ")
    assert response.status_code == 200
    send_mail()
    [received] = mail_on.messages
    assert received["To"] == "suda.r@bangkok.go.th"
    assert received["Subject"] == f"นางสาวทดสอบ supervisor1 returned the idea for revision: {TITLE}"
    body = received.get_content()
    assert body.startswith("Dear นางสาวสุดา รักงาน,\n")
    assert "Note: ขอสถิติ ต.ค.–ธ.ค. 2568 ด้วยครับ" in body
    assert f"Open the idea: {BASE}/ideas/{idea.ref}" in body


def test_a_comment_links_to_the_comment(mail_on, make_idea, api, send_mail):
    idea = make_idea(author="staff2", stage="submitted", title=TITLE)
    send_mail()
    mail_on.messages.clear()
    answer = api("staff3").post(f"/ideas/{idea.ref}/comments", json={"body": "ใช้ QR code ได้ไหม"})
    send_mail()
    [received] = mail_on.messages
    assert received["To"] == "suda.r@bangkok.go.th"
    body = received.get_content()
    assert f"{BASE}/ideas/{idea.ref}#comment-{answer.get_json()['id']}" in body
    assert "Their comment: ใช้ QR code ได้ไหม" in body


def test_no_email_when_the_change_rolls_back(mail_on, make_idea, app, send_mail, outbox):
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    with app.app_context():
        draft = idea_by_ref(idea.ref)
        transition(draft, user_by_username("staff1"), "submit", version=draft.version)
        assert db.session.scalar(select(func.count(OutboxMail.id))) == 1  # in the transaction
        db.session.rollback()
    assert outbox() == []
    send_mail()
    assert mail_on.messages == []


def test_no_email_for_who_said_no_or_has_no_address(
    mail_on, make_idea, api, give_email, send_mail, outbox, as_user
):
    supervisor = as_user("supervisor1")
    assert supervisor.post("/notifications/settings", data={}).status_code == 302  # box unticked
    give_email("staff2", None, locale="en")
    idea = make_idea(author="staff1", stage="draft", coauthors=["staff2"], title=TITLE)
    submit(api, idea.ref)
    assert outbox() == []
    send_mail()
    assert mail_on.messages == []
    # told in Ideaboard all the same
    assert api("supervisor1").get("/notifications").get_json()["unread_count"] == 1
    assert api("staff2").get("/notifications").get_json()["unread_count"] == 1
    # and ticked again, e-mail comes again
    supervisor.post("/notifications/settings", data={"email_notifications": "y"})
    api("staff1").post(f"/ideas/{idea.ref}/comments", json={"body": "เพิ่มสถิติแล้วครับ"})
    api("supervisor1").put(f"/ideas/{idea.ref}/follow")
    api("staff1").post(f"/ideas/{idea.ref}/comments", json={"body": "แนบตัวเลข 12,000 ราย/ปี"})
    send_mail()
    assert [m["To"] for m in mail_on.messages] == ["wichai.h@bangkok.go.th"]


def test_the_settings_page_shows_the_choice(people, as_user, give_email, mail_config):
    give_email("staff1", "somchai.j@bangkok.go.th")
    page = as_user("staff1").get("/notifications/settings?lang=en").get_data(as_text=True)
    assert "E-mails go to somchai.j@bangkok.go.th." in page
    [box] = lxml.html.fromstring(page).xpath("//input[@name='email_notifications']")
    assert box.get("type") == "checkbox" and box.get("checked") is not None
    assert "This Ideaboard sends no e-mail at the moment" in page


def test_without_smtp_url_nothing_is_queued(people, make_idea, api, give_email, outbox):
    give_email("supervisor1", "wichai.h@bangkok.go.th")
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    submit(api, idea.ref)
    assert outbox() == []


# -- a mail server that is down ---------------------------------------------------------------


def test_a_down_server_fails_no_request_and_is_retried_with_backoff(
    mail_on, smtp_server, mail_config, make_idea, api, send_mail, outbox
):
    _, live_port = smtp_server
    mail_config(SMTP_URL=f"smtp://127.0.0.1:{free_port()}?timeout=2")  # nothing listens there
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    started = time.monotonic()
    submit(api, idea.ref)
    assert time.monotonic() - started < 2  # the request never waits for the mail server

    before = utcnow()
    done = send_mail()
    assert (done.sent, done.retrying) == (0, 1)
    [row] = outbox()
    assert (row.status, row.attempts) == (MailStatus.PENDING, 1)
    assert "ConnectionRefusedError" in row.last_error
    wait = as_utc(row.next_attempt_at) - before
    assert timedelta(seconds=59) < wait < timedelta(seconds=70)  # MAIL_RETRY_SECONDS

    assert send_mail().claimed == []  # not due yet
    second = send_mail(now=utcnow() + timedelta(seconds=61))
    assert second.retrying == 1
    [row] = outbox()
    assert row.attempts == 2
    assert as_utc(row.next_attempt_at) - utcnow() > timedelta(seconds=110)  # 2 × 60 s

    mail_config(SMTP_URL=f"smtp://127.0.0.1:{live_port}")  # the server is back
    assert send_mail(now=utcnow() + timedelta(seconds=125)).sent == 1
    [row] = outbox()
    assert (row.status, row.attempts, row.last_error) == (MailStatus.SENT, 3, None)
    assert [m["To"] for m in mail_on.messages] == ["wichai.h@bangkok.go.th"]


def test_a_server_that_does_not_answer_is_tried_once_per_round(
    mail_on, mail_config, make_idea, api, send_mail, monkeypatch
):
    """Two e-mails due (the reviewer's, the co-author's), the server down: one connection
    attempt, and both wait for a retry."""
    from ideaboard.notifications import worker

    mail_config(SMTP_URL=f"smtp://127.0.0.1:{free_port()}?timeout=2")
    attempts = []
    real_connect = worker.connect
    monkeypatch.setattr(worker, "connect", lambda s: attempts.append(s) or real_connect(s))
    idea = make_idea(author="staff1", stage="draft", coauthors=["staff2"], title=TITLE)
    submit(api, idea.ref)
    done = send_mail()
    assert (len(done.claimed), done.retrying, len(attempts)) == (2, 2, 1)


def test_after_the_last_attempt_the_email_is_left_as_failed(
    mail_on, mail_config, make_idea, api, send_mail, outbox
):
    mail_config(SMTP_URL=f"smtp://127.0.0.1:{free_port()}?timeout=2", MAIL_MAX_ATTEMPTS=2)
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    submit(api, idea.ref)
    send_mail()
    assert send_mail(now=utcnow() + timedelta(minutes=5)).failed == 1
    [row] = outbox()
    assert (row.status, row.attempts, row.next_attempt_at) == (MailStatus.FAILED, 2, None)
    assert row.last_error
    assert send_mail(now=utcnow() + timedelta(days=30)).claimed == []


def test_an_email_held_by_a_worker_that_died_is_sent_after_its_lease(
    mail_on, make_idea, api, app, send_mail, outbox
):
    from ideaboard.notifications.worker import claim

    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    submit(api, idea.ref)
    with app.app_context():
        [held] = claim(utcnow(), 10)  # claimed, then the worker "dies"
    assert outbox()[0].status == MailStatus.SENDING
    assert send_mail().claimed == []  # another worker leaves it while the lease runs
    assert send_mail(now=utcnow() + timedelta(seconds=301)).sent == 1
    assert [m["To"] for m in mail_on.messages] == ["wichai.h@bangkok.go.th"]
    assert outbox()[0].attempts == 2 and held.attempts == 1


def test_the_worker_command_sends_once(mail_on, make_idea, api, app):
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    submit(api, idea.ref)
    result = CliRunner().invoke(ideaboard_cli, ["send-mail", "--once"], obj=_script_info(app))
    assert result.exit_code == 0, result.output
    assert "mail: 1 sent, 0 to retry, 0 given up" in result.output
    assert len(mail_on.messages) == 1


def _script_info(app):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def test_a_login_with_an_encoded_password(
    mail_on, smtp_server, mail_config, make_idea, api, send_mail
):
    _, port = smtp_server
    mail_config(SMTP_URL=f"smtp://ideaboard%40bangkok.go.th:p%40ss%3Aword@127.0.0.1:{port}")
    idea = make_idea(author="staff1", stage="draft", title=TITLE)
    submit(api, idea.ref)
    assert send_mail().sent == 1
    assert mail_on.logins == [("ideaboard@bangkok.go.th", "p@ss:word")]


# -- SMTP_URL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, expected",
    [
        ("smtp://mail.bangkok.go.th", ("mail.bangkok.go.th", 25, "plain", None, None)),
        ("smtp://relay:2525", ("relay", 2525, "plain", None, None)),
        ("smtp+starttls://u:p@mail.example.org", ("mail.example.org", 587, "starttls", "u", "p")),
        ("smtp://u:p@mail.example.org:587?starttls=1", ("mail.example.org", 587, "starttls", "u", "p")),
        ("smtps://u%40x.th:p%2Fw@mail.example.org", ("mail.example.org", 465, "tls", "u@x.th", "p/w")),
    ],
)  # fmt: skip
def test_smtp_url_forms(url, expected):
    settings = parse_smtp_url(url)
    assert (settings.host, settings.port, settings.security, settings.username,
            settings.password) == expected  # fmt: skip


@pytest.mark.parametrize(
    "url", ["http://mail.example.org", "smtp://", "smtp://host:port", "smtp://h?timeout=soon"]
)
def test_a_wrong_smtp_url_stops_the_start_with_the_reason(url):
    from ideaboard import create_app
    from ideaboard.config import ConfigError

    with pytest.raises(ConfigError, match="SMTP_URL"):
        create_app({"TESTING": True, "SMTP_URL": url, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_two_workers_never_claim_the_same_email(app, people):
    """PostgreSQL: a claim skips the rows another worker's claim holds (SKIP LOCKED) instead
    of waiting for them or taking them too."""
    from ideaboard.notifications.worker import claim

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite runs one worker (its writes are one at a time anyway)")
        now = utcnow()
        db.session.add_all(
            OutboxMail(to_address=f"staff{n}@bangkok.go.th", subject="ทดสอบ", body="ทดสอบ",
                       status=MailStatus.PENDING, next_attempt_at=now - timedelta(seconds=n))
            for n in range(4)
        )  # fmt: skip
        db.session.commit()
        ids = sorted(db.session.scalars(select(OutboxMail.id)))
        with db.engine.connect() as other:  # another worker, in the middle of its claim
            other.execute(
                select(OutboxMail.id).where(OutboxMail.id.in_(ids[:2])).with_for_update()
            ).all()
            db.session.execute(text("SET LOCAL lock_timeout = '2s'"))  # fail, never hang
            claimed = claim(utcnow(), 10)
            other.rollback()
        assert sorted(row.id for row in claimed) == ids[2:]
