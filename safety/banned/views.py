"""Folded text -> the string the automaton scans ("key"), and back to positions.

The key keeps only letters (and digits in the digit view) and spells each Hangul
syllable as conjoining jamo. Matching on jamo keeps the automaton's alphabet
small, which is what makes pyahocorasick fast for Korean (root fan-out of ~70
instead of thousands of syllables). A match must end on a syllable boundary; the
caller checks that with ``ends_mid_syllable``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

from safety.banned.chars import CACHE_LIMIT, INVISIBLE, KEY_CLASS, is_key_char
from safety.banned.jamo import is_syllable


_DROP = {False: re.compile(f"[^{KEY_CLASS}]+"), True: re.compile(f"[^{KEY_CLASS}0-9]+")}


class _KeyLength(dict):
    """Folded character -> length of its key form (0 when dropped)."""

    def __init__(self, digits: bool) -> None:
        super().__init__()
        self.digits = digits

    def __missing__(self, ch: str) -> int:
        if is_syllable(ch):
            value = len(unicodedata.normalize("NFD", ch))
        else:
            value = 1 if is_key_char(ch, digits=self.digits) else 0
        if len(self) < CACHE_LIMIT:
            self[ch] = value
        return value


_LENGTHS = {False: _KeyLength(False), True: _KeyLength(True)}


def to_key(folded: str, *, digits: bool = False) -> str:
    """Drop separators, spell syllables as conjoining jamo, lower-case ASCII."""
    return unicodedata.normalize("NFD", _DROP[digits].sub("", folded)).lower()


def ends_mid_syllable(key: str, end: int) -> bool:
    """True when ``key[end]`` is a vowel or final jamo, i.e. a match stopped inside a syllable."""
    return end < len(key) and "\u1161" <= key[end] <= "\u11c2"


_GALLOP_CALLS = 16  # after this many lookups, one full pass is cheaper
_SMALL_TEXT = 4096


class KeyView:
    """One scan of one folded text; maps key spans back to folded (= original) spans."""

    __slots__ = ("folded", "digits", "key", "_ends", "_calls", "_marks_k", "_marks_p")

    def __init__(self, folded: str, *, digits: bool = False) -> None:
        self.folded = folded
        self.digits = digits
        self.key = to_key(folded, digits=digits)
        self._ends: list[int] | None = None
        self._calls = 0
        # Known (key index, folded index) pairs at character starts, both ascending.
        self._marks_k = [0]
        self._marks_p = [0]

    def folded_span(self, start: int, end: int) -> tuple[int, int]:
        """Key span [start, end) -> folded span covering every character that produced it."""
        first = self._locate(start)
        last = self._locate(end - 1) + 1
        folded = self.folded
        while last < len(folded) and folded[last] == INVISIBLE:
            last += 1
        return first, last

    def _locate(self, k: int) -> int:
        """Folded index of the character whose key form holds key index ``k``.

        Clean text never gets here. A few hits in a long text are located by
        galloping over slices measured with ``to_key`` (C speed); many hits or a
        short text pay once for a per-character running sum instead.
        """
        if self._ends is None:
            self._calls += 1
            if self._calls <= _GALLOP_CALLS and len(self.folded) > _SMALL_TEXT:
                return self._gallop(k)
            self._ends = list(accumulate(map(_LENGTHS[self.digits].__getitem__, self.folded)))
        return bisect_right(self._ends, k)

    def _key_length(self, lo: int, hi: int) -> int:
        return len(to_key(self.folded[lo:hi], digits=self.digits))

    def _gallop(self, k: int) -> int:
        i = bisect_right(self._marks_k, k) - 1
        p, kp = self._marks_p[i], self._marks_k[i]
        n = len(self.folded)
        size = 1024
        while True:
            q = min(n, p + size)
            length = self._key_length(p, q)
            if kp + length > k or q == n:
                break
            p, kp, size = q, kp + length, size * 2
        while q - p > 128:
            mid = (p + q) // 2
            length = self._key_length(p, mid)
            if kp + length <= k:
                p, kp = mid, kp + length
            else:
                q = mid
        lengths = _LENGTHS[self.digits]
        while p < q:
            step = lengths[self.folded[p]]
            if kp + step > k:
                break
            kp += step
            p += 1
        if p > self._marks_p[-1]:
            self._marks_k.append(kp)
            self._marks_p.append(p)
        return p
