"""Banned-word (금칙어) filter: the public entry point.

::

    bw = BannedWords.from_file(path)        # or from_text(text), empty()
    bw.find(text) -> list[BannedHit]         # sorted, non-overlapping, original offsets
    bw.redact(text) -> str                   # one "*" per hit character, whitespace kept
    r = bw.stream_redactor(); r.feed(delta) -> str; r.flush() -> str
    watched = BannedWordsFile(path, check_interval=2.0); watched.current() -> BannedWords

List syntax: see ``safety/banned/listfile.py`` and ``safety/data/banned_words.example.txt``.
"""

from safety.banned.listfile import BannedListError
from safety.banned.matcher import BannedHit, BannedWords
from safety.banned.stream import StreamRedactor
from safety.banned.watch import BannedWordsFile

__all__ = ["BannedHit", "BannedListError", "BannedWords", "BannedWordsFile", "StreamRedactor"]
