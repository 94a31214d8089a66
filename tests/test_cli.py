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
        Stage.MERGED,
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


def test_generate_adds_staff_and_ideas_that_pages_show(app, db_session, login):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["ideaboard", "seed-demo"]).exit_code == 0
    with db_session() as session:
        before = session.scalar(select(func.count()).select_from(Idea))

    result = runner.invoke(args=["ideaboard", "generate", "--users", "40", "--ideas", "120"])

    assert result.exit_code == 0, result.output
    assert "40 users" in result.output and "120 ideas" in result.output
    assert "0 votes" in result.output
    with db_session() as session:
        generated = session.scalars(select(User).where(User.username.like("gen%"))).all()
        assert len(generated) == 40
        assert all(user.unit.children == [] for user in generated)  # people sit in sections
        assert authenticate("gen00040", "demo-password") is not None
        assert session.scalar(select(func.count()).select_from(Idea)) == before + 120
    # a second run continues the numbering instead of colliding
    again = runner.invoke(args=["ideaboard", "generate", "--users", "2"])
    assert again.exit_code == 0, again.output
    with db_session():
        assert user_by_username("gen00042") is not None
    # what it made reads like typed-in data
    response = login("gen00001", "demo-password").get("/api/v1/ideas?limit=50")
    assert response.status_code == 200
    assert len(response.get_json()["items"]) == 50


def test_generate_without_an_organisation_says_what_to_do_first(app, db):
    result = app.test_cli_runner().invoke(args=["ideaboard", "generate", "--users", "5"])
    assert result.exit_code != 0
    assert "seed-demo" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_generate_refuses_negative_counts(app, db):
    result = app.test_cli_runner().invoke(args=["ideaboard", "generate", "--ideas", "-3"])
    assert result.exit_code == 2
    assert "-3" in result.output


def test_generate_votes_leaves_counters_equal_to_the_rows(app, db_session):
    from ideaboard.engagement.models import Vote

    runner = app.test_cli_runner()
    assert runner.invoke(args=["ideaboard", "seed-demo"]).exit_code == 0
    result = runner.invoke(
        args=["ideaboard", "generate", "--users", "30", "--ideas", "60", "--votes", "500"]
    )
    assert result.exit_code == 0, result.output
    assert "500 votes" in result.output
    with db_session() as session:
        ideas = session.execute(select(Idea.id, Idea.vote_count, Idea.author_id)).all()
        counted = {
            idea_id: n
            for idea_id, n in session.execute(
                select(Vote.idea_id, func.count()).group_by(Vote.idea_id)
            )
        }
        assert sum(counted.values()) == 500 + 85  # the demo's own votes stay
        assert {i.id: i.vote_count for i in ideas} == {i.id: counted.get(i.id, 0) for i in ideas}
        own = session.scalar(
            select(func.count()).select_from(Vote).join(Idea, Idea.id == Vote.idea_id)
            .where(Vote.user_id == Idea.author_id)
        )  # fmt: skip
        assert own == 0
    too_many = runner.invoke(args=["ideaboard", "generate", "--votes", "9000000"])
    assert too_many.exit_code != 0 and "do not fit" in too_many.output


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
