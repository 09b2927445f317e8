"""Redacting model output that arrives in pieces.

``feed`` returns only text that can no longer become part of a hit: it holds back
a tail that contains at least ``longest + TAIL_SLACK`` letters (the longest list
pattern plus what the hit rules look at after a term: a particle and a boundary
letter), cut at a whitespace so a word is never judged half-seen. Already shown
text is kept as left context (same number of letters), because exceptions and the
"starts a word" rule look before a hit. The result of all ``feed`` calls plus
``flush`` equals ``BannedWords.redact`` of the whole text, except that a stretch of
more than ``MAX_HOLD`` characters without whitespace is released in parts.

Nothing is stored beyond the held tail and the context; both live only in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safety.banned.chars import INVISIBLE, is_key_char
from safety.banned.normalize import fold_text
from safety.banned.redact import mask, merge_spans

if TYPE_CHECKING:
    from safety.banned.matcher import BannedWords

TAIL_SLACK = 4
MAX_HOLD = 1024  # characters; bounds memory and rescans when text has no letters for a long stretch


def _back_letters(folded: str, end: int, need: int, floor: int) -> int:
    """Index i <= end such that folded[i:end] holds ``need`` letters/digits (or ``floor``)."""
    count = 0
    i = end
    while i > floor and count < need:
        i -= 1
        ch = folded[i]
        if ch != INVISIBLE and is_key_char(ch, digits=True):
            count += 1
    return i


class StreamRedactor:
    """Feed chunks with ``feed``; call ``flush`` once at the end. Not thread-safe (one per reply)."""

    def __init__(self, words: BannedWords, *, max_hold: int = MAX_HOLD) -> None:
        self._words = words
        self._need = words.longest + TAIL_SLACK
        self._max_hold = max(max_hold, 1)
        self._context = ""
        self._pending = ""

    def feed(self, delta: str) -> str:
        if not delta:
            return ""
        if not len(self._words):
            return delta
        self._pending += delta
        return self._release(final=False)

    def flush(self) -> str:
        out = self._release(final=True) if self._pending else ""
        self._context = self._pending = ""
        return out

    def _release(self, *, final: bool) -> str:
        window = self._context + self._pending
        start = len(self._context)
        folded_text = fold_text(window)
        spans = merge_spans([(h.start, h.end) for h in self._words.hits_in(folded_text)])
        folded = folded_text.main
        if final:
            cut = len(window)
        else:
            cut = self._cut_point(window, folded, start, spans)
        if cut <= start:
            return ""
        inside = [(max(s, start) - start, min(e, cut) - start) for s, e in spans if s < cut and e > start]
        released = mask(window[start:cut], inside)
        context_start = max(_back_letters(folded, cut, self._need + 1, 0), cut - self._max_hold)
        self._context = window[context_start:cut]
        self._pending = window[cut:]
        return released

    def _cut_point(self, window: str, folded: str, start: int, spans: list[tuple[int, int]]) -> int:
        cut = _back_letters(folded, len(window), self._need, start)
        # Never split a word: its keyboard-layout reading and particles need all of it.
        space = max(window.rfind(" ", start, cut + 1), window.rfind("\n", start, cut + 1))
        cut = space if space >= start else start
        cut = max(cut, len(window) - self._max_hold)
        for s, e in spans:
            if s < cut < e:
                cut = s
        return max(cut, start)
