"""Buddhist-era dates, Thai month abbreviations and fiscal years around 1 October."""

from datetime import UTC, date, datetime

import pytest

from ideaboard.core.dates import (
    be_year,
    fiscal_year,
    fiscal_year_bounds,
    format_date,
    format_datetime,
)


def test_thai_date_uses_buddhist_era_and_thai_abbreviation():
    assert format_date(date(2022, 8, 4), "th") == "4 ส.ค. 2565"
    assert format_date(date(2026, 1, 31), "th") == "31 ม.ค. 2569"


def test_english_date_uses_common_era():
    assert format_date(date(2022, 8, 4), "en") == "4 Aug 2022"


def test_instants_are_read_in_bangkok_time():
    late_evening_utc = datetime(2025, 9, 30, 17, 30, tzinfo=UTC)  # 00:30 on 1 Oct in Bangkok
    assert format_date(late_evening_utc, "th") == "1 ต.ค. 2568"
    assert fiscal_year(late_evening_utc) == 2569
    assert format_datetime(late_evening_utc, "th") == "1 ต.ค. 2568 00:30"


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2025, 12, 31), 2569),
        (date(2026, 1, 1), 2569),
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
    ],
)
def test_fiscal_year_turns_on_1_october(day, fy):
    assert fiscal_year(day) == fy


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


def test_be_year_of_creation_is_the_calendar_year_plus_543():
    assert be_year(date(2026, 11, 25)) == 2569
    assert be_year(datetime(2026, 12, 31, 18, 0, tzinfo=UTC)) == 2570  # 1 Jan in Bangkok


def test_none_renders_empty():
    assert format_date(None) == ""
