"""Nothing half-done: bytes are written before their row and removed if the transaction
does not commit; a removed file's bytes go only once its removal commits; a deleted draft
takes its files along. The operations announce what they did."""

from __future__ import annotations

import io
import os
import time
from contextlib import contextmanager

import pytest
from fixtures.files import pdf, photo
from sqlalchemy import func, select

from ideaboard import signals
from ideaboard.extensions import db as _db
from ideaboard.files.models import Attachment, Kind
from ideaboard.files.operations import Upload, add_files, attachments_of, remove_file
from ideaboard.files.storage import LocalStorage, new_key
from ideaboard.ideas.models import Idea
from ideaboard.ideas.operations import delete_draft
from ideaboard.people.operations import user_by_username


@contextmanager
def received(signal):
    calls = []

    def listener(sender, **kwargs):
        calls.append((sender, kwargs))

    signal.connect(listener)
    try:
        yield calls
    finally:
        signal.disconnect(listener)


def uploads(*files):
    return [Upload(name, io.BytesIO(content)) for name, content in files]


def fresh(idea):
    return Idea.query.filter_by(id=idea.id).one()


def test_a_rollback_removes_the_bytes_written_for_rows_that_never_were(make_idea, db, file_store):
    idea = fresh(make_idea(stage="submitted"))
    staff1 = user_by_username("staff1")

    add_files(idea, staff1, uploads(("ภาพ.png", photo()), ("คำร้อง.pdf", pdf())))
    assert len(file_store.keys()) == 3  # written before the rows were flushed
    db.session.rollback()

    assert file_store.keys() == []
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_a_session_closed_without_a_commit_removes_them_too(make_idea, db, file_store):
    idea = fresh(make_idea(stage="submitted"))

    add_files(idea, user_by_username("staff1"), uploads(("ภาพ.png", photo())))
    db.session.close()  # what the end of a request that never committed does

    assert file_store.keys() == []


def test_a_failure_after_the_files_were_stored_leaves_nothing(
    login, make_idea, attach, file_store, db_session
):
    idea = make_idea(stage="submitted")
    client = login("staff1")

    def fail(attachment, **_):
        raise RuntimeError("the history could not be written")

    with signals.attachment_added.connected_to(fail):
        response = attach(client, idea.ref, ("ภาพ.png", photo()))

    assert response.status_code == 500
    assert file_store.keys() == []
    with db_session() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_committed_files_stay(make_idea, db, file_store):
    idea = fresh(make_idea(stage="submitted"))

    [added] = add_files(idea, user_by_username("staff1"), uploads(("ภาพ.png", photo())))
    db.session.commit()

    assert file_store.keys() == sorted([added.stored_key, added.thumbnail_key])
    with file_store.open(added.stored_key) as stored:
        assert stored.read() == photo()


def test_a_removal_takes_the_bytes_only_once_it_commits(make_idea, db, file_store):
    idea = fresh(make_idea(stage="draft"))
    staff1 = user_by_username("staff1")
    [added] = add_files(idea, staff1, uploads(("ภาพ.png", photo())))
    db.session.commit()
    keys = file_store.keys()

    remove_file(attachments_of(idea)[0], staff1)
    db.session.rollback()
    assert file_store.keys() == keys
    assert [a.id for a in attachments_of(idea)] == [added.id]

    remove_file(attachments_of(idea)[0], staff1)
    assert file_store.keys() == keys  # flushed, not committed
    db.session.commit()
    assert file_store.keys() == []


def test_deleting_a_draft_deletes_its_files(make_idea, db, file_store):
    idea = fresh(make_idea(stage="draft"))
    staff1 = user_by_username("staff1")
    add_files(idea, staff1, uploads(("ภาพ.png", photo()), ("คำร้อง.pdf", pdf())))
    db.session.commit()

    delete_draft(fresh(idea), staff1, idea.version)
    db.session.commit()

    assert file_store.keys() == []
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_the_operations_announce_what_they_did(make_idea, db):
    draft = fresh(make_idea(stage="draft"))
    submitted = fresh(make_idea(stage="submitted"))
    staff1 = user_by_username("staff1")

    with received(signals.attachment_added) as added, received(signals.attachment_removed) as gone:
        [first] = add_files(draft, staff1, uploads(("ร่าง.png", photo())))
        [second] = add_files(submitted, staff1, uploads(("ภาพ.png", photo())))
        remove_file(second, staff1)

    assert [(a.id, kw["idea"].id, kw["user"].username, kw["recorded"]) for a, kw in added] == [
        (first.id, draft.id, "staff1", False),
        (second.id, submitted.id, "staff1", True),
    ]
    assert [(a.display_name, kw["recorded"]) for a, kw in gone] == [("ภาพ.png", True)]


def test_evidence_attached_with_the_measurement_is_evidence(make_idea, db, file_store):
    from ideaboard.workflow.operations import transition

    idea = fresh(make_idea(stage="piloting"))
    supervisor = user_by_username("supervisor1")
    measured = {"steps_after": 3, "minutes_after": 20, "cases_since": 640, "evidence": ""}

    transition(idea, supervisor, "implement", version=idea.version, measured=measured,
               evidence_files=uploads(("สถิติคิว.pdf", pdf())))  # fmt: skip
    db.session.commit()

    [evidence] = attachments_of(idea)
    assert (evidence.kind, evidence.uploader.username) == (Kind.EVIDENCE, "supervisor1")
    assert fresh(idea).stage == "implemented" and fresh(idea).measured_evidence == ""


def test_the_measurement_still_needs_evidence_text_without_files(make_idea, db):
    from ideaboard.core.errors import ValidationError
    from ideaboard.workflow.operations import transition

    idea = fresh(make_idea(stage="piloting"))
    measured = {"steps_after": 3, "minutes_after": 20, "cases_since": 640, "evidence": " "}

    with pytest.raises(ValidationError) as refused:
        transition(idea, user_by_username("supervisor1"), "implement", version=idea.version,
                   measured=measured)  # fmt: skip
    assert set(refused.value.fields) == {"measured.evidence"}


@pytest.mark.parametrize(
    "key",
    ["../../etc/passwd", "ab/cd/../../../x", "/etc/passwd", "AB/CD/" + "0" * 32, "ab/cd/x"],
)
def test_local_storage_takes_only_its_own_keys(tmp_path, key):
    store = LocalStorage(tmp_path)

    with pytest.raises(ValueError):
        store.save(key, b"x")
    with pytest.raises(ValueError):
        store.open(key)


def test_the_sweep_removes_only_old_bytes_no_row_names(app, make_idea, file_store):
    idea = make_idea(stage="submitted")
    with app.app_context():
        [kept] = add_files(fresh(idea), user_by_username("staff1"), uploads(("ภาพ.png", photo())))
        _db.session.commit()
        kept_keys = sorted([kept.stored_key, kept.thumbnail_key])
    crashed, in_flight = new_key(), new_key()  # a crash mid-upload; an upload still saving
    file_store.save(crashed, pdf())
    file_store.save(in_flight, pdf())
    hours_ago = time.time() - 3 * 3600
    for key in (crashed, *kept_keys):
        os.utime(file_store.path(key), (hours_ago, hours_ago))

    result = app.test_cli_runner().invoke(
        args=["ideaboard", "sweep-files", "--older-than-hours", "1"]
    )

    assert result.exit_code == 0, result.output
    assert "Removed 1 stored file(s)" in result.output
    assert file_store.keys() == sorted([*kept_keys, in_flight])
