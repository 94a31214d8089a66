"""Configuration: defaults → ``instance/config.py`` → environment → explicit overrides."""

import os

from flask import Flask


class ConfigError(RuntimeError):
    """The configuration cannot run safely (e.g. no SECRET_KEY in production)."""


# Scripts, styles, images, fonts and fetches from this origin only: no inline script,
# on…= handler or style="…" attribute runs, no page may frame Ideaboard. Nothing uses
# data: images or another origin today; a deployment may tighten this, and loosening it
# needs a reason written next to the change.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": None,  # filled in below: SQLite under instance/
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SECRET_KEY": None,
    "SMTP_URL": None,  # e-mail notifications when set (ideaboard/notifications/mail.py)
    "MAIL_FROM": "Ideaboard <ideaboard@localhost>",
    "BASE_URL": None,  # e.g. https://ideaboard.bangkok.go.th: the links in e-mails
    "MAIL_MAX_ATTEMPTS": 8,  # then the e-mail is left as failed
    "MAIL_RETRY_SECONDS": 60,  # the wait after a failed attempt, doubled after each
    "MAIL_LEASE_SECONDS": 300,  # a worker that claimed an e-mail and died: retried after this
    "MAIL_POLL_SECONDS": 5,  # how often the worker looks for e-mail to send
    "MAIL_BATCH": 20,  # e-mails claimed at once by one worker
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "RATELIMIT_LOGIN": "10 per minute",
    "RATELIMIT_PASSWORD_CHANGE": "5 per 15 minutes",  # refused attempts, per account
    "BABEL_DEFAULT_LOCALE": "th",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Bangkok",
    "LANGUAGES": ("th", "en"),
    "IDEAS_PER_PAGE": 20,  # default page size of the lists (the API's limit= overrides)
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,
    "API_TOKEN_DAYS": 90,
    "PASSWORD_HASH_METHOD": "scrypt",
    "PROXY_HOPS": 0,  # reverse proxies in front of the app (for the client address)
    "SESSION_COOKIE_SECURE": False,  # set True (env SESSION_COOKIE_SECURE=1) behind HTTPS
    "REMEMBER_COOKIE_SECURE": False,  # the test suite uses a cheap one for speed
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    # Attached files (ideaboard/files): stored outside the web root, under made-up names.
    "FILE_STORAGE": "ideaboard.files.storage:LocalStorage",  # "module:Class" with from_app()
    "UPLOAD_FOLDER": None,  # LocalStorage's folder; default: instance/uploads
    "MAX_ATTACHMENT_BYTES": 20 * 1024 * 1024,  # one file
    "MAX_UPLOAD_BYTES": 64 * 1024 * 1024,  # a whole request that carries files (else the above)
    "MAX_FILES_PER_UPLOAD": 10,
    "MAX_ATTACHMENTS_PER_IDEA": 20,
    "MAX_IMAGE_PIXELS": 60_000_000,  # a photo decodes to about 4 bytes a pixel
    # Security headers on every response (ideaboard/core/security.py); an empty value drops one.
    "CONTENT_SECURITY_POLICY": CONTENT_SECURITY_POLICY,
    "REFERRER_POLICY": "strict-origin-when-cross-origin",
    "STRICT_TRANSPORT_SECURITY": "max-age=31536000",  # sent only on HTTPS requests
}

ENVIRONMENT = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "SMTP_URL": "SMTP_URL",
    "MAIL_FROM": "MAIL_FROM",
    "BASE_URL": "BASE_URL",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "PROXY_HOPS": "PROXY_HOPS",
    "CONTENT_SECURITY_POLICY": "CONTENT_SECURITY_POLICY",
    "UPLOAD_FOLDER": "UPLOAD_FOLDER",
    "FILE_STORAGE": "FILE_STORAGE",
}
FLAGS = ("SESSION_COOKIE_SECURE",)  # environment "1"/"true" → True


def normalise_database_url(url: str) -> str:
    """Send plain ``postgres://`` / ``postgresql://`` URLs to the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load(app: Flask, overrides: dict | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    for env_name, key in ENVIRONMENT.items():
        if os.environ.get(env_name):
            app.config[key] = os.environ[env_name]
    for flag in FLAGS:
        if os.environ.get(flag):
            secure = os.environ[flag].strip().lower() in ("1", "true", "yes")
            app.config[flag] = app.config["REMEMBER_COOKIE_SECURE"] = secure
    if overrides:
        app.config.from_mapping(overrides)

    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
            app.instance_path, "ideaboard.sqlite"
        )
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )

    if not app.config["SECRET_KEY"]:
        if app.debug or app.testing:
            app.config["SECRET_KEY"] = "development-only-not-secret"
        else:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable or put "
                "SECRET_KEY = '...' in instance/config.py (make run writes a random one)."
            )
