"""Text → search keys, the same way for what is indexed and what is searched.

Thai has no spaces between words, so text is segmented with pythainlp's dictionary
tokenizer (``newmm``, offline) when an idea is written, never per row when it is read.
Before that, text is *folded*: Thai typed two ways becomes one (``core.text.normalise``,
then ``pythainlp.util.normalize``: ``ส + ํ + า`` → ``สำ``), Thai digits become Arabic ones
(``๓`` → ``3``) and letters lower case. A word is a run of letters, digits and Thai marks,
joined across ``-`` and ``.`` (``e-service``, ``3.5``); punctuation and emoji are not words.
"""

from __future__ import annotations

import functools
import re

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize as thai_normalize

from ideaboard.core.text import normalise

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_LETTER = r"(?:[^\W_]|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0300-\u036f])"  # \w lacks Thai marks
WORD = re.compile(rf"{_LETTER}+(?:[-.]{_LETTER}+)*")
DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3})")  # 2,400 → 2400
SHORT = 3  # fewer characters than this cannot be found inside a longer word (trigrams)
LONGEST = 60  # a longer run of letters is not a word anybody searches for: cut to this


@functools.lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """The text as the index stores it: normalised, Arabic digits, case as typed. (Cached:
    steps and generated ideas repeat their texts, and normalising Thai is the slow part.)"""
    if not text:
        return ""
    return thai_normalize(normalise(text)).translate(THAI_DIGITS)


def fold(text: str) -> str:
    """The text as search compares it (see the module docstring)."""
    return clean(text).lower()


def fold_aligned(text: str) -> str:
    """``fold`` one character for one character (no normalisation that changes the length),
    so positions found in the result are positions in ``text``: for highlighting."""
    folded = text.translate(THAI_DIGITS)
    return "".join(low if len(low := char.lower()) == 1 else char for char in folded)


THAI_RUN = re.compile(r"([\u0e00-\u0e7f]+)")


@functools.lru_cache(maxsize=200_000)
def _segment(chunk: str) -> tuple[str, ...]:
    """The words of one whitespace-free chunk (cached: generated and real text repeat).
    Only Thai runs go through ``newmm``; a run in another script is cut at punctuation
    only, so ``OSS2``, ``A3`` and ``e-service`` stay one word each."""
    words: list[str] = []
    for index, run in enumerate(THAI_RUN.split(chunk)):
        thai = index % 2 == 1  # split() with a group: odd pieces are the Thai runs
        tokens = word_tokenize(run, engine="newmm", keep_whitespace=False) if thai else [run]
        for token in tokens:
            words += (word[:LONGEST] for word in WORD.findall(token))
    return tuple(words)


def words(text: str, *, cleaned: bool = False) -> list[str]:
    """The words of ``text``, folded and segmented, in order (repeats kept); ``cleaned``:
    ``text`` comes from ``clean`` already."""
    found: list[str] = []
    folded = text.lower() if cleaned else fold(text)
    for chunk in DIGIT_GROUPS.sub("", folded).split():
        found += _segment(chunk)
    return found


def distinct(items) -> list[str]:
    return list(dict.fromkeys(items))


@functools.cache
def stop_words() -> frozenset[str]:
    """Thai words too common to tell two problems apart (pythainlp's list, plus the words
    every เอ๊ะ uses), and a few English ones."""
    extra = {"เอ๊ะ", "ทำไม", "ต้อง", "ไม่", "ได้", "ให้", "การ", "ความ", "ที่", "และ", "หรือ"}
    english = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "is", "why"}
    return frozenset(thai_stopwords()) | extra | english


def significant(text: str) -> list[str]:
    """The distinct words of ``text`` that carry meaning: no stop words, no lone digits."""
    stop = stop_words()
    return distinct(w for w in words(text) if w not in stop and not (len(w) < 2 and w.isdigit()))


def trigrams(text: str) -> set[str]:
    """Character trigrams of the folded text without spaces (inside compounds too)."""
    joined = "".join(fold(text).split())
    return {joined[i : i + 3] for i in range(len(joined) - 2)}
