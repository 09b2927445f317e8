"""``BannedWords``: the compiled list and the search over normalised views.

Each text is scanned in up to three views, all with one Aho–Corasick automaton
per view kind (so the cost does not grow with the list size):

* main view: folded text without separators (covers spacing, punctuation,
  inserted digits, full-width, look-alikes, jamo, zero-width, stretching, 초성);
* keyboard view: same, with Latin words typed in English mode turned into Hangul;
* digit view: digits kept, only for list entries that contain digits.

Exceptions are matched in the same views; a hit lying inside an exception
occurrence is dropped. Offsets are Python indices into the original text because
every normalisation step keeps the text's length (see ``normalize``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from safety.banned.automaton import PatternAutomaton
from safety.banned.hit import BannedHit
from safety.banned.listfile import BannedListError, Entry, ListSpec, parse_list
from safety.banned.normalize import FoldedText, fold_text
from safety.banned.patterns import chosung_forms, letters_of
from safety.banned.redact import mask, merge_spans
from safety.banned.views import KeyView, to_key

if TYPE_CHECKING:
    from safety.banned.stream import StreamRedactor

__all__ = ["BannedHit", "BannedWords", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 4 * 1024 * 1024


# BannedWords.contains: chunk size and the context kept around each chunk.
_PROBE_CHUNK = 1 << 16
_PROBE_MARGIN = 1 << 12


class BannedWords:
    """A compiled banned-word list. Immutable and safe to share between threads."""

    def __init__(self, spec: ListSpec) -> None:
        self._main = PatternAutomaton()
        self._digit = PatternAutomaton()
        terms: set[str] = set()
        for entry in spec.entries:
            self._add_entry(entry)
            terms.add(entry.term)
        for entry in spec.exceptions:
            if not letters_of(entry.term, digits=True):
                raise BannedListError(entry.line, "exception has no letters or digits")
            self._main.add(letters_of(entry.term, digits=False), entry.term, exception=True, digits=False)
            self._digit.add(letters_of(entry.term, digits=True), entry.term, exception=True, digits=True)
        self._pattern_letters = frozenset(
            c for p in self._main.patterns if not p.exception for c in p.letters
        )
        self._main.build()
        self._digit.build()
        self._use_digit_view = self._digit.has_banned
        self._entry_count = len(terms)
        self._exception_count = len({e.term for e in spec.exceptions})
        patterns = self._main.patterns + self._digit.patterns
        # Letters in the longest pattern: how much text a stream must hold back.
        self.longest = max((len(p.letters) for p in patterns), default=0)

    def _add_entry(self, entry: Entry) -> None:
        plain = letters_of(entry.term, digits=False)
        with_digits = letters_of(entry.term, digits=True)
        if not with_digits:
            raise BannedListError(entry.line, "term has no letters or digits")
        if with_digits != plain:
            self._digit.add(with_digits, entry.term, exception=False, digits=True)
            return
        self._main.add(plain, entry.term, exception=False, digits=False)
        if entry.chosung:
            for form in chosung_forms(plain):
                self._main.add(list(form), entry.term, exception=False, digits=False)

    # construction -------------------------------------------------------

    @classmethod
    def from_text(cls, text: str) -> BannedWords:
        """Parse list-file syntax; raises ``BannedListError`` on a broken list."""
        return cls(parse_list(text))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> BannedWords:
        """Read a UTF-8 list file (BOM allowed). Raises ``OSError`` or ``BannedListError``."""
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise BannedListError(0, f"file larger than {max_bytes} bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BannedListError(0, "not valid UTF-8") from None
        return cls.from_text(text)

    @classmethod
    def empty(cls) -> BannedWords:
        return cls(ListSpec((), ()))

    # queries -------------------------------------------------------------

    def __len__(self) -> int:
        """Number of distinct banned entries (exceptions not counted)."""
        return self._entry_count

    @property
    def exception_count(self) -> int:
        return self._exception_count

    def all_hits(self, text: str) -> list[BannedHit]:
        """Every hit, possibly overlapping, in no particular order."""
        if not self._entry_count or not text:
            return []
        return self.hits_in(fold_text(text))

    def hits_in(self, folded: FoldedText) -> list[BannedHit]:
        """``all_hits`` for text already folded with ``fold_text`` (the stream reuses its fold)."""
        hits = self._main.hits(KeyView(folded.main))
        if folded.keyboard is not None:
            # A typed word can only matter if one of its syllables occurs in a pattern.
            typed = tuple(
                (start, end) for start, end in folded.typed
                if not self._pattern_letters.isdisjoint(folded.keyboard[start:end])
            )
            if typed:
                hits += self._keyboard_hits(folded.keyboard, typed)
        if self._use_digit_view:
            hits += self._digit.hits(KeyView(folded.main, digits=True))
        return hits

    def _keyboard_hits(self, typed: str, words: tuple[tuple[int, int], ...]) -> list[BannedHit]:
        """Scan only windows around converted words; elsewhere the view equals the main one."""
        margin = (self.longest + 4) * 4  # letters plus the widest allowed gaps, with context
        windows: list[tuple[int, int, list[tuple[int, int]]]] = []
        for start, end in words:
            lo, hi = max(0, start - margin), min(len(typed), end + margin)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi, [*windows[-1][2], (start, end)])
            else:
                windows.append((lo, hi, [(start, end)]))
        hits: list[BannedHit] = []
        for lo, hi, inside in windows:
            # Only hits that use a typed word are new; the rest are main-view hits,
            # possibly cut off at the window edge, so they are skipped.
            within = []
            for start, end in inside:
                key_start = len(to_key(typed[lo:start]))
                within.append((key_start, key_start + len(to_key(typed[start:end]))))
            hits += self._main.hits(KeyView(typed[lo:hi]), offset=lo, within=within)
        return hits

    def find(self, text: str) -> list[BannedHit]:
        """Hits sorted by position, non-overlapping (leftmost, then longest, wins)."""
        chosen: list[BannedHit] = []
        for hit in sorted(set(self.all_hits(text)), key=lambda h: (h.start, -h.end, h.term)):
            if not chosen or hit.start >= chosen[-1].end:
                chosen.append(hit)
        return chosen

    def contains(self, text: str) -> bool:
        """Whether ``find(text)`` is non-empty, stopping at the first hit.

        Long text is probed in overlapping chunks: a hit is trusted when its
        start lies in a chunk's own part and the chunk reaches ``_PROBE_MARGIN``
        characters past it on both sides, far more than any pattern, gap or
        exception spans, so the surrounding text that decides it is all there.
        Only when no chunk has a hit is the whole text scanned, so the answer
        is always ``bool(self.find(text))`` while text full of hits costs one
        chunk instead of millions of hits.
        """
        if not self._entry_count or not text:
            return False
        if len(text) > _PROBE_CHUNK + 2 * _PROBE_MARGIN:
            for lo in range(0, len(text), _PROBE_CHUNK):
                first = max(0, lo - _PROBE_MARGIN)
                hi = min(len(text), lo + _PROBE_CHUNK)
                stop = min(len(text), hi + _PROBE_MARGIN)
                for hit in self.all_hits(text[first:stop]):
                    start, end = hit.start + first, hit.end + first
                    if lo <= start < hi and (stop == len(text) or end <= stop - _PROBE_MARGIN):
                        return True
        return bool(self.all_hits(text))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Merged spans covering every hit, overlapping ones included."""
        return merge_spans([(h.start, h.end) for h in self.all_hits(text)])

    def redact(self, text: str) -> str:
        return mask(text, self.spans(text))

    def stream_redactor(self) -> StreamRedactor:
        """A redactor for one streamed reply (see ``safety.banned.stream``)."""
        from safety.banned.stream import StreamRedactor  # the stream module imports this one

        return StreamRedactor(self)
