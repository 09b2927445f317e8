"""공개 구분 in the 결문 (별지 제1호서식): ``공개``, ``부분공개(n)`` or ``비공개(n)``, n being the
호 of 「공공기관의 정보공개에 관한 법률」 제9조제1항 (1–8).
"""

from __future__ import annotations

import re

from documents.official.doctypes import LETTER_TYPES
from documents.official.layout import Layout
from documents.official.model import ERROR, Violation
from documents.official.rules.base import violation

VALID = re.compile(r"^(공개|부분공개\([1-8]\)|비공개\([1-8]\))$")
# 온-나라 prints "대국민 공개" for 공개: the same value, accepted as written.
_SYSTEM_SPELLINGS = re.compile(r"^대국민[ \t]*공개$")
_SPACED = re.compile(r"^(부분[ \t]*공개|비[ \t]*공개)[ \t]*\([ \t]*([1-8])[ \t]*\)$")
_LABELLED = re.compile(r"^[ \t\u3000]*공개[ \t]*구분[ \t\u3000]*:?[ \t\u3000]*(?P<value>.+?)[ \t]*$")
_PHONE_LINE = re.compile(r"^[ \t\u3000]*전화")
_DISCLOSURE_WORDS = re.compile(r"공개|비공개|대외비|비밀|열람")


def check(layout: Layout) -> list[Violation]:
    if layout.closing_start is None:
        return []
    out: list[Violation] = []
    found = False
    for i in range(layout.closing_start, len(layout.lines)):
        line = layout.lines[i]
        slot = _slot(line)
        if slot is None:
            continue
        start, value = slot
        found = True
        if VALID.match(value) or _SYSTEM_SPELLINGS.match(value):
            continue
        spaced = _SPACED.match(value)
        fixed = None
        if spaced:
            word = spaced.group(1).replace(" ", "").replace("\t", "")
            fixed = line[:start] + f"{word}({spaced.group(2)})" + line[start + len(value):]
        elif value.replace(" ", "") == "공개":
            fixed = line[:start] + "공개" + line[start + len(value):]
        out.append(violation("disclosure.value", i, ERROR, "disclosure.value", fixed, found=value))
    has_closing_number = any(re.match(r"^[ \t\u3000]*시행[ \t\u3000]", ln) for ln in layout.lines[layout.closing_start:])
    if not found and layout.doc_type in LETTER_TYPES and has_closing_number:
        phone = [i for i in range(layout.closing_start, len(layout.lines)) if _PHONE_LINE.match(layout.lines[i])]
        last = max(i for i, ln in enumerate(layout.lines) if ln.strip())
        out.append(violation("disclosure.missing", phone[-1] if phone else last, ERROR, "disclosure.missing", None))
    return out


def _slot(line: str) -> tuple[int, str] | None:
    """Where the disclosure value sits: a "공개 구분" line, or the last "/" field of the 전화 line."""
    m = _LABELLED.match(line)
    if m:
        return m.start("value"), m.group("value")
    if not _PHONE_LINE.match(line) or "/" not in line:
        return None
    cut = line.rfind("/")
    raw = line[cut + 1:]
    value = raw.strip()
    if not value or "@" in value or "www" in value.lower() or "http" in value.lower():
        return None
    if not _DISCLOSURE_WORDS.search(value):
        return None
    return cut + 1 + (len(raw) - len(raw.lstrip())), value
