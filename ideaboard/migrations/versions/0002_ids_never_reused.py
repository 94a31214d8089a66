"""ids never reused: SQLite AUTOINCREMENT on every table whose ids history hangs on

Without AUTOINCREMENT, SQLite hands the highest freed rowid to the next row: a deleted
draft's id went to the next idea, and the history rows left behind showed on it. The tables
are recreated (batch mode copies every row with its id; SQLite's counter starts from the
highest id copied). PostgreSQL sequences never give an id twice: nothing to do there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 11:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# parents before children; env.py runs this with references unenforced and checks them after.
# A later migration that recreates one of these tables in batch mode must pass
# table_kwargs={"sqlite_autoincrement": True} (tests/test_migrations.py checks the result).
TABLES = ("org_units", "users", "api_tokens", "ideas", "idea_steps", "stage_events")


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade():
    _recreate(autoincrement=True)


def downgrade():
    _recreate(autoincrement=False)
