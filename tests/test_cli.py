"""flask --app app ideaboard init-db | seed-demo | create-user."""

from sqlalchemy import func, select

from ideaboard.ideas.models import Idea
from ideaboard.people.models import OrgUnit, User
from ideaboard.people.operations import authenticate, user_by_username
from ideaboard.workflow.models import Stage


def test_init_db_is_idempotent(app):
    result = app.test_cli_runner().invoke(args=["ideaboard", "init-db"])
    assert result.exit_code == 0, result.output
    assert "latest migration" in result.output


def test_seed_demo_builds_the_demo_organisation(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["ideaboard", "seed-demo"])
    assert result.exit_code == 0, result.output
    units = db.session.scalar(select(func.count()).select_from(OrgUnit))
    districts = db.session.scalar(
        select(func.count()).select_from(OrgUnit).where(OrgUnit.kind == "district_office")
    )
    assert districts == 50
    assert units > 500
    for name in (
        "staff1",
        "staff2",
        "staff3",
        "supervisor1",
        "committee1",
        "secretariat1",
        "admin",
    ):
        assert authenticate(name, "demo-password") is not None, name
    staff1, supervisor1 = user_by_username("staff1"), user_by_username("supervisor1")
    assert supervisor1.supervises(staff1.unit)
    assert "committee" in user_by_username("committee1").role_names
    stages = set(db.session.scalars(select(Idea.stage).distinct()))
    assert {
        Stage.DRAFT,
        Stage.SUBMITTED,
        Stage.RETURNED,
        Stage.APPROVED,
        Stage.DECLINED,
        Stage.PILOTING,
        Stage.IMPLEMENTED,
    } <= stages
    # a second run refuses; --if-empty skips quietly
    assert runner.invoke(args=["ideaboard", "seed-demo"]).exit_code != 0
    skipped = runner.invoke(args=["ideaboard", "seed-demo", "--if-empty"])
    assert skipped.exit_code == 0 and "skipped" in skipped.output


def test_create_user(app, org, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=[
        "ideaboard", "create-user", "somsri", "--name", "นางสมศรี มีสุข", "--unit", "D1001-REG",
        "--supervises", "D1001-REG", "--role", "committee", "--password", "s3cret-pass",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    user = authenticate("somsri", "s3cret-pass")
    assert user.display_name == "นางสมศรี มีสุข"
    assert set(user.role_names) == {"staff", "committee", "supervisor"}


def test_create_user_refuses_bad_input_with_a_message(app, org, db):
    result = app.test_cli_runner().invoke(args=[
        "ideaboard", "create-user", "X Y", "--name", "ทดสอบ", "--unit", "NOPE", "--password", "short",
    ])  # fmt: skip
    assert result.exit_code != 0
    assert "username" in result.output and "unit" in result.output and "password" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_reindex_rebuilds_the_search_index(app, make_idea, db_session):
    from ideaboard.search.models import IdeaSearch

    idea = make_idea(stage="submitted", title="ตู้รับเอกสารอัจฉริยะ")
    with db_session() as session:
        session.query(IdeaSearch).delete()  # as after a bulk import that skipped the signals
        session.commit()
    result = app.test_cli_runner().invoke(args=["ideaboard", "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 ideas" in result.output
    with db_session() as session:
        [row] = session.query(IdeaSearch).all()
        assert row.idea_id == idea.id
        assert "อัจฉริยะ" in row.title_text
