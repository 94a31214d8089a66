"""Similar ideas: while someone writes a new เอ๊ะ, the ideas that look like the same
problem, so they can vote or comment instead of filing a duplicate.

How it scores (0..1), on the title, the เอ๊ะ moment and the process name of each side:

1. *Candidates* come from the search index: the ideas the person may see that contain any
   of the text's significant words (its ``newmm`` words without Thai stop words — ทำไม,
   ต้อง, การ, ที่ … — and lone digits), inside longer words too; the ``CANDIDATES`` best by
   the search's relevance score (``search.queries``).
2. Each candidate gets ``WORDS_WEIGHT`` × the Dice overlap of the two sets of significant
   words (2·|A∩B| / (|A|+|B|)) plus ``TRIGRAMS_WEIGHT`` × the Dice overlap of their
   character trigrams (spaces removed), which still sees ขอคัดสำเนา in ถ่ายสำเนา when the
   segmenter cuts the two differently. The candidate is scored twice — its title alone,
   and its title, เอ๊ะ and process together — and keeps the better score: someone who has
   typed only a title is matched by a nearly identical title (``SAME_TITLE``: an exact
   title must never be missed because the other idea's เอ๊ะ is long), someone who wrote
   more compares with the whole.
3. Those scoring at least ``MIN_SCORE`` are answered, best first (newer first on a tie).

The weights and the threshold were chosen on the labelled pairs in
``tests/data/similar_pairs.py`` (same problem worded differently; different problems that
share words); ``tests/test_similar.py`` measures precision and recall on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, cast, or_, select

from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.queries import IdeaFilters, IdeaRow, rows_by_id, visible_to
from ideaboard.search.models import IdeaSearch
from ideaboard.search.queries import match_conditions, relevance
from ideaboard.search.words import significant, trigrams

WORDS_WEIGHT = 0.6
TRIGRAMS_WEIGHT = 0.4
MIN_SCORE = 0.36
SAME_TITLE = 0.6  # a title this alike is the same problem, whatever the rest says
CANDIDATES = 40
MAX_TEXT = 2000  # characters of the typed text that are read
MAX_RESULTS = 5
MAX_QUERY_WORDS = 20
TOO_SHORT = _l("Type a few words of your เอ๊ะ to look for similar ideas.")


@dataclass(frozen=True, slots=True)
class Similar:
    idea: IdeaRow
    score: float  # 0..1


@dataclass(frozen=True)
class Profile:
    """What similarity compares: significant words and character trigrams."""

    words: frozenset[str]
    trigrams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Profile:
        return cls(frozenset(significant(text)), frozenset(trigrams(text)))


def _dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def similarity(a: Profile, b: Profile) -> float:
    """The score of the module docstring, rounded to 3 places."""
    score = WORDS_WEIGHT * _dice(a.words, b.words) + TRIGRAMS_WEIGHT * _dice(a.trigrams, b.trigrams)
    return round(min(score, 1.0), 3)


def title_match(mine: Profile, title: str) -> float:
    """The score against the title alone when it is nearly the same title, else 0."""
    score = similarity(mine, Profile.of(title))
    return score if score >= SAME_TITLE else 0.0


def idea_text(title: str, eh_moment: str, process_name: str) -> str:
    return "\n".join(part for part in (title, eh_moment, process_name) if part)


def read_similar_text(raw) -> str:
    """The text to compare, as a request sends it: not blank, at most ``MAX_TEXT``
    characters (else a 422 on ``text``), without NUL."""
    text = (raw if isinstance(raw, str) else "").replace("\x00", "")
    if not text.strip():
        raise ValidationError(fields={"text": TOO_SHORT})
    if len(text) > MAX_TEXT:
        raise ValidationError(fields={"text": _("At most %(n)d characters.", n=MAX_TEXT)})
    return text


def similar_ideas(text: str, viewer, *, exclude: int | None = None,
                  limit: int = MAX_RESULTS) -> list[Similar]:  # fmt: skip
    """Ideas ``viewer`` may see that look like ``text``, best first (``exclude``: the idea
    being edited). Nothing yet for a text without significant words (only ทำไม ต้อง …:
    someone who has just begun typing)."""
    text = (text or "")[:MAX_TEXT]
    wanted = significant(text)[:MAX_QUERY_WORDS]
    if not wanted:
        return []
    candidates = (
        select(IdeaSearch.idea_id, cast(relevance(wanted), Integer).label("score"))
        .join(Idea, Idea.id == IdeaSearch.idea_id)
        .where(or_(*match_conditions(wanted, every=False)), visible_to(viewer, IdeaFilters()))
        .order_by(IdeaSearch.idea_id.desc())
        .limit(CANDIDATES * 10)
        .subquery()
    )  # fmt: skip
    best = select(candidates.c.idea_id).order_by(
        candidates.c.score.desc(), candidates.c.idea_id.desc()
    )
    if exclude is not None:
        best = best.where(candidates.c.idea_id != exclude)
    ids = list(db.session.scalars(best.limit(CANDIDATES)))
    if not ids:
        return []
    texts = db.session.execute(
        select(Idea.id, Idea.title, Idea.eh_moment, Idea.process_name).where(Idea.id.in_(ids))
    ).all()
    mine = Profile.of(text)
    scored = sorted(
        (
            (
                max(
                    title_match(mine, row.title),
                    similarity(mine, Profile.of(idea_text(*row[1:]))),
                ),
                row.id,
            )
            for row in texts
        ),
        reverse=True,
    )
    scored = [(score, idea_id) for score, idea_id in scored if score >= MIN_SCORE][:limit]
    rows = rows_by_id([idea_id for _, idea_id in scored])
    return [Similar(rows[idea_id], score) for score, idea_id in scored if idea_id in rows]
