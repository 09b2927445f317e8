"""One Aho–Corasick automaton over key strings, and the search of one view."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

import ahocorasick

from safety.banned.chars import INVISIBLE, is_key_char
from safety.banned.hit import BannedHit
from safety.banned.patterns import Pattern, shape_of
from safety.banned.rules import accepts
from safety.banned.views import KeyView, ends_mid_syllable, to_key


class PatternAutomaton:
    """One Aho–Corasick automaton over key strings; values are pattern indices."""

    def __init__(self) -> None:
        self.patterns: list[Pattern] = []
        self.longest_exception = 0
        self._by_key: dict[str, list[int]] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, letters: list[str], term: str, *, exception: bool, digits: bool) -> None:
        key = to_key("".join(letters), digits=digits)
        if not key:
            return
        self._by_key.setdefault(key, []).append(len(self.patterns))
        self.patterns.append(Pattern(term, exception, len(key), "".join(letters), shape_of(letters)))
        if exception:
            self.longest_exception = max(self.longest_exception, len(key))

    def build(self) -> None:
        if not self._by_key:
            return
        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for key, ids in self._by_key.items():
            automaton.add_word(key, tuple(ids))
        automaton.make_automaton()
        self._automaton = automaton
        self._by_key = {}

    @property
    def has_banned(self) -> bool:
        return any(not p.exception for p in self.patterns)

    def hits(
        self, view: KeyView, offset: int = 0, within: list[tuple[int, int]] | None = None
    ) -> list[BannedHit]:
        """Accepted hits in ``view``; ``offset`` is added to every position.

        ``within``: key spans a hit must overlap (others are skipped before any
        position mapping, which is the expensive part).
        """
        if self._automaton is None:
            return []
        key = view.key
        found: list[tuple[int, int, Pattern]] = []
        allowed: list[tuple[int, int]] = []
        for last, ids in self._automaton.iter(key):
            end = last + 1
            if ends_mid_syllable(key, end):
                continue
            for pid in ids:
                pattern = self.patterns[pid]
                start = end - pattern.key_length
                if pattern.exception:
                    allowed.append((start, end))
                elif within is None or any(start < b and a < end for a, b in within):
                    found.append((start, end, pattern))
        if not found:
            return []
        allowed.sort()
        allowed_starts = [a for a, _ in allowed]
        hits: list[BannedHit] = []
        contiguous: dict[tuple[int, int], bool] = {}

        def written_as_word(span: tuple[int, int]) -> bool:
            # An allowed word counts only as written: "시발 점수" is not "시발점".
            if span not in contiguous:
                first, stop = view.folded_span(*span)
                text = view.folded[first:stop]
                contiguous[span] = all(c == INVISIBLE or is_key_char(c, digits=view.digits) for c in text)
            return contiguous[span]

        for start, end, pattern in found:
            if _inside_any(allowed, allowed_starts, start, end, self.longest_exception, written_as_word):
                continue
            first, stop = view.folded_span(start, end)
            if accepts(view.folded, first, stop, pattern.shape, digits=view.digits):
                hits.append(BannedHit(pattern.term, first + offset, stop + offset))
        return hits


def _inside_any(
    allowed: list[tuple[int, int]],
    starts: list[int],
    start: int,
    end: int,
    longest: int,
    valid: Callable[[tuple[int, int]], bool],
) -> bool:
    """Whether [start, end) lies inside a ``valid`` one of the sorted ``allowed`` spans.

    Each allowed span is at most ``longest`` long, so only a few are looked at.
    """
    i = bisect_right(starts, start) - 1
    while i >= 0 and allowed[i][0] >= start - longest:
        if allowed[i][1] >= end and valid(allowed[i]):
            return True
        i -= 1
    return False
