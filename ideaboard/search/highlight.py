"""Matched words marked in a title or a snippet, safely: the text is cut into pieces at the
matches, every piece is escaped, and only then are the pieces wrapped in ``<mark>``. No
markup the user typed can come through (a title ``<img onerror=…>`` stays text)."""

from __future__ import annotations

from markupsafe import Markup, escape

from ideaboard.search.words import SHORT, fold_aligned

SNIPPET = 160  # characters of a snippet around the first match
BEFORE = 40  # of which before the match


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where ``terms`` occur in ``text`` (without case), merged; a term shorter than
    ``SHORT`` only at the start of a word (it is searched as a word prefix)."""
    folded = fold_aligned(text)
    found = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            if len(term) >= SHORT or start == 0 or not folded[start - 1].isalnum():
                found.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]]) -> Markup:
    pieces, at = [], 0
    for start, end in spans:
        pieces.append(escape(text[at:start]))
        pieces.append(Markup("<mark>%s</mark>") % text[start:end])  # % escapes the piece
        at = end
    pieces.append(escape(text[at:]))
    return Markup("").join(pieces)


def highlight(text: str, terms: list[str]) -> Markup:
    """``text`` escaped, with every match of ``terms`` in ``<mark>``."""
    return _marked(text, _spans(text, terms))


def snippet(text: str, terms: list[str], width: int = SNIPPET) -> Markup | None:
    """A window of ``text`` around its first match, highlighted; None when nothing in it
    matches (the match was in the title or the names)."""
    spans = _spans(text, terms)
    if not spans:
        return None
    first = spans[0][0]
    start = max(0, first - BEFORE)
    if start:  # begin at a word boundary when one is near
        space = text.rfind(" ", start - 20, first)
        start = space + 1 if space > 0 else start
    end = min(len(text), start + width)
    window = " ".join(text[start:end].split())  # line breaks between fields become spaces
    body = highlight(window, terms)
    return Markup("").join(
        [Markup("…") if start else Markup(""), body, Markup("…") if end < len(text) else Markup("")]
    )
