"""The only code that changes people from the admin pages. Each operation checks that the
actor administers, claims the person's version (a stale page is refused), changes, records
the audit entry and sends ``person_updated``; it flushes and never commits."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard import signals
from ideaboard.admin.audit import record_audit
from ideaboard.admin.rules import (
    claim_person,
    ensure_an_admin_remains,
    read_version,
    require_admin,
    serialise,
)
from ideaboard.admin.validation import (
    EMAIL_PATTERN,
    NEW_PERSON,
    PASSWORD,
    PROFILE,
)
from ideaboard.core.errors import Conflict, ValidationError
from ideaboard.core.schema import FORM, Object
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit, Role, UnitSupervisor, User, UserRole
from ideaboard.people.operations import (
    USERNAME_PATTERN,
    create_user,
    end_sessions,
    revoke_tokens,
    unit_by_code,
    user_by_username,
)
from ideaboard.people.passwords import password_problem

# readable aloud and typed from paper: no 0/o, 1/l/i
GENERATED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PROFILE_FIELDS = ("display_name", "position", "email", "unit", "locale")


def pick(data: Mapping, declaration: Object) -> dict:
    """The declared fields of a form's data (the form also sends its CSRF token, buttons…)."""
    return {name: data[name] for name in declaration.names if name in data}


def generate_password() -> str:
    """Four groups of four, e.g. ``k7m2-p9xq-4tae-hn3w`` (about 79 bits)."""
    groups = ("".join(secrets.choice(GENERATED_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def new_password(
    data: Mapping, *, generate: bool, username: str, names: tuple[str, ...] = ()
) -> tuple[str, bool]:
    """The password to set, and whether it was generated. Typed: twice, the same, and one
    the person could choose themselves (``people.passwords``: long enough, not their
    username or name, not easy to guess)."""
    if generate:
        return generate_password(), True
    clean = PASSWORD.load(pick(data, PASSWORD), FORM)
    password, confirm = clean["password"], clean["confirm"]
    errors = {}
    problem = password_problem(password, username=username, names=names)
    if problem:
        errors["password"] = problem
    elif password != confirm:
        errors["confirm"] = _l("The two passwords are not the same.")
    if errors:
        raise ValidationError(fields=errors)
    return password, False


def _open_unit(code: str, errors: dict, *, keep: OrgUnit | None = None) -> OrgUnit | None:
    """The unit with this code if people may join it (``keep``: the one they are in now)."""
    unit = unit_by_code(code.upper())
    if unit is None:
        errors["unit"] = _l("No unit has this code.")
    elif unit.is_closed and unit != keep:
        errors["unit"] = _l("This unit is closed.")
    return unit


def _email(value: str, errors: dict) -> str | None:
    if not value:
        return None
    if not EMAIL_PATTERN.match(value):
        errors["email"] = _l("This does not look like an e-mail address (name@example.go.th).")
    return value


def _profile(user: User) -> dict:
    return {
        "display_name": user.display_name,
        "position": user.position,
        "email": user.email,
        "unit": user.unit.code,
        "locale": user.locale,
    }


def _announce(user: User, actor: User, changes: dict) -> None:
    signals.person_updated.send(user, by=actor, changes=changes)


def create_person(actor: User, data: Mapping, *, generate: bool) -> tuple[User, str | None]:
    """A new active account (staff; roles are granted afterwards). Returns the person and
    the generated password (shown once, stored nowhere), or None when one was typed."""
    require_admin(actor)
    errors: dict = {}
    try:
        clean = NEW_PERSON.load(pick(data, NEW_PERSON), FORM)
    except ValidationError as error:
        errors.update(error.fields)
        clean = None
    else:
        clean["username"] = clean["username"].lower()
        if not USERNAME_PATTERN.match(clean["username"]):
            errors["username"] = _l(
                "3–64 characters: lower-case letters, digits, dot, dash or underscore."
            )
        elif user_by_username(clean["username"]):
            errors["username"] = _l("This username is taken.")
    try:
        password, generated = new_password(
            data,
            generate=generate,
            username=str(data.get("username") or ""),
            names=(str(data.get("display_name") or ""),),
        )
    except ValidationError as error:
        errors.update(error.fields)
        password, generated = None, False
    if clean is not None:
        email = _email(clean["email"], errors)
        serialise("org_tree")  # the unit cannot close while the person joins it
        _open_unit(clean["unit"], errors)
    if errors:
        raise ValidationError(fields=errors)
    user = create_user(
        clean["username"],
        password,
        clean["display_name"],
        clean["unit"].upper(),
        position=clean["position"],
        email=email,
        locale=clean["locale"],
    )  # checks the username (shape, taken) and the unit
    record_audit(
        actor,
        "person.create",
        user,
        {"username": (None, user.username)}
        | {name: (None, value) for name, value in _profile(user).items()}
        | {"password": (None, "set")},
    )
    return user, (password if generated else None)


def update_person(actor: User, user: User, data: Mapping, version) -> dict:
    """Change the profile; returns the changes (field → before, after), empty when the form
    changed nothing (then nothing is written)."""
    require_admin(actor)
    if read_version(version) != user.version:
        raise Conflict(_l("Someone else changed this person since you opened the page."))
    clean = PROFILE.load(pick(data, PROFILE), FORM)
    errors: dict = {}
    email = _email(clean["email"], errors)
    wanted = {**clean, "email": email, "unit": clean["unit"].upper()}
    before = _profile(user)
    changes = {name: (before[name], wanted[name]) for name in PROFILE_FIELDS
               if before[name] != wanted[name]}  # fmt: skip
    unit = None
    if "unit" in changes:
        serialise("org_tree")
        unit = _open_unit(wanted["unit"], errors, keep=user.unit)
    if errors:
        raise ValidationError(fields=errors)
    if not changes:
        return {}
    claim_person(user, version)
    for name in ("display_name", "position", "email", "locale"):
        setattr(user, name, wanted[name])
    if unit is not None:
        user.unit = unit
    db.session.flush()
    record_audit(actor, "person.update", user, changes)
    _announce(user, actor, changes)
    return changes


def deactivate_person(actor: User, user: User, version) -> int:
    """The person can no longer log in; their sessions and API tokens stop working at once
    (the tokens are deleted). Their ideas, votes and comments stay, with their name.
    Returns how many tokens were revoked."""
    require_admin(actor)
    if user.id == actor.id:
        raise Conflict(
            _l("You cannot deactivate your own account. Ask another administrator to do it.")
        )
    serialise("admins")
    claim_person(user, version)
    if not user.active:
        raise Conflict(_l("This person is already deactivated."))
    ensure_an_admin_remains(user)
    user.active = False
    tokens = revoke_tokens(user)
    end_sessions(user)
    db.session.flush()
    changes = {"active": (True, False)}
    if tokens:  # "API tokens 0 → 0" says nothing
        changes["api_tokens"] = (tokens, 0)
    record_audit(actor, "person.deactivate", user, changes)
    _announce(user, actor, changes)
    return tokens


def reactivate_person(actor: User, user: User, version) -> None:
    """The person may log in again (with their password; old sessions and tokens stay
    ended). Their unit must still be open."""
    require_admin(actor)
    claim_person(user, version)
    if user.active:
        raise Conflict(_l("This person is already active."))
    if user.unit.is_closed:
        raise ValidationError(
            fields={"unit": _l("Their unit is closed: move them to an open unit first.")}
        )
    user.active = True
    db.session.flush()
    changes = {"active": (False, True)}
    record_audit(actor, "person.reactivate", user, changes)
    _announce(user, actor, changes)


def reset_password(actor: User, user: User, version, data: Mapping, *, generate: bool):
    """Set a new password (typed twice, or generated and returned to be shown once). Every
    session and API token of the person ends: whoever knew the old password is out.
    Returns the generated password, or None when it was typed."""
    require_admin(actor)
    password, generated = new_password(
        data, generate=generate, username=user.username, names=(user.display_name,)
    )
    claim_person(user, version)
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    tokens = revoke_tokens(user)
    end_sessions(user)
    db.session.flush()
    record_audit(
        actor,
        "person.password_reset",
        user,
        {
            "password": ("", ""),
            "generated": (None, generated),
            **({"api_tokens": (tokens, 0)} if tokens else {}),
        },
    )
    return password if generated else None


def _role(role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(fields={"role": _l("Unknown role.")}) from None


def grant_role(actor: User, user: User, role, version) -> None:
    require_admin(actor)
    role = _role(role)
    claim_person(user, version)
    if user.has_role(role):
        raise Conflict(_("%(name)s already has this role.", name=user.display_name))
    before = sorted(str(granted.role) for granted in user.roles)
    user.roles.append(UserRole(role=role))
    db.session.flush()
    changes = {"roles": (before, sorted([*before, str(role)]))}
    record_audit(actor, "role.grant", user, changes)
    _announce(user, actor, changes)


def revoke_role(actor: User, user: User, role, version) -> None:
    """Taking the admin role away is refused when it would leave no active administrator
    (two admins demoting each other at once included: see ``admin.rules``)."""
    require_admin(actor)
    role = _role(role)
    if role == Role.ADMIN:
        serialise("admins")
    claim_person(user, version)
    granted = next((g for g in user.roles if g.role == role), None)
    if granted is None:
        raise Conflict(_("%(name)s does not have this role.", name=user.display_name))
    if role == Role.ADMIN:
        ensure_an_admin_remains(user)
    before = sorted(str(g.role) for g in user.roles)
    user.roles.remove(granted)
    db.session.flush()
    changes = {"roles": (before, [name for name in before if name != str(role)])}
    record_audit(actor, "role.revoke", user, changes)
    _announce(user, actor, changes)


def _supervised_codes(user: User) -> list[str]:
    return sorted(s.unit.code for s in user.supervisions)


def add_supervision(actor: User, user: User, unit_code, version) -> OrgUnit:
    """The person reviews the ideas of this unit and of every unit below it."""
    require_admin(actor)
    errors: dict = {}
    code = unit_code.strip().upper() if isinstance(unit_code, str) else ""
    serialise("org_tree")
    unit = _open_unit(code, errors)
    if errors:
        raise ValidationError(fields=errors)
    claim_person(user, version)
    before = _supervised_codes(user)
    if code in before:
        raise Conflict(_("%(name)s already supervises this unit.", name=user.display_name))
    user.supervisions.append(UnitSupervisor(unit=unit))
    db.session.flush()
    changes = {"supervises": (before, sorted([*before, code]))}
    record_audit(actor, "supervision.add", user, changes)
    _announce(user, actor, changes)
    return unit


def remove_supervision(actor: User, user: User, unit_code, version) -> None:
    require_admin(actor)
    code = unit_code.strip().upper() if isinstance(unit_code, str) else ""
    claim_person(user, version)
    supervision = next((s for s in user.supervisions if s.unit.code == code), None)
    if supervision is None:
        raise Conflict(_("%(name)s does not supervise this unit.", name=user.display_name))
    before = _supervised_codes(user)
    user.supervisions.remove(supervision)
    db.session.flush()
    changes = {"supervises": (before, [c for c in before if c != code])}
    record_audit(actor, "supervision.remove", user, changes)
    _announce(user, actor, changes)
