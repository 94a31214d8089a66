"""The step diff: current and proposed steps paired by their best match and marked.

Steps are any objects with ``description``, ``actor``, ``work_minutes``, ``wait_minutes`` and
``citizen_present``.

**Text.** A description is normalised and tokenised once per diff, and cached by its text
(Unicode NFKC, then pythainlp's
``normalize``, so สำ typed as ส + ◌ํ + า or with a doubled tone mark is the same text), cut into
words with pythainlp's newmm engine (offline), English case-folded, whitespace and
punctuation dropped. Two steps' *similarity* (0…1) is the mean of

- a word overlap: weighted Dice of the word bags, Thai stop words (และ, ที่, ให้…) weighing a
  quarter, so that shared content words decide; and
- a character-trigram Dice over the words run together, which forgives compounds cut
  differently by the tokeniser or by the writer (ฐานข้อมูล / ฐาน ข้อมูล, ยื่นคำร้อง / ยื่น).

**Pairing.** Below ``SIMILAR_ENOUGH`` nothing pairs (on realistic rewrites a step reworded
scores about 0.35–0.7, unrelated steps of the same process 0–0.25). Above it, the pairs are an
optimal assignment (Hungarian method, maximum total similarity, O(n³): 50 × 50 steps is
instant; greedy best-first could take one pair that blocks two better ones; a tiny bonus for
pairs at the same relative place breaks ties between equal texts), so a step that moved or was
reworded is still found. A current step left over is folded into the paired proposed step it best matches
(above the threshold): several current steps → one proposed step is *merged*. A proposed step
kept word for word from a current step takes no others (it is that step, not a merge), so a
removed step that merely resembles a kept one stays *removed*. One current step split into two
proposed ones pairs with the closer half; the other half is *new* (there is no "split" mark).

The pairs that keep their order (the longest chain that does not cross, most similar first)
are the *anchors*; a paired step outside that chain *moved*. Between two anchors, what words
could not tell is read from the place: two or more current steps with exactly one proposed
step in their place are *merged* into it (the author wrote one step for them), one with one is
shown on the same row as *removed* beside *new* (not claimed to be the same step).

**Marks.** *same*: the same text (after normalisation, case kept), actor, minutes and presence,
and not moved; *changed*: paired but different in any of these, or moved; *merged*; *removed*
(a current step nothing replaces); *new* (a proposed step nothing matches).

**Display order.** Rows follow the proposed order; a removed step comes right after the row
holding its previous current step (the first rows when it was the first step). Each cell shows
the step's number in its own list, so a moved step reads "4." on the left and "2." on the right.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize as thai_normalize

SIMILAR_ENOUGH = 0.3
STOP_WORD_WEIGHT = 0.25
_TIE_BREAK = 1e-3  # at most this much added for standing at the same relative place


@dataclass(frozen=True)
class DiffRow:
    before: tuple  # current step(s) on the left (several when merged)
    before_mark: str | None  # same | changed | merged | removed
    after: object | None  # the proposed step on the right
    after_mark: str | None  # same | changed | merged | new
    before_numbers: tuple[int, ...] = ()  # 1-based places of `before` in the current list
    after_number: int | None = None  # 1-based place of `after` in the proposed list

    @property
    def marks(self) -> list[str]:
        return [mark for mark in dict.fromkeys((self.before_mark, self.after_mark)) if mark]

    def number_of(self, step) -> int | None:
        """The step's number in its own list, for a step shown in this row."""
        if step is self.after:
            return self.after_number
        for number, shown in zip(self.before_numbers, self.before, strict=False):
            if shown is step:
                return number
        return None

    def as_dict(self, step_to_dict: Callable[[object], dict]) -> dict:
        """The row as the API's ``diff`` item (SPEC §8)."""
        return {
            "before": [step_to_dict(step) for step in self.before],
            "before_mark": self.before_mark,
            "after": step_to_dict(self.after) if self.after is not None else None,
            "after_mark": self.after_mark,
        }


# -- text -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    exact: str  # normalised description, case kept: what "the same text" means
    words: Counter
    trigrams: Counter


def _normalised(text: str) -> str:
    return " ".join(thai_normalize(unicodedata.normalize("NFKC", text or "")).split())


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"  # letters, Thai vowel/tone marks, digits


@lru_cache(maxsize=4096)
def _text(description: str) -> _Text:
    exact = _normalised(description)
    words = []
    for token in word_tokenize(exact.casefold(), engine="newmm", keep_whitespace=False):
        word = "".join(char for char in token if _is_word_char(char))
        if word:
            words.append(word)
    run = "".join(words)
    trigrams = Counter(run[i : i + 3] for i in range(max(len(run) - 2, 1))) if run else Counter()
    return _Text(exact, Counter(words), trigrams)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(thai_stopwords())


def _dice(a: Counter, b: Counter, weight: Callable[[str], float] = lambda _: 1.0) -> float:
    total = sum(weight(k) * n for k, n in a.items()) + sum(weight(k) * n for k, n in b.items())
    if not total:
        return 0.0
    return 2 * sum(weight(k) * n for k, n in (a & b).items()) / total


def _similarity(a: _Text, b: _Text) -> float:
    if a.exact.casefold() == b.exact.casefold():
        return 1.0
    stop = _stop_words()
    words = _dice(a.words, b.words, lambda w: STOP_WORD_WEIGHT if w in stop else 1.0)
    return (words + _dice(a.trigrams, b.trigrams)) / 2


# -- pairing ----------------------------------------------------------------------------------


def _max_assignment(weight: list[list[float]]) -> dict[int, int]:
    """Row → column maximising the total weight (Hungarian method, O(n²m)); needs n ≤ m."""
    n, m = len(weight), len(weight[0]) if weight else 0
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)  # owner[j]: row (1-based) holding column j
    for row in range(1, n + 1):
        owner[0], col = row, 0
        least, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[col] = True
            i, delta, nxt = owner[col], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cost = -weight[i - 1][j - 1] - u[i] - v[j]
                    if cost < least[j]:
                        least[j], way[j] = cost, col
                    if least[j] < delta:
                        delta, nxt = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            col = nxt
            if owner[col] == 0:
                break
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    return {owner[j] - 1: j - 1 for j in range(1, m + 1) if owner[j]}


def _pairs(sim: list[list[float]], n: int, m: int) -> dict[int, int]:
    """Current index → proposed index for the best total similarity above the threshold."""

    def weight(i: int, j: int) -> float:
        if sim[i][j] < SIMILAR_ENOUGH:
            return 0.0
        return sim[i][j] + _TIE_BREAK * (1 - abs((i + 0.5) / n - (j + 0.5) / m))

    if n <= m:
        chosen = _max_assignment([[weight(i, j) for j in range(m)] for i in range(n)])
    else:
        by_column = _max_assignment([[weight(i, j) for i in range(n)] for j in range(m)])
        chosen = {i: j for j, i in by_column.items()}
    return {i: j for i, j in chosen.items() if sim[i][j] >= SIMILAR_ENOUGH}


def _anchors(pairs: dict[int, int], sim: list[list[float]]) -> set[int]:
    """Current indices of the longest non-crossing chain of pairs (most similar on ties)."""
    order = sorted(pairs)
    best: list[tuple[int, float]] = []
    back: list[int | None] = []
    for k, i in enumerate(order):
        score, prev = (1, sim[i][pairs[i]]), None
        for q in range(k):
            if pairs[order[q]] < pairs[i]:
                candidate = (best[q][0] + 1, best[q][1] + sim[i][pairs[i]])
                if candidate > score:
                    score, prev = candidate, q
        best.append(score)
        back.append(prev)
    chain: set[int] = set()
    k = max(range(len(order)), key=lambda q: best[q], default=None)
    while k is not None:
        chain.add(order[k])
        k = back[k]
    return chain


def step_diff(current: Sequence, proposed: Sequence) -> list[DiffRow]:
    current, proposed = list(current), list(proposed)
    n, m = len(current), len(proposed)
    left = [_text(step.description) for step in current]
    right = [_text(step.description) for step in proposed]
    sim = [[_similarity(a, b) for b in right] for a in left]

    pairs = _pairs(sim, n, m) if n and m else {}
    anchors = _anchors(pairs, sim)
    partner = {j: i for i, j in pairs.items()}
    groups: dict[int, list[int]] = {j: [i] for j, i in partner.items()}  # proposed → current

    # A left-over current step most like a paired proposed step was folded into it, unless
    # that step was kept word for word (then it is that step, not a merge).
    open_to_merge = [j for j, i in partner.items() if left[i].exact != right[j].exact]
    for i in range(n):
        if i not in pairs:
            j = max(open_to_merge, key=lambda j: (sim[i][j], -abs(i / n - j / m)), default=None)
            if j is not None and sim[i][j] >= SIMILAR_ENOUGH:
                groups[j].append(i)
    placed = {i for group in groups.values() for i in group}

    # Between two anchors, what is left over is read from its place.
    def gap(index: int, side: int) -> int:
        return sum(1 for i in anchors if (i, pairs[i])[side] < index)

    left_over: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n):
        if i not in placed:
            left_over.setdefault(gap(i, 0), ([], []))[0].append(i)
    for j in range(m):
        if j not in groups:
            left_over.setdefault(gap(j, 1), ([], []))[1].append(j)
    beside: dict[int, int] = {}  # proposed → the removed current step shown on its row
    for olds, news in left_over.values():
        if len(news) == 1 and len(olds) >= 2:
            groups[news[0]] = olds
        elif len(news) == 1 and len(olds) == 1:
            beside[news[0]] = olds[0]

    rows: list[tuple[tuple, DiffRow]] = []
    row_of: dict[int, int] = {}  # current index → proposed index of its row
    for j in range(m):
        after = proposed[j]
        if j in groups:
            olds = sorted(groups[j])
            if len(olds) > 1:
                mark = "merged"
            elif (
                olds[0] in anchors
                and left[olds[0]].exact == right[j].exact
                and _same_detail(current[olds[0]], after)
            ):
                mark = "same"
            else:
                mark = "changed"
            row = DiffRow(
                tuple(current[i] for i in olds),
                mark,
                after,
                mark,
                tuple(i + 1 for i in olds),
                j + 1,
            )
            row_of.update(dict.fromkeys(olds, j))
        elif j in beside:
            i = beside[j]
            row = DiffRow((current[i],), "removed", after, "new", (i + 1,), j + 1)
            row_of[i] = j
        else:
            row = DiffRow((), None, after, "new", (), j + 1)
        rows.append(((j, 0, 0), row))
    for i in range(n):
        if i not in row_of:
            previous = next((row_of[k] for k in range(i - 1, -1, -1) if k in row_of), -1)
            rows.append(((previous, 1, i), DiffRow((current[i],), "removed", None, None, (i + 1,))))
    return [row for _, row in sorted(rows, key=lambda keyed: keyed[0])]


def _same_detail(a, b) -> bool:
    return (a.actor, a.work_minutes, a.wait_minutes, a.citizen_present) == (
        b.actor,
        b.work_minutes,
        b.wait_minutes,
        b.citizen_present,
    )


def warm_up() -> None:
    """Load the word dictionary and stop words now (about a second, once per process), so
    the first idea page a colleague opens does not pay for it."""
    _stop_words()
    _text("ประชาชนยื่นคำร้องที่ช่องบริการ")
