"""E-mail: the mail server from ``SMTP_URL``, a notification put in words for one person (in
their language, with a link to the idea), and the message as it goes over SMTP.

``SMTP_URL`` forms::

    smtp://host[:25]                      plain (a relay on the local network)
    smtp+starttls://user:pass@host[:587]  STARTTLS, then log in (``smtp://…?starttls=1`` too)
    smtps://user:pass@host[:465]          TLS from the start

A user name or password with ``@ : / %`` in it is percent-encoded (``p%40ss``). ``?timeout=``
sets the seconds to wait for the server (default 10).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, has_request_context, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _

from ideaboard.core.dates import format_datetime

SCHEMES = {"smtp": ("plain", 25), "smtp+starttls": ("starttls", 587), "smtps": ("tls", 465)}
TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "plain", "starttls" or "tls"
    username: str | None = None
    password: str | None = None
    timeout: float = 10.0


def parse_smtp_url(url: str) -> SmtpSettings:
    """The settings in ``url``; ValueError saying what is wrong."""
    parts = urlsplit(url.strip())
    if parts.scheme not in SCHEMES:
        raise ValueError(
            f"SMTP_URL must start with smtp://, smtp+starttls:// or smtps:// (got {parts.scheme!r})"
        )
    if not parts.hostname:
        raise ValueError("SMTP_URL names no host, e.g. smtp+starttls://user:pass@mail.example:587")
    security, port = SCHEMES[parts.scheme]
    query = parse_qs(parts.query)
    if security == "plain" and query.get("starttls", [""])[0].lower() in TRUE:
        security = "starttls"
    try:
        port = parts.port or port
        timeout = float(query.get("timeout", ["10"])[0])
    except ValueError:
        raise ValueError("SMTP_URL has a port or timeout that is not a number") from None
    return SmtpSettings(
        host=parts.hostname,
        port=port,
        security=security,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        timeout=timeout,
    )


def smtp_settings() -> SmtpSettings | None:
    """The configured mail server, or None when ``SMTP_URL`` is not set (no e-mail)."""
    url = current_app.config.get("SMTP_URL")
    return parse_smtp_url(url) if url else None


def check_config(app) -> None:
    """Refuse to start with an ``SMTP_URL`` or ``MAIL_FROM`` that cannot work."""
    from ideaboard.config import ConfigError

    if app.config.get("SMTP_URL"):
        try:
            parse_smtp_url(app.config["SMTP_URL"])
        except ValueError as error:
            raise ConfigError(str(error)) from None
    if "@" not in parseaddr(app.config.get("MAIL_FROM") or "")[1]:
        raise ConfigError("MAIL_FROM must be an address, e.g. 'Ideaboard <ideaboard@example.org>'")


def base_url() -> str:
    """Where links in e-mails point: ``BASE_URL``, else the address of this request."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return "http://127.0.0.1:5000"


# -- a notification in words ----------------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    to_address: str
    subject: str
    body: str


def write_letter(person, *, what: str, idea, link: str, excerpt: str | None, label: str, at):
    """The e-mail telling ``person`` (in their language) ``what`` happened to ``idea``.

    ``what`` and ``label`` are functions giving text in the current locale, so each person's
    letter is worded in their own language."""
    root = base_url()
    with force_locale(person.locale or "th"):
        sentence = what()
        subject = _("%(what)s: %(title)s", what=sentence, title=idea.title)
        body = render_template(
            "notifications/email.txt",
            person=person,
            sentence=sentence,
            idea=idea,
            link=root + link,
            excerpt=excerpt,
            label=label() if excerpt else "",
            when=format_datetime(at, person.locale or "th"),
            settings_link=root + "/notifications/settings",
        )
    return Letter(person.email, " ".join(subject.split())[:400], body)


# -- over SMTP -------------------------------------------------------------------------------


def message(letter, sender: str) -> EmailMessage:
    """The e-mail as sent: UTF-8 (the subject encoded for any server), plain text."""
    mail = EmailMessage()
    mail["Subject"] = letter.subject
    mail["From"] = sender
    mail["To"] = letter.to_address
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    mail["Auto-Submitted"] = "auto-generated"  # no out-of-office replies, please
    mail.set_content(letter.body, cte="base64")  # safe on servers without 8BITMIME
    return mail


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in connection to the mail server (OSError / SMTPException if not)."""
    context = ssl.create_default_context()
    if settings.security == "tls":
        smtp = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp
