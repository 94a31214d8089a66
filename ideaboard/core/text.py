"""Thai typed two ways is one text: what is stored and what is searched are normalised the
same way (sara am typed as nikhahit + sara aa, vowels and tone marks typed in another order
or twice, invisible zero-width characters). Line breaks and spacing are kept as typed.

pythainlp's rules are some twenty regular-expression passes (~0.1 ms a name); most text
is already in order, so one search for anything a rule could change comes first, and only
text where it finds something goes through the rules (a bulk roster import normalises
100,000 names and positions)."""

from __future__ import annotations

import re
import unicodedata

from pythainlp import thai_above_vowels as above
from pythainlp import thai_below_vowels as below
from pythainlp import thai_follow_vowels as follow
from pythainlp import thai_lead_vowels as lead
from pythainlp import thai_tonemarks as tones
from pythainlp.util import remove_repeat_vowels, remove_zw, reorder_vowels

# each alternative is where one of pythainlp's reorder or no-repeat rules applies (or a
# superset of it): text without any of them comes out of the rules unchanged
_NO_REPEAT = f"{follow}{lead}{above}{below}\u0e3a\u0e4c\u0e4d\u0e4e"
_RULES_MAY_APPLY = re.compile(
    "|".join((
        "\u0e40\u0e40",  # sara e twice: sara ae
        f"[{tones}\u0e4c][{above}{below}]",  # a tone mark before its vowel
        f"\u0e4d[{tones}]*\u0e32",  # nikhahit + sara aa: sara am
        f"[{follow}][{tones}]",  # a following vowel before a tone mark
        "\u0e45",  # lakkhangyao (sara aa after most letters)
        f"([{_NO_REPEAT}]) *\\1",  # a vowel or sign repeated
        f"[{tones}]{{2}}",  # two tone marks
    ))
)  # fmt: skip


def normalise(text: str) -> str:
    """``ส\u0e4d\u0e32เนา`` → ``สำเนา``; ``ที่่`` → ``ที่``; other scripts are only NFC-composed."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    if not any("\u0e00" <= char <= "\u0e7f" for char in text):
        return text
    text = remove_zw(text)
    if _RULES_MAY_APPLY.search(text) is None:
        return text
    return remove_repeat_vowels(reorder_vowels(text))
