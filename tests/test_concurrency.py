"""Concurrent writers: no lost update, no duplicate reference."""

import threading

import pytest
import sqlalchemy as sa
from fixtures.ideas import FULL_IDEA

from ideaboard.core.errors import Conflict
from ideaboard.extensions import db as _db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.operations import create_idea, update_idea
from ideaboard.people.operations import user_by_username


def test_an_edit_based_on_a_version_someone_else_replaced_is_refused(make_idea, db):
    idea = make_idea()
    seen_version = idea.version
    # another request commits a change through its own connection meanwhile
    with db.engine.begin() as other:
        other.execute(
            sa.text("UPDATE ideas SET title = :t, version = version + 1 WHERE id = :id"),
            {"t": "แก้โดยเพื่อนร่วมทีม", "id": idea.id},
        )
    with pytest.raises(Conflict):
        update_idea(idea, user_by_username("staff1"), {"title": "ชื่อใหม่ของฉัน"}, seen_version)
    db.session.rollback()
    fresh = db.session.get(Idea, idea.id)
    db.session.refresh(fresh)
    assert fresh.title == "แก้โดยเพื่อนร่วมทีม"


def test_parallel_creation_gives_unique_sequential_refs(app, people):
    errors, refs = [], []
    lock = threading.Lock()

    def worker(n: int) -> None:
        with app.app_context():
            try:
                author = user_by_username("staff1")
                for i in range(4):
                    idea = create_idea(
                        author, {"title": f"เอ๊ะ {n}-{i}", "eh_moment": FULL_IDEA["eh_moment"]}
                    )
                    _db.session.commit()
                    with lock:
                        refs.append(idea.ref)
            except Exception as error:  # reported below, not swallowed
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(refs) == len(set(refs)) == 24
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in refs)
    assert numbers == list(range(1, 25))
