"""Offset-preserving normalisation ahead of PII matching.

Recognisers see one canonical form (NFKC, ASCII dashes, no zero-width
characters) so their patterns stay simple, while every finding is reported
against the text the user actually sent.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# Dash look-alikes NFKC leaves alone; separators in identifiers are typed with all of them.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")

# Unicode category Cf (format characters: zero-width spaces/joiners, bidi marks,
# BOM, soft hyphen...). Hard-coded so import does not scan the whole code space.
_CF_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_CF_CLASS = "".join(
    f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in _CF_RANGES
)
_DROP_OR_DASH = re.compile(f"[{_CF_CLASS}{''.join(_DASHES)}]")

# Everything outside printable ASCII and precomposed Hangul may need rewriting.
_MAYBE_CHANGED = re.compile("[^\t\n\r\x20-\x7e\uac00-\ud7a3]")


def _is_enclosed_alnum(ch: str) -> bool:
    # NFKC turns the list marker ① into "1", which would glue it to a following number.
    return "\u2460" <= ch <= "\u24ff"


def _replacement(ch: str) -> str | None:
    """The normalised form of one character, or None when it stays as it is."""
    if ch in _DASHES:
        return "-"
    if _DROP_OR_DASH.match(ch):
        return ""
    if _is_enclosed_alnum(ch):
        return None
    rep = unicodedata.normalize("NFKC", ch)
    return None if rep == ch else rep


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus the map back to the original offsets.

    Segments are either copied verbatim (offsets shift by a constant) or one
    original character replaced by zero or more normalised characters.
    """

    text: str
    _norm_starts: tuple[int, ...] = ()
    _orig_starts: tuple[int, ...] = ()
    _verbatim: tuple[bool, ...] = ()

    @property
    def identity(self) -> bool:
        return not self._norm_starts

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if self.identity:
            return start, end
        i = bisect_right(self._norm_starts, start) - 1
        if self._verbatim[i]:
            o_start = self._orig_starts[i] + (start - self._norm_starts[i])
        else:
            o_start = self._orig_starts[i]
        j = bisect_left(self._norm_starts, end) - 1
        if j < 0:
            return o_start, o_start
        if self._verbatim[j]:
            o_end = self._orig_starts[j] + (end - self._norm_starts[j])
        else:
            o_end = self._orig_starts[j] + 1
        return o_start, max(o_start, o_end)


def normalize(text: str) -> Normalized:
    """NFKC per character, dashes to '-', format characters removed."""
    if _MAYBE_CHANGED.search(text) is None:
        return Normalized(text)
    if unicodedata.is_normalized("NFKC", text) and _DROP_OR_DASH.search(text) is None:
        return Normalized(text)

    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    verbatim: list[bool] = []
    n_pos = 0  # length of normalised text so far
    copied_to = 0  # original offset up to which text has been emitted

    def add(n_start: int, o_start: int, is_verbatim: bool) -> None:
        norm_starts.append(n_start)
        orig_starts.append(o_start)
        verbatim.append(is_verbatim)

    for m in _MAYBE_CHANGED.finditer(text):
        i = m.start()
        rep = _replacement(text[i])
        if rep is None:
            continue
        if i > copied_to:
            add(n_pos, copied_to, True)
            pieces.append(text[copied_to:i])
            n_pos += i - copied_to
        add(n_pos, i, False)
        pieces.append(rep)
        n_pos += len(rep)
        copied_to = i + 1
    if not norm_starts:
        return Normalized(text)
    # A trailing verbatim segment, also present when empty so end offsets at
    # the very end map after the last replaced character.
    add(n_pos, copied_to, True)
    pieces.append(text[copied_to:])
    return Normalized("".join(pieces), tuple(norm_starts), tuple(orig_starts), tuple(verbatim))
