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
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from ideaboard.core.dates import utcnow
from ideaboard.core.errors import ValidationError
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
    if user is None:
        # spend the same time as a real check, so timing does not reveal who exists
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
    user.session_epoch = (user.session_epoch or 1) + 1


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, days: int = 90) -> str:
    """A new bearer token for ``user``; the clear text is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(user=user, token_hash=_digest(token), expires_at=utcnow() + timedelta(days=days))
    )
    db.session.flush()
    return token


def user_for_token(token: str) -> User | None:
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if record is None:
        return None
    expires = record.expires_at
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    if expires < utcnow() or not record.user.active:
        return None
    return record.user
