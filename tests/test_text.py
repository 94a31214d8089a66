"""Thai normalisation: the quick path (text a rule cannot change) gives exactly what
pythainlp's rules give."""

from __future__ import annotations

import random

from pythainlp.util import remove_repeat_vowels, remove_zw, reorder_vowels

from ideaboard.core.text import normalise


def by_the_rules(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    if not any("\u0e00" <= char <= "\u0e7f" for char in text):
        return text
    return remove_repeat_vowels(reorder_vowels(remove_zw(text)))


def test_typed_two_ways_is_one_text():
    assert normalise("ส\u0e4d\u0e32เนา") == "สำเนา"
    assert normalise("ที่่") == "ที่"
    assert normalise("เเปลก") == "แปลก"
    assert normalise("ก\u0e48\u0e34") == "ก\u0e34\u0e48"  # tone mark typed before the vowel
    assert normalise("นางสาววนิดา แสงทอง") == "นางสาววนิดา แสงทอง"
    assert normalise("Somchai\u200b") == "Somchai\u200b"  # only Thai text is reordered


def test_the_quick_path_agrees_with_the_rules_on_random_thai():
    rng = random.Random(2569)
    letters = [chr(code) for code in range(0x0E01, 0x0E5C)] + [" ", "a", "\u200b", "1"]
    common = list("กขคงจนมยรลวสหอาิีึืุูเแโใไ่้๊๋์ะัำ")
    for _ in range(20_000):
        pool = common if rng.random() < 0.7 else letters
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert normalise(text) == by_the_rules(text), repr(text)
