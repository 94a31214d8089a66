"""Finding colleagues (for co-authors): by username or name, active accounts only."""

from __future__ import annotations

from sqlalchemy import or_, select

from ideaboard.extensions import db
from ideaboard.people.models import User

MAX_RESULTS = 10
MIN_QUERY = 2


def search_people(text: str, limit: int = MAX_RESULTS) -> list[User]:
    """Up to ``limit`` active users whose username starts with, or name contains, ``text``."""
    text = (text or "").replace("\x00", "").strip()[:100]
    if len(text) < MIN_QUERY:
        return []
    stmt = (
        select(User)
        .where(User.active.is_(True))
        .where(
            or_(
                User.username.startswith(text.lower(), autoescape=True),
                User.display_name.icontains(text, autoescape=True),
            )
        )
        .order_by(User.username)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
