"""The admin's list file syntax.

::

    # comment line; " #" after an entry starts a comment too
    시발 +초성     a banned term; "+초성" also matches its initial-consonant forms
                   (ㅅㅂ, ㅅ발, 시ㅂ; tense consonants also as plain: ㅆㅂ -> ㅅㅂ)
    개 새끼        spaces and punctuation inside a term are ignored
    fuck           Latin terms match whole words only, any case
    !시발점        an allowed exception: hits inside it are not hits

Errors carry a line number and a fixed reason, never the line's text, so they
can be logged.
"""

from __future__ import annotations

from dataclasses import dataclass

CHOSUNG_MARKERS = frozenset({"+초성", "+chosung"})
MAX_LINE_CHARS = 200


class BannedListError(ValueError):
    """The list text is broken; ``line`` is 1-based (0 for whole-file problems)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"banned-word list line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    chosung: bool
    line: int


@dataclass(frozen=True, slots=True)
class ListSpec:
    entries: tuple[Entry, ...]
    exceptions: tuple[Entry, ...]


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    cut = line.find(" #")
    tab_cut = line.find("\t#")
    cuts = [c for c in (cut, tab_cut) if c >= 0]
    return (line[: min(cuts)] if cuts else line).strip()


def parse_list(text: str) -> ListSpec:
    if "\x00" in text:
        raise BannedListError(0, "binary content (NUL byte)")
    entries: list[Entry] = []
    exceptions: list[Entry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if not line:
            continue
        if len(line) > MAX_LINE_CHARS:
            raise BannedListError(number, f"line longer than {MAX_LINE_CHARS} characters")
        exception = line.startswith("!")
        if exception:
            line = line[1:].strip()
        words = line.split()
        chosung = False
        while words and words[-1].startswith("+") and len(words[-1]) > 1:
            marker = words.pop()
            if marker not in CHOSUNG_MARKERS:
                raise BannedListError(number, "unknown marker (only +초성 is defined)")
            if exception:
                raise BannedListError(number, "+초성 is not allowed on an exception")
            chosung = True
        term = " ".join(words)
        if not term:
            raise BannedListError(number, "empty term")
        (exceptions if exception else entries).append(Entry(term, chosung, number))
    return ListSpec(tuple(entries), tuple(exceptions))
