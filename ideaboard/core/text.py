"""Thai typed two ways is one text: what is stored and what is searched are normalised the
same way (sara am typed as nikhahit + sara aa, vowels and tone marks typed in another order
or twice, invisible zero-width characters). Line breaks and spacing are kept as typed."""

from __future__ import annotations

import unicodedata

from pythainlp.util import remove_repeat_vowels, remove_zw, reorder_vowels


def normalise(text: str) -> str:
    """``ส\u0e4d\u0e32เนา`` → ``สำเนา``; ``ที่่`` → ``ที่``; other scripts are only NFC-composed."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    if not any("\u0e00" <= char <= "\u0e7f" for char in text):
        return text
    return remove_repeat_vowels(reorder_vowels(remove_zw(text)))
