"""Colon spacing: attached to the word before, one space after (``장소: 대회의실``).

Times and ratios (``14:30``, ``1:1``), URLs and e-mail-like tokens are not labels and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from documents.official.model import WARNING
from documents.official.rules.base import Finding, LineState

_LABEL_COLON = re.compile(r"(?P<before>[ \t]+)?:(?P<after>[ \t]*)")
_DIGIT_COLON = re.compile(r"\d[ \t]*:[ \t]*\d")
_URLISH = re.compile(r"(https?|ftp|mailto|file)$", re.IGNORECASE)


def scan(line: str, state: LineState) -> Iterator[Finding]:
    for m in _LABEL_COLON.finditer(line):
        colon = m.start() + len(m.group("before") or "")
        head = line[: m.start()]
        tail = line[m.end():]
        if not head.strip():
            continue  # a line starting with ":" is not a label
        if _DIGIT_COLON.match(line, max(0, len(head.rstrip()) - 1)) and head.rstrip()[-1:].isdigit():
            continue
        if line[colon + 1: colon + 3] == "//" or _URLISH.search(head.rstrip()):
            continue
        missing_after = bool(tail) and not m.group("after")
        space_before = bool(m.group("before"))
        if not (missing_after or space_before):
            continue
        label = head.rstrip()
        rest = tail.lstrip(" \t")
        expected = f"{label}: {rest}" if rest else f"{label}:"
        fixed = expected
        sample = (label.split()[-1] if label.split() else label) + (": " + rest.split()[0] if rest.split() else ":")
        yield Finding("punct.colon", "punct.colon", WARNING, fixed, {"expected": sample})
        return  # one finding per line; the fix rewrites the first colon and the next pass sees the rest
