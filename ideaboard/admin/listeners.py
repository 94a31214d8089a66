"""What the audit log records of other features' administrative changes (the admin pages
record their own in their operations)."""

from __future__ import annotations

from ideaboard import signals
from ideaboard.admin.audit import record_audit

ROSTER_COUNTS = ("created", "updated", "unchanged", "rejected", "deactivated")


@signals.roster_imported.connect
def record_roster_import(record, *, user, **_):
    """An applied roster import is one audit entry: the file and what it did (the rows
    behind the counts stay on the import's own record)."""
    record_audit(
        user,
        "roster.import",
        ("roster_import", record.id, record.file_name),
        {name: (None, getattr(record, name)) for name in ROSTER_COUNTS},
    )
