"""Accounts, roles and the organisation tree.

Org units keep a materialised ``path`` ("/BMA/MED/MED-H02/") so "this unit and everything
under it" is one indexed prefix match, however deep the tree and however many units.
"""

from __future__ import annotations

import enum
from collections.abc import Container
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ideaboard.core.dates import utcnow
from ideaboard.core.models import TimestampMixin
from ideaboard.extensions import db


class Role(enum.StrEnum):
    """Roles granted explicitly. Staff is every active account; supervisor comes from
    supervising units."""

    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    COMMITTEE = "committee"

    @property
    def title(self):
        return ROLE_TITLES[self]


ROLE_TITLES = {
    Role.ADMIN: _l("Administrator"),
    Role.SECRETARIAT: _l("Award secretariat"),
    Role.COMMITTEE: _l("Award committee"),
}


class UnitKind(enum.StrEnum):
    ORGANISATION = "organisation"
    BUREAU = "bureau"
    DISTRICT = "district_office"
    HOSPITAL = "hospital"
    DIVISION = "division"
    DEPARTMENT = "department"
    SECTION = "section"

    @property
    def title(self):
        return UNIT_KIND_TITLES[self]


UNIT_KIND_TITLES = {
    UnitKind.ORGANISATION: _l("Organisation"),
    UnitKind.BUREAU: _l("Bureau (สำนัก)"),
    UnitKind.DISTRICT: _l("District office"),
    UnitKind.HOSPITAL: _l("Hospital"),
    UnitKind.DIVISION: _l("Division (กอง)"),
    UnitKind.DEPARTMENT: _l("Department (กลุ่มงาน)"),
    UnitKind.SECTION: _l("Section (ฝ่าย / งาน)"),
}


# the units people name when they say where a section belongs ("ฝ่ายทะเบียน · เขตพระนคร")
GROUPING_KINDS = frozenset({UnitKind.BUREAU, UnitKind.DISTRICT, UnitKind.HOSPITAL})


class UnitPlace:
    """Naming and place in the tree, from ``code``, ``name_th``, ``name_en`` and ``path``:
    shared by the model and the light unit rows of lists."""

    def name(self, locale: str = "th") -> str:
        return self.name_en if locale == "en" and self.name_en else self.name_th

    def is_within(self, other: UnitPlace) -> bool:
        """True when this unit is ``other`` or below it."""
        return self.path.startswith(other.path)

    @property
    def ancestor_codes(self) -> list[str]:
        return [code for code in self.path.strip("/").split("/") if code]

    def nearest(self, codes: Container[str], *, include_self: bool) -> str | None:
        """The closest unit above (or this one) whose code is in ``codes``."""
        chain = self.ancestor_codes if include_self else self.ancestor_codes[:-1]
        return next((code for code in reversed(chain) if code in codes), None)


class OrgUnit(UnitPlace, db.Model):
    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    kind: Mapped[UnitKind] = mapped_column(
        Enum(UnitKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])
    )
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(1000), index=True)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    # a closed unit keeps its history but takes no new people or ideas (admin.unit_operations)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="children")
    # the database refuses to delete a unit with sub-units; the ORM must not orphan them first
    children: Mapped[list[OrgUnit]] = relationship(back_populates="parent", passive_deletes="all")

    __table_args__ = {"sqlite_autoincrement": True}  # ids are never given twice

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def __repr__(self) -> str:
        return f"<OrgUnit {self.code}>"


# The password of an account nobody can log in to yet (people created by a roster import):
# no hash method writes a leading "!", so no password ever matches it.
UNUSABLE_PASSWORD = "!"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="th")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # goes up when the password changes: sessions and remember-me cookies carry the version
    # they were made with (``get_id``), so those made before the change stop working
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # whether notifications also come by e-mail (when the server sends mail): one's own choice
    email_notifications: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # what an administrator last saw of this person: their changes claim it (admin.rules)
    version: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[OrgUnit] = relationship()
    # loaded when asked (for the current user), not for every author in a list
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    supervisions: Mapped[list[UnitSupervisor]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("locale IN ('th', 'en')", name="locale"),
        {"sqlite_autoincrement": True},
    )

    def set_password(self, password: str, method: str = "scrypt") -> None:
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return self.has_usable_password and check_password_hash(self.password_hash, password)

    @property
    def has_usable_password(self) -> bool:
        return not self.password_hash.startswith(UNUSABLE_PASSWORD)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """What the session and the remember-me cookie hold: the id and the session version
        (``people.auth`` refuses a cookie whose version is not the account's)."""
        return f"{self.id}:{self.session_version or 0}"

    def has_role(self, role: Role) -> bool:
        return any(granted.role == role for granted in self.roles)

    @property
    def can_administer(self) -> bool:
        """Reaches /admin and may change people, units and roles."""
        return bool(self.active) and self.has_role(Role.ADMIN)

    @property
    def role_names(self) -> list[str]:
        names = ["staff"] + sorted(str(granted.role) for granted in self.roles)
        if self.supervisions:
            names.append("supervisor")
        return names

    @property
    def supervised_units(self) -> list[OrgUnit]:
        return [supervision.unit for supervision in self.supervisions]

    def supervises(self, unit: OrgUnit) -> bool:
        """Supervising a unit covers all of its sub-units."""
        return any(unit.is_within(supervised) for supervised in self.supervised_units)

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        primary_key=True,
    )
    user: Mapped[User] = relationship(back_populates="roles")


class UnitSupervisor(db.Model):
    __tablename__ = "unit_supervisors"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("org_units.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    user: Mapped[User] = relationship(back_populates="supervisions")
    unit: Mapped[OrgUnit] = relationship(lazy="joined")


class ApiToken(db.Model):
    """A bearer token. Only its SHA-256 digest is stored. ``last_used_at`` is written at
    most once an hour per token (``people.operations.TOKEN_USE_PRECISION``), not on every
    API call."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    def is_expired(self, now: datetime) -> bool:
        expires = self.expires_at
        if expires.tzinfo is None:  # SQLite hands back naive UTC
            expires = expires.replace(tzinfo=UTC)
        return expires < now

    __table_args__ = {"sqlite_autoincrement": True}
