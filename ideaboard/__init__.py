"""Ideaboard: staff log a เอ๊ะ, measure the step diff, and carry the best to the award."""

from pathlib import Path

from flask import Flask, request

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides everything (tests use it)."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from ideaboard import config as config_module

    config_module.load(app, config)
    register_proxy(app)
    register_extensions(app)
    register_listeners(app)
    register_blueprints(app)
    register_rate_limits(app)
    register_cli(app)
    register_template_helpers(app)
    register_security_headers(app)
    register_warm_up(app)
    return app


def register_proxy(app: Flask) -> None:
    """Behind N trusted reverse proxies, read the client address from X-Forwarded-For."""
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app: Flask) -> None:
    from ideaboard.core import database, i18n
    from ideaboard.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)

    from ideaboard.core import auth
    from ideaboard.people import auth as people_auth

    auth.init_app(app)
    people_auth.init_app(app)


def register_listeners(app: Flask) -> None:
    """Import the modules whose functions listen to ``ideaboard.signals``."""
    import ideaboard.admin.listeners  # noqa: F401
    import ideaboard.core.transactions  # noqa: F401  (after-commit work)
    import ideaboard.engagement.listeners  # noqa: F401
    import ideaboard.files.listeners  # noqa: F401
    import ideaboard.notifications.listeners  # noqa: F401
    import ideaboard.search.listeners  # noqa: F401
    import ideaboard.workflow.listeners  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from ideaboard.admin.views import admin
    from ideaboard.api import api
    from ideaboard.core.views import core
    from ideaboard.engagement.views import engagement
    from ideaboard.files.views import files
    from ideaboard.ideas.views import ideas
    from ideaboard.notifications.views import notifications
    from ideaboard.people.views import people
    from ideaboard.roster.views import roster
    from ideaboard.workflow.views import review

    app.register_blueprint(core)
    app.register_blueprint(people)
    app.register_blueprint(ideas)
    app.register_blueprint(engagement)
    app.register_blueprint(files)
    app.register_blueprint(notifications)
    app.register_blueprint(review)
    app.register_blueprint(admin)
    app.register_blueprint(api)
    app.register_blueprint(roster)

    from ideaboard.core import errors

    errors.register_handlers(app)


def register_rate_limits(app: Flask) -> None:
    """One limiter per app (its settings are per app), on the password endpoints.

    Attempts are counted per address *and* username, so a district office behind one NAT
    address is not locked out by one colleague's typos.
    """
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    def login_attempt_key() -> str:
        body = request.get_json(silent=True) if request.is_json else None
        username = (body or {}).get("username") if isinstance(body, dict) else None
        username = username or request.form.get("username") or ""
        return f"{get_remote_address()}|{str(username).strip().lower()[:64]}"

    limiter = Limiter(key_func=login_attempt_key, app=app, default_limits=[])
    app.extensions["ideaboard.limiter"] = limiter  # the limiter holds itself weakly

    def login_limit() -> str:
        return app.config["RATELIMIT_LOGIN"]

    for endpoint in ("people.login", "api.create_token"):
        app.view_functions[endpoint] = limiter.limit(login_limit, methods=["POST"])(
            app.view_functions[endpoint]
        )

    # changing one's password: refused attempts count per account (a stolen session must not
    # become a way to guess the password); a change that succeeds does not count
    from flask_login import current_user

    from ideaboard.people.account import password_change_paused

    def account_key() -> str:
        who = current_user.id if current_user.is_authenticated else get_remote_address()
        return f"password-change|{who}"

    app.view_functions["people.change_own_password"] = limiter.limit(
        lambda: app.config["RATELIMIT_PASSWORD_CHANGE"],
        key_func=account_key,
        methods=["POST"],
        deduct_when=lambda response: response.status_code != 302,
        on_breach=password_change_paused,
    )(app.view_functions["people.change_own_password"])


def register_cli(app: Flask) -> None:
    from ideaboard.cli import ideaboard_cli

    app.cli.add_command(ideaboard_cli)


def register_template_helpers(app: Flask) -> None:
    from ideaboard.core import templating

    templating.init_app(app)


def register_security_headers(app: Flask) -> None:
    from ideaboard.core import security

    security.init_app(app)


def register_warm_up(app: Flask) -> None:
    """Load the Thai word dictionary in the background when serving (not under tests), so
    the first step diff a user opens is as quick as the rest."""
    if app.testing or app.config.get("SKIP_WARM_UP"):
        return
    import threading

    from ideaboard.ideas.diff import warm_up

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
