"""``flask --app app ideaboard …``: init-db, seed-demo, generate, create-user, stages, reindex,
sweep-files, send-mail, import-roster."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import func, select

from ideaboard.core.errors import DomainError, ValidationError
from ideaboard.extensions import db


@click.group("ideaboard")
def ideaboard_cli():
    """Ideaboard administration."""


@ideaboard_cli.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the schema by running every migration."""
    upgrade()
    click.echo("Database is at the latest migration.")


@ideaboard_cli.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@with_appcontext
def seed_demo(if_empty: bool):
    """Load the demo organisation, accounts (password: demo-password) and ideas."""
    from ideaboard.demo.seed import seed
    from ideaboard.people.models import User

    if db.session.scalar(select(func.count()).select_from(User)):
        if if_empty:
            click.echo("Database already has data; demo seed skipped.")
            return
        raise click.ClickException("The database already has users; seed-demo needs an empty one.")
    summary = seed()
    db.session.commit()
    click.echo(
        f"Demo data loaded: {summary['units']} units, {summary['users']} users, "
        f"{summary['ideas']} ideas. Log in as staff1 / demo-password."
    )


@ideaboard_cli.command("generate")
@click.option("--users", default=0, type=click.IntRange(0, 1_000_000), help="Staff accounts.")
@click.option(
    "--ideas", default=0, type=click.IntRange(0, 1_000_000), help="Ideas by active staff."
)
@click.option(
    "--votes",
    default=0,
    type=click.IntRange(0, 10_000_000),
    help="Votes for ideas past the draft stage (the counters are then set from the rows).",
)
@click.option("--seed", "random_seed", default=1, help="Same seed, same data.")
@with_appcontext
def generate(users: int, ideas: int, votes: int, random_seed: int):
    """Add synthetic staff and ideas for load tests (a demo or test database only)."""
    from werkzeug.security import generate_password_hash

    from ideaboard.demo.generate import generate_ideas, generate_users, generate_votes
    from ideaboard.demo.seed import DEMO_PASSWORD

    try:
        if users:
            generate_users(users, generate_password_hash(DEMO_PASSWORD), seed=random_seed)
        if ideas:
            generate_ideas(ideas, seed=random_seed)
        if votes:
            generate_votes(votes, seed=random_seed)
    except ValueError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(
        f"Generated {users:,} users (password: {DEMO_PASSWORD}), {ideas:,} ideas and "
        f"{votes:,} votes."
    )


@ideaboard_cli.command("send-mail")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
@with_appcontext
def send_mail(once: bool):
    """Send the e-mail notifications waiting in the outbox (runs until stopped)."""
    import signal
    import threading

    from flask import current_app

    from ideaboard.notifications.worker import run

    app = current_app._get_current_object()
    stop = threading.Event()
    if not once:
        for name in (signal.SIGINT, signal.SIGTERM):  # finish the round, then stop
            signal.signal(name, lambda *_: stop.set())
    run(app, once=once, stop=stop, echo=click.echo)


@ideaboard_cli.command("stages")
@with_appcontext
def stages():
    """Print the stage transition table."""
    from flask import current_app
    from flask_babel import force_locale

    from ideaboard.workflow.transitions import diagram

    with current_app.test_request_context(), force_locale("en"):  # one language, as printed
        click.echo(diagram())


@ideaboard_cli.command("create-user")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Full name as staff know it.")
@click.option("--unit", "unit_code", required=True, help="Unit code, e.g. D1001-REG.")
@click.option("--position", default="", help="Job title.")
@click.option("--email", default=None)
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(["admin", "secretariat", "committee"]),
    help="Repeatable.",
)
@click.option("--supervises", multiple=True, help="Unit code the user supervises; repeatable.")
@click.option("--locale", default="th", type=click.Choice(["th", "en"]))
@click.password_option(help="Prompted (twice) when not given.")
@with_appcontext
def create_user(
    username, display_name, unit_code, position, email, roles, supervises, locale, password
):
    """Create an account (written to the audit log as done from the command line)."""
    from ideaboard.admin.audit import record_audit
    from ideaboard.people.operations import create_user as create

    try:
        user = create(
            username,
            password,
            display_name,
            unit_code,
            position=position,
            email=email,
            roles=roles,
            supervises=supervises,
            locale=locale,
        )
    except ValidationError as error:
        db.session.rollback()
        details = "; ".join(f"{field}: {message}" for field, message in error.fields.items())
        raise click.ClickException(details) from None
    record_audit(None, "person.create", user, {
        "username": (None, user.username), "display_name": (None, user.display_name),
        "unit": (None, user.unit.code), "roles": (None, sorted(str(r.role) for r in user.roles)),
        "supervises": (None, sorted(s.unit.code for s in user.supervisions)),
        "password": (None, "set"),
    })  # fmt: skip
    db.session.commit()
    click.echo(f"Created {user.username} ({', '.join(user.role_names)}).")


@ideaboard_cli.command("reindex")
@with_appcontext
def reindex():
    """Rebuild the search index of every idea (after a bulk import, or to repair it)."""
    import time

    from ideaboard.search.index import rebuild

    started = time.perf_counter()
    count = rebuild(db.session.connection())
    db.session.commit()
    click.echo(f"Search index rebuilt: {count} ideas in {time.perf_counter() - started:.1f} s.")


@ideaboard_cli.command("sweep-files")
@click.option(
    "--older-than-hours",
    default=24.0,
    show_default=True,
    help="Leave files stored more recently alone (uploads still being saved).",
)
@with_appcontext
def sweep_files(older_than_hours: float):
    """Remove stored files that no attachment names (left by a crash mid-upload)."""
    from ideaboard.files.operations import sweep_orphans

    removed = sweep_orphans(older_than=older_than_hours * 3600)
    click.echo(f"Removed {len(removed)} stored file(s) that no attachment names.")


@ideaboard_cli.command("import-roster")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only report what an import would do; write nothing.")
@click.option(
    "--deactivate-missing",
    is_flag=True,
    help="Also deactivate active people the file does not name (administrators excepted).",
)
@click.option("--lang", default="th", type=click.Choice(["th", "en"]), help="Report language.")
@click.option("--verbose", "-v", is_flag=True, help="List every change and every new person.")
@with_appcontext
def import_roster(file: Path, dry_run: bool, deactivate_missing: bool, lang, verbose):
    """Import the HR roster FILE (.csv or .xlsx) and print the report; --dry-run only reports.

    Exit status: 0 when every row is fine, 3 when some rows were rejected (the other rows
    were imported unless --dry-run), 1 when the file cannot be used (nothing was imported)."""
    from flask import current_app
    from flask_babel import force_locale

    from ideaboard.roster.messages import file_error_text
    from ideaboard.roster.models import ImportSource
    from ideaboard.roster.operations import import_roster as run
    from ideaboard.roster.reading import RosterFile, RosterFileError
    from ideaboard.roster.report_text import report_lines

    with current_app.test_request_context(), force_locale(lang):
        try:
            roster = RosterFile.from_path(file)
            record, report = run(
                roster,
                apply=not dry_run,
                by=None,
                source=ImportSource.CLI,
                deactivate_missing=deactivate_missing,
                keep=None,
            )
        except RosterFileError as error:
            db.session.rollback()
            raise click.ClickException(file_error_text(error.code, error.params)) from None
        except DomainError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from None
        db.session.commit()
        for line in report_lines(record, report, verbose=verbose):
            click.echo(line)
    if report.rejected:
        click.get_current_context().exit(3)
