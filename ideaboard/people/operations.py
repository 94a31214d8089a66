"""The only code that writes people, units and tokens. Never commits."""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from datetime import UTC, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.security import check_password_hash, generate_password_hash

from ideaboard.core.dates import utcnow
from ideaboard.core.errors import NotFound, ValidationError
from ideaboard.core.text import normalise
from ideaboard.extensions import db
from ideaboard.people.models import (
    ApiToken,
    OrgUnit,
    Role,
    UnitKind,
    UnitSupervisor,
    User,
    UserRole,
)
from ideaboard.people.passwords import password_problem
from ideaboard.signals import api_token_issued, api_token_revoked, password_changed

USERNAME_PATTERN = re.compile(r"^[a-z0-9_.-]{3,64}$")
UNIT_CODE_PATTERN = re.compile(r"^[A-Z0-9-]{1,40}$")
MIN_PASSWORD_LENGTH = 8


def unit_by_code(code: str) -> OrgUnit | None:
    if not isinstance(code, str) or not UNIT_CODE_PATTERN.match(code):
        return None  # cannot exist; also keeps NUL and the like away from the database
    return db.session.scalar(select(OrgUnit).where(OrgUnit.code == code))


def user_by_username(username: str) -> User | None:
    username = username.strip().lower() if isinstance(username, str) else ""
    if not USERNAME_PATTERN.match(username):
        return None
    return db.session.scalar(select(User).where(User.username == username))


def create_unit(
    code: str, parent_code: str | None, kind: str, name_th: str, name_en: str = ""
) -> OrgUnit:
    if not UNIT_CODE_PATTERN.match(code or ""):
        raise ValidationError(fields={"code": _l("Use capital letters, digits and '-' only.")})
    if unit_by_code(code):
        raise ValidationError(fields={"code": _l("This unit code is already used.")})
    parent = None
    if parent_code:
        parent = unit_by_code(parent_code)
        if parent is None:
            raise ValidationError(fields={"parent": _l("No unit has this code.")})
        if parent.is_closed:
            raise ValidationError(fields={"parent": _l("This unit is closed.")})
    unit = OrgUnit(
        code=code,
        parent=parent,
        kind=UnitKind(kind),
        name_th=name_th.strip(),
        name_en=(name_en or "").strip(),
        path=(parent.path if parent else "/") + code + "/",
        depth=(parent.depth + 1) if parent else 0,
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def create_user(
    username: str,
    password: str,
    display_name: str,
    unit_code: str,
    *,
    position: str = "",
    email: str | None = None,
    roles: list[str] | tuple = (),
    supervises: list[str] | tuple = (),
    locale: str = "th",
) -> User:
    username = (username or "").strip().lower()
    errors = {}
    if not USERNAME_PATTERN.match(username):
        errors["username"] = _l(
            "3–64 characters: lower-case letters, digits, dot, dash or underscore."
        )
    elif user_by_username(username):
        errors["username"] = _l("This username is taken.")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors["password"] = _("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH)
    if not (display_name or "").strip():
        errors["display_name"] = _l("Please enter a name.")
    unit = unit_by_code(unit_code or "")
    if unit is None:
        errors["unit"] = _l("No unit has this code.")
    elif unit.is_closed:
        errors["unit"] = _l("This unit is closed.")
    supervised = [unit_by_code(code) for code in supervises]
    if any(s is None for s in supervised):
        errors["supervises"] = _l("No unit has this code.")
    try:
        granted = [Role(role) for role in roles]
    except ValueError:
        errors["roles"] = _l("Unknown role.")
    if locale not in ("th", "en"):
        errors["locale"] = _l("Choose Thai or English.")
    if errors:
        raise ValidationError(fields=errors)

    user = User(
        username=username,
        display_name=display_name.strip(),
        position=(position or "").strip(),
        email=email,
        unit=unit,
        locale=locale,
        active=True,
    )
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    user.roles = [UserRole(role=role) for role in granted]
    user.supervisions = [UnitSupervisor(unit=u) for u in supervised]
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None (same answer for every failure)."""
    user = user_by_username(username or "")
    if user is None or not user.has_usable_password:
        # spend the same time as a real check, so timing does not reveal who exists (or
        # who has no password yet)
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash(
        secrets.token_hex(8), method=current_app.config["PASSWORD_HASH_METHOD"]
    )


def set_locale(user: User, locale: str) -> None:
    if locale in ("th", "en"):
        user.locale = locale


def revoke_tokens(user: User) -> int:
    """Delete every API token of ``user``; returns how many there were."""
    result = db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    return result.rowcount or 0


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie of ``user`` stops working (``people.auth``).
    To keep the caller's own session, log them in again after the commit."""
    user.session_version = (user.session_version or 0) + 1


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


MAX_TOKEN_NAME = 100
TOKEN_USE_PRECISION = timedelta(hours=1)  # last_used_at is written at most this often


def change_password(user: User, current: str, new: str, again: str) -> int:
    """The person's own password change; returns how many API tokens were revoked with it.

    Every problem is named on its field at once (the current password is checked first:
    a wrong one says nothing about the new). Afterwards the sessions and remember-me cookies
    made before stop working (``session_version``), and so do the person's API tokens: one
    could have been made with the old password by whoever knew it.
    """
    if not user.check_password(current or ""):
        raise ValidationError(fields={"current_password": _l("This is not your current password.")})
    errors = {}
    problem = password_problem(new or "", username=user.username, names=(user.display_name,))
    if problem:
        errors["new_password"] = problem
    elif new == current:
        errors["new_password"] = _l("Choose a password different from your current one.")
    if new != again:
        errors["new_password_again"] = _l("The two new passwords are not the same.")
    if errors:
        raise ValidationError(fields=errors)
    user.set_password(new, current_app.config["PASSWORD_HASH_METHOD"])
    user.session_version = (user.session_version or 0) + 1
    user.password_changed_at = utcnow()
    revoked = db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id)).rowcount
    db.session.flush()
    password_changed.send(user, revoked_tokens=revoked)
    return revoked


def token_name(name) -> str:
    """A token's name as given, tidied; a 422 on ``name`` when it is empty or too long."""
    name = normalise(" ".join(str(name or "").replace("\x00", "").split()))
    if not name:
        raise ValidationError(fields={"name": _l("Give the token a name, e.g. what will use it.")})
    if len(name) > MAX_TOKEN_NAME:
        raise ValidationError(fields={"name": _("At most %(n)d characters.", n=MAX_TOKEN_NAME)})
    return name


def issue_token(user: User, days: int = 90, name: str = "") -> str:
    """A new bearer token for ``user``; the clear text is returned once and never stored.
    The owner's expired tokens are cleared away at the same time."""
    now = utcnow()
    db.session.execute(
        delete(ApiToken).where(ApiToken.user_id == user.id, ApiToken.expires_at < now)
    )
    token = secrets.token_urlsafe(32)
    record = ApiToken(
        user=user, token_hash=_digest(token), expires_at=now + timedelta(days=days), name=name
    )
    db.session.add(record)
    db.session.flush()
    api_token_issued.send(record, user=user)
    return token


def token_of(user: User, token_id) -> ApiToken:
    """One of ``user``'s own tokens; anybody else's, or none, is a 404 (not a 403: it does
    not say that the id exists)."""
    known = isinstance(token_id, int) and 0 < token_id < 2**31  # an id the column can hold
    record = db.session.get(ApiToken, token_id) if known else None
    if record is None or record.user_id != user.id:
        raise NotFound(_l("You have no API token with this number."))
    return record


def revoke_token(user: User, token_id) -> ApiToken:
    record = token_of(user, token_id)
    db.session.delete(record)
    db.session.flush()
    api_token_revoked.send(record, user=user)
    return record


def token_record(token: str) -> ApiToken | None:
    """The live token with this clear text, or None (unknown, expired, inactive owner)."""
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if record is None or record.is_expired(utcnow()) or not record.user.active:
        return None
    return record


def note_token_use(record: ApiToken) -> bool:
    """Record that the token was used now, if its last recorded use is an hour old or more
    (one small UPDATE an hour per token, never one per API call). True if written."""
    now = utcnow()
    last = record.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    if last is not None and now - last < TOKEN_USE_PRECISION:
        return False
    written = db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == record.id)
        .where(
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - TOKEN_USE_PRECISION)
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    set_committed_value(record, "last_used_at", now)  # as written: nothing left to flush
    return bool(written)


def user_for_token(token: str) -> User | None:
    record = token_record(token)
    return record.user if record else None
