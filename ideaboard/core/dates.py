"""Dates the way our users read them: Buddhist era, Thai month abbreviations, fiscal years.

Thailand keeps one offset all year (UTC+7, no daylight saving), so a fixed offset is exact.
The Thai fiscal year runs 1 October – 30 September and is named by the BE year it ends in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
BE_OFFSET = 543

THAI_MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS_ABBR = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """An instant with its zone: SQLite gives stored UTC moments back without one."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_date(moment: datetime | date) -> date:
    """The calendar date in Bangkok of an instant (naive datetimes are taken as UTC)."""
    if isinstance(moment, datetime):
        return as_utc(moment).astimezone(BANGKOK).date()
    return moment


def days_between(start: datetime | date, end: datetime | date) -> int:
    """Whole calendar days in Bangkok from ``start`` to ``end``: 0 on the same day, 1 from
    yesterday evening to this morning (how people count "waiting 5 days")."""
    return (local_date(end) - local_date(start)).days


def be_year(moment: datetime | date) -> int:
    return local_date(moment).year + BE_OFFSET


def fiscal_year(moment: datetime | date) -> int:
    """The BE fiscal year: 1 Oct 2025 – 30 Sep 2026 is FY 2569."""
    day = local_date(moment)
    year = day.year + 1 if day.month >= 10 else day.year
    return year + BE_OFFSET


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of a BE fiscal year."""
    end_ce = fy - BE_OFFSET
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def format_date(moment: datetime | date | None, locale: str = "th") -> str:
    """ "4 ส.ค. 2565" in Thai, "4 Aug 2022" in English; empty for None."""
    if moment is None:
        return ""
    day = local_date(moment)
    if locale == "th":
        return f"{day.day} {THAI_MONTHS_ABBR[day.month - 1]} {day.year + BE_OFFSET}"
    return f"{day.day} {ENGLISH_MONTHS_ABBR[day.month - 1]} {day.year}"


def format_datetime(moment: datetime | None, locale: str = "th") -> str:
    """Date plus Bangkok wall-clock time: "4 ส.ค. 2565 14:05"."""
    if moment is None:
        return ""
    local = as_utc(moment).astimezone(BANGKOK)
    return f"{format_date(local.date(), locale)} {local:%H:%M}"
