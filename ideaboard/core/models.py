"""Mixins shared by every feature's models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Enum
from sqlalchemy.orm import Mapped, mapped_column

from ideaboard.core.dates import utcnow


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


def _values(enum_cls) -> list[str]:
    return [member.value for member in enum_cls]


def enum_column(enum_cls, length: int = 24, name: str | None = None) -> Enum:
    """A VARCHAR enum with a CHECK constraint (portable across SQLite and PostgreSQL)."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=length,
        values_callable=_values,
        create_constraint=True,
        validate_strings=True,
        name=name or enum_cls.__name__.lower(),
    )


def title_of(enum_cls, value) -> str:
    """The translated title of ``value`` in ``enum_cls``, or the value itself when it is
    not (or no longer) one of its members, e.g. in a stored history."""
    try:
        return str(enum_cls(value).title)
    except ValueError:
        return str(value)
