"""Trending: votes weighted by how recent they are, as a number a list can walk by index.

A vote cast at moment *t* is worth ``2 ** ((t - EPOCH) / HALF_LIFE)``: a vote from one
half-life ago counts half as much as a vote now. An idea's ``trending_score`` is the sum of
the worths of its votes (``engagement.listeners`` adds a vote's worth when it is cast and
subtracts the very same number, stored on the vote, when it is taken back).

The decayed score at any moment *now* is ``trending_score * 2 ** (-(now - EPOCH) /
HALF_LIFE)``: every idea's score is multiplied by the same factor, so ordering ideas by the
stored number is ordering them by their decayed score, at every moment, without rewriting
any row as time passes. The list sorts by the stored column, walking
``ix_ideas_sort_trending``.

The stored numbers grow by a factor of two per half-life; a double reaches 2 ** 1023, so
with a 7-day half-life counted from 2026 the scores stay finite until about 2045. Before
then a migration rebases them (divides every score and every vote's weight by the same
power of two and moves EPOCH forward by as many half-lives); the order does not change.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ideaboard.core.dates import as_utc

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
HALF_LIFE = timedelta(days=7)


def vote_weight(moment: datetime) -> float:
    """What a vote cast at ``moment`` adds to its idea's trending score."""
    return 2.0 ** ((as_utc(moment) - EPOCH) / HALF_LIFE)


def decayed(score: float, now: datetime) -> float:
    """A stored score as worth at ``now`` (votes cast now count 1 each); for display and
    tests, never for ordering."""
    return score * 2.0 ** (-((as_utc(now) - EPOCH) / HALF_LIFE))
