import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def get_engine():
    return current_app.extensions["migrate"].db.engine


def get_engine_url():
    return get_engine().url.render_as_string(hide_password=False).replace("%", "%%")


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option("sqlalchemy.url", get_engine_url())
target_db = current_app.extensions["migrate"].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, "metadatas"):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=get_metadata(), literal_binds=True)

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = current_app.extensions["migrate"].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives
    # search indexes the ORM cannot declare (FTS5 tables, GIN operator classes) are the
    # migrations' alone: autogenerate must not offer to drop them
    from ideaboard.search.models import include_name

    conf_args.setdefault("include_name", include_name)

    connectable = get_engine()

    with connectable.connect() as connection:
        if connection.dialect.name == "sqlite":
            run_on_sqlite(connection, conf_args)
            return
        context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)

        with context.begin_transaction():
            context.run_migrations()


class DanglingReferences(RuntimeError):
    """The migration would leave rows pointing at parents that do not exist."""


def run_on_sqlite(connection, conf_args):
    """Run the migrations on SQLite as one transaction, references checked at the end.

    Batch mode recreates a table (copy, drop, rename): with references enforced, dropping
    the old table would delete the rows that cascade from it or be refused. So enforcement
    is off for the run (``PRAGMA foreign_keys`` cannot change inside a transaction: it is
    set before the transaction begins) and on again after, and the run commits only when
    ``PRAGMA foreign_key_check`` finds no dangling reference. The driver is told not to
    manage transactions itself, so the DDL is inside the one ``BEGIN`` … ``COMMIT`` too.
    """
    driver = connection.connection.driver_connection
    driver_isolation = driver.isolation_level
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    driver.isolation_level = None
    try:
        connection.exec_driver_sql("BEGIN")
        # the connection is in a transaction now: Alembic leaves committing to us
        context.configure(
            connection=connection,
            target_metadata=get_metadata(),
            **{**conf_args, "transactional_ddl": True},
        )
        with context.begin_transaction():
            context.run_migrations()
        dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if dangling:
            found = ", ".join(
                f"{table} row {rowid} → {parent}" for table, rowid, parent, _ in dangling[:10]
            )
            raise DanglingReferences(
                f"migration refused: {len(dangling)} row(s) point at missing parents ({found})"
            )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        driver.isolation_level = driver_isolation
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
