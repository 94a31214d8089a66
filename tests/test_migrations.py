"""The schema comes from migrations: they build an empty database, match the models,
and step back down cleanly."""

import sqlite3
from contextlib import closing, contextmanager

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from ideaboard import create_app
from ideaboard.extensions import db
from ideaboard.search.models import include_name


def test_migrations_match_the_models(app_ctx):
    """Everything but the search indexes the ORM cannot declare (FTS5 tables and their
    shadow tables, GIN operator classes): ``search.models.include_name`` names them."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_the_search_indexes_exist(app_ctx):
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master").all()}
            assert {
                "idea_search_trigram",
                "idea_search_words",
                "idea_search_after_insert",
                "idea_search_after_delete",
                "idea_search_after_update",
            } <= names
        else:
            names = {index["name"] for index in sa.inspect(conn).get_indexes("idea_search")}
            assert {
                "ix_idea_search_text_trgm",
                "ix_idea_search_document",
            } <= names


def test_upgrade_builds_every_table_from_empty(app_ctx):
    names = set(sa.inspect(db.engine).get_table_names())
    assert {"users", "org_units", "ideas", "idea_steps", "stage_events", "alembic_version"} <= names


def test_downgrade_to_base_and_back(app_ctx):
    downgrade(revision="base")
    assert "ideas" not in sa.inspect(db.engine).get_table_names()
    upgrade()
    assert "ideas" in sa.inspect(db.engine).get_table_names()


def test_check_constraints_back_the_invariants(make_idea, db):
    idea = make_idea(stage="approved")
    with db.engine.connect() as conn:
        try:
            conn.execute(
                sa.text("UPDATE ideas SET stage = 'implemented' WHERE id = :id"), {"id": idea.id}
            )
        except sa.exc.IntegrityError:
            conn.rollback()
        else:
            raise AssertionError("an implemented idea without a measurement was accepted")
        try:
            conn.execute(sa.text("UPDATE idea_steps SET work_minutes = -1"))
        except sa.exc.IntegrityError:
            conn.rollback()
        else:
            raise AssertionError("negative minutes were accepted")


def test_check_constraints_match_the_models(app_ctx):
    """``compare_metadata`` does not look at CHECK constraints; batch mode recreates tables,
    so a lost one would otherwise go unseen."""
    inspector = sa.inspect(db.engine)
    for table in db.metadata.sorted_tables:
        declared = {c.name for c in table.constraints if isinstance(c, sa.CheckConstraint)}
        built = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert built == declared, table.name


def test_no_surrogate_id_is_ever_given_twice(app_ctx):
    """Every table numbered by the database keeps counting past deleted rows: SQLite needs
    AUTOINCREMENT for that (PostgreSQL sequences never go back)."""
    numbered = [t for t in db.metadata.sorted_tables if t.autoincrement_column is not None]
    assert {"ideas", "idea_steps", "stage_events", "users", "org_units"} <= {
        t.name for t in numbered
    }
    for table in numbered:
        assert table.dialect_options["sqlite"]["autoincrement"], table.name
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as conn:
        for table in numbered:
            sql = conn.execute(
                sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
                {"name": table.name},
            ).scalar_one()
            assert "AUTOINCREMENT" in sql, table.name


def test_migrations_leave_references_enforced(app_ctx):
    """env.py switches enforcement off for a run on SQLite: it must come back on."""
    downgrade(revision="0001")
    upgrade()
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.connection.driver_connection.isolation_level is not None


# -- upgrading a database that has data (SQLite, a file of its own) ------------------------

NOW = "2026-11-20 09:15:00.000000"
ROWS_AT_0001 = [
    # ids with gaps, as a database that has lived has them
    "INSERT INTO org_units VALUES (1, 'BMA', NULL, 'organisation', 'กรุงเทพมหานคร', "
    "'Bangkok Metropolitan Administration', '/BMA/', 0)",
    "INSERT INTO org_units VALUES (2, 'D1001', 1, 'district_office', 'สำนักงานเขตพระนคร', "
    "'Phra Nakhon District Office', '/BMA/D1001/', 1)",
    "INSERT INTO org_units VALUES (4, 'D1001-REG', 2, 'section', 'ฝ่ายทะเบียน', "
    "'Civil Registration Section', '/BMA/D1001/D1001-REG/', 2)",
    f"INSERT INTO users VALUES (1, 'staff1', 'x', 'นายสมชาย ใจดี', 'นักจัดการงานทั่วไป', NULL, "
    f"4, 'th', 1, '{NOW}', '{NOW}')",
    f"INSERT INTO users VALUES (2, 'staff2', 'x', 'นางสาวสุดา รักงาน', '', 'suda@bangkok.go.th', "
    f"4, 'en', 1, '{NOW}', '{NOW}')",
    f"INSERT INTO users VALUES (5, 'supervisor1', 'x', 'นายวิชัย หัวหน้า', 'หัวหน้าฝ่าย', NULL, "
    f"2, 'th', 1, '{NOW}', '{NOW}')",
    "INSERT INTO user_roles VALUES (5, 'committee')",
    "INSERT INTO unit_supervisors VALUES (5, 4)",
    f"INSERT INTO api_tokens VALUES (3, 1, '{'ab' * 32}', '{NOW}', '2027-02-18 09:15:00.000000')",
    "INSERT INTO idea_sequences VALUES (2569, 3)",
    f"INSERT INTO ideas VALUES (1, 'IDEA-2569-00001', 2569, 1, 2569, "
    f"'ขอสำเนาทะเบียนบ้านได้ในจุดเดียว', 'เอ๊ะ ทำไมต้องเดินไป 3 ช่อง', '', '', 'process', 12000, "
    f"'', '', '[\"citizens\"]', '', 4, 1, 'submitted', 2, 0, 0, '{NOW}', NULL, NULL, NULL, "
    f"NULL, '{NOW}', '{NOW}')",
    f"INSERT INTO ideas VALUES (3, 'IDEA-2569-00003', 2569, 3, 2569, 'ร่าง: คิวออนไลน์ 24 ชม.', "
    f"'เอ๊ะ ทำไมต้องมารับบัตรคิวตั้งแต่ 6 โมงเช้า', '', '', NULL, NULL, '', '', '[]', '', 4, 2, "
    f"'draft', 1, 0, 0, NULL, NULL, NULL, NULL, NULL, '{NOW}', '{NOW}')",
    "INSERT INTO idea_coauthors VALUES (1, 2)",
    "INSERT INTO idea_steps VALUES (1, 1, 'current', 0, 'ประชาชนรับบัตรคิว', 'citizen', 1, 20, 1)",
    "INSERT INTO idea_steps VALUES (2, 1, 'current', 1, 'ยื่นคำร้องที่ช่อง 1', 'citizen', 5, 10, 1)",
    "INSERT INTO idea_steps VALUES (4, 1, 'proposed', 0, 'จองคิวผ่าน QR code', 'citizen', 1, 0, 0)",
    "INSERT INTO idea_steps VALUES (7, 3, 'current', 0, 'รับบัตรคิวหน้าสำนักงาน', 'citizen', 1, 90, 1)",
    f"INSERT INTO stage_events VALUES (1, 1, 1, 'create', NULL, 'draft', NULL, '{NOW}')",
    f"INSERT INTO stage_events VALUES (2, 1, 1, 'submit', 'draft', 'submitted', NULL, '{NOW}')",
    f"INSERT INTO stage_events VALUES (5, 3, 2, 'create', NULL, 'draft', NULL, '{NOW}')",
]


@contextmanager
def app_on_its_own_sqlite(tmp_path, name="old.sqlite"):
    path = tmp_path / name
    other = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip
    with other.app_context():
        try:
            yield path
        finally:
            db.session.remove()
            db.engine.dispose()


def _every_row(conn, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    return {
        name: conn.execute(
            sa.text(f'SELECT {", ".join(columns)} FROM "{name}" ORDER BY {", ".join(columns)}')
        ).all()
        for name, columns in tables.items()
    }


def test_upgrading_a_filled_sqlite_database_keeps_every_row_and_reference(tmp_path):
    from ideaboard.ideas.models import Idea
    from ideaboard.ideas.operations import create_idea
    from ideaboard.people.operations import user_by_username

    with app_on_its_own_sqlite(tmp_path):
        upgrade(revision="0001")
        with db.engine.begin() as conn:  # references enforced: the rows are consistent
            for statement in ROWS_AT_0001:
                conn.exec_driver_sql(statement)
        inspector = sa.inspect(db.engine)
        tables = {
            name: [column["name"] for column in inspector.get_columns(name)]
            for name in inspector.get_table_names()
            if name != "alembic_version"
        }
        with db.engine.connect() as conn:
            before = _every_row(conn, tables)
        assert all(before.values())

        upgrade()

        with db.engine.connect() as conn:
            assert _every_row(conn, tables) == before
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

        # the old history still hangs on its ideas; a new idea gets new ids and no old rows
        old = db.session.get(Idea, 1)
        assert [(e.action, e.actor.username) for e in old.events] == [
            ("create", "staff1"),
            ("submit", "staff1"),
        ]
        assert [u.username for u in old.coauthors] == ["staff2"]
        draft = db.session.get(Idea, 3)
        db.session.delete(draft)  # the newest idea, and its step and event the newest too
        db.session.commit()
        fresh = create_idea(
            user_by_username("staff1"),
            {
                "title": "ลดเวลารอรับบัตรคิว",
                "eh_moment": "เอ๊ะ ทำไมคิวเต็มตั้งแต่ 8 โมง",
                "current_steps": [
                    {"description": "รับบัตรคิว", "actor": "citizen", "work_minutes": 1,
                     "wait_minutes": 60, "citizen_present": True}
                ],
            },
        )  # fmt: skip
        db.session.commit()
        assert fresh.id > 3
        assert fresh.current_steps[0].id > 7
        assert [(e.id > 5, e.action) for e in fresh.events] == [(True, "create")]


def test_a_migration_that_leaves_dangling_references_is_refused(tmp_path):
    """SQLite, references unenforced during the run: the check at the end refuses to
    commit, and the database stays as it was."""
    with app_on_its_own_sqlite(tmp_path) as path:
        upgrade(revision="0001")
        db.engine.dispose()
        with closing(sqlite3.connect(path)) as raw:  # a plain connection: no enforcement
            raw.execute(
                f"INSERT INTO stage_events VALUES (1, 42, 1, 'create', NULL, 'draft', NULL, '{NOW}')"
            )
            raw.commit()

        with pytest.raises(SystemExit) as refused:
            upgrade()
        assert refused.value.code == 1

        with db.engine.connect() as conn:
            assert (
                conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"
            )
            sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'ideas'"
            ).scalar_one()
            assert "AUTOINCREMENT" not in sql
            assert conn.exec_driver_sql("SELECT count(*) FROM stage_events").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_search_migration_indexes_the_ideas_already_there(tmp_path):
    with app_on_its_own_sqlite(tmp_path):
        upgrade(revision="0001")
        with db.engine.begin() as conn:
            for statement in ROWS_AT_0001:
                conn.exec_driver_sql(statement)
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT idea_id, team_text FROM idea_search ORDER BY idea_id"
            ).all()
            assert rows == [(1, "นายสมชาย ใจดี\nนางสาวสุดา รักงาน"), (3, "นางสาวสุดา รักงาน")]
            found = conn.exec_driver_sql(
                "SELECT rowid FROM idea_search_trigram WHERE idea_search_trigram MATCH ?",
                ('"คิวออนไลน์"',),
            ).all()
            assert found == [(3,)]


def test_stepping_back_over_the_merge_migration_restores_the_merged_stage(make_idea, app):
    """A merged duplicate returns to the stage it was merged from; the merge events go."""
    from ideaboard.ideas.models import Idea
    from ideaboard.people.operations import user_by_username
    from ideaboard.workflow.operations import transition

    duplicate = make_idea(author="staff1", stage="approved", title="ขอคัดสำเนาทะเบียนบ้าน ออนไลน์")
    survivor = make_idea(author="staff2", stage="submitted", title="คัดสำเนาผ่าน e-Service")
    with app.app_context():
        idea = db.session.get(Idea, duplicate.id)
        supervisor = user_by_username("supervisor1")
        transition(idea, supervisor, "merge", version=idea.version, into=survivor.ref)
        db.session.commit()
        db.session.remove()
        downgrade(revision="0005")  # to just before the merge migration
        try:
            with db.engine.connect() as conn:
                stage = conn.execute(
                    sa.text("SELECT stage FROM ideas WHERE id = :id"), {"id": duplicate.id}
                ).scalar_one()
                actions = set(conn.execute(sa.text("SELECT action FROM stage_events")).scalars())
        finally:
            upgrade()
    assert stage == "approved"
    assert actions == {"create", "submit", "approve"}
