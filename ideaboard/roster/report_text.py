"""A roster report as lines of text, for the command line (in the language asked for)."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import gettext as _

from ideaboard.roster.messages import field_label, reason_text, value_text
from ideaboard.roster.models import RosterImport
from ideaboard.roster.planning import Report

CHANGES_SHOWN = 50  # without --verbose


def summary(record: RosterImport, report: Report) -> str:
    return _(
        "%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
        "%(rejected)s rejected; %(skipped)s blank rows skipped.",
        rows=f"{report.rows:,}",
        created=f"{report.created:,}",
        updated=f"{report.updated:,}",
        unchanged=f"{report.unchanged:,}",
        rejected=f"{report.rejected:,}",
        skipped=f"{report.skipped:,}",
    )


def report_lines(record: RosterImport, report: Report, *, verbose: bool = False) -> Iterator[str]:
    if record.is_dry_run:
        yield _("Dry run of %(file)s (SHA-256 %(sha)s…): nothing was written.",
                file=record.file_name, sha=record.sha256[:12])  # fmt: skip
    else:
        yield _("Imported %(file)s (SHA-256 %(sha)s…), import no. %(id)s.",
                file=record.file_name, sha=record.sha256[:12], id=record.id)  # fmt: skip
    yield summary(record, report)
    if record.deactivate_missing:
        if report.deactivation_blocked:
            yield _(
                "Nobody was deactivated: %(n)s rows have no usable username; fix them first.",
                n=report.deactivation_blocked,
            )
        else:
            yield _("Deactivated (not in the file): %(n)s.", n=f"{report.deactivated:,}")
            for username in report.deactivated_users if verbose else ():
                yield f"  - {username}"
    if report.rejected_rows:
        yield ""
        yield _("Rejected rows:")
        for row in report.rejected_rows:
            reasons = " ".join(reason_text(code, params) for code, params in row["reasons"])
            yield _("  row %(line)s (%(username)s): %(reasons)s",
                    line=row["line"], username=row["username"] or "–", reasons=reasons)  # fmt: skip
    if report.changed_rows:
        yield ""
        yield _("Changes:")
        rows = report.changed_rows if verbose else report.changed_rows[:CHANGES_SHOWN]
        for row in rows:
            for field, before, after in row["changes"]:
                yield _("  row %(line)s %(username)s: %(field)s %(before)s → %(after)s",
                        line=row["line"], username=row["username"], field=field_label(field),
                        before=value_text(field, before), after=value_text(field, after))  # fmt: skip
        hidden = report.updated - len(rows)
        if hidden > 0:
            yield _(
                "  … and %(n)s more people changed (--verbose lists them all).", n=f"{hidden:,}"
            )
    if verbose and report.created_rows:
        yield ""
        yield _("New people:")
        for row in report.created_rows:
            yield f"  {row['line']}: {row['username']} {row['display_name']} ({row['unit']})"
    if record.is_dry_run:
        yield ""
        yield _("Run again without --dry-run to import.")
