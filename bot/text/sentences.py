"""Rule-based Korean sentence splitting.

A morphological analyzer (kiwipiepy) splits better but costs ~1 s to load and
~0.5 GB of memory; official prose ends sentences in a small set of patterns
(…다. …요. …함. …음. ? !), so rules get nearly all of it at no cost.
"""

from __future__ import annotations

import re

# A sentence ends at ./?/! (or a closing quote/bracket after it) followed by
# whitespace, unless the dot is part of a number, a date like "2025. 7. 31." or
# an item symbol like "1." / "가.".
_BOUNDARY = re.compile(r"(?<=[.?!。？！…])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*(?:[-*•○□■◦▪]|\d+[.)]|[가-하][.)])\s)")
_NOT_END = re.compile(r"(?:\d|\b[가-하]|\b[A-Za-z]|\d{4}\.\s?\d{1,2})\.$")


# Lines shorter than this without end punctuation are headings or list items,
# longer ones are hard-wrapped prose (PDF, fixed-width TXT) that continues.
HEADING_MAX = 40


def _split_lines(sentence: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for line in sentence.split("\n"):
        line = line.strip()
        if not line:
            continue
        buf = f"{buf} {line}" if buf else line
        if len(line) < HEADING_MAX or line[-1] in ".?!。？！…":
            out.append(buf)
            buf = ""
    if buf:
        out.append(buf)
    return out


def split_sentences(text: str) -> list[str]:
    return [line for sentence in _split_on_punctuation(text) for line in _split_lines(sentence)]


def _split_on_punctuation(text: str) -> list[str]:
    sentences: list[str] = []
    buf = ""
    pos = 0
    for match in _BOUNDARY.finditer(text):
        piece = text[pos : match.start()]
        pos = match.end()
        candidate = (buf + " " + piece).strip() if buf else piece.strip()
        if "\n" not in match.group(0) and _NOT_END.search(candidate):
            buf = candidate
            continue
        buf = ""
        if candidate:
            sentences.append(candidate)
    tail = (buf + " " + text[pos:]).strip() if buf else text[pos:].strip()
    if tail:
        sentences.append(tail)
    return sentences
