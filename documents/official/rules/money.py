"""Formally stated amounts: ``금113,560원(금일십일만삼천오백육십원)`` (시행규칙 제2조②).

Only amounts introduced by the word-initial ``금`` (or already carrying a Hangul reading) are
formal statements; plain ``113,560원`` in tables and 보도자료 is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from documents.official.hangul_numbers import parse_hangul, to_hangul
from documents.official.model import ERROR
from documents.official.rules.base import Finding, LineState, replace_span

_NUMERALS = "영일이삼사오육칠팔구십백천만억조경"
_FORMAL = re.compile(
    r"(?<![가-힣])금(?P<sp1>[ \t]*)(?P<num>\d[\d,]*)(?P<sp2>[ \t]*)원"
    r"(?P<paren>(?P<sp3>[ \t]*)\((?P<inner>[^()]*)\))?"
)
# "113,560원(금일십일만…원)": a Hangul reading without the leading 금 on the digits.
_READING_ONLY = re.compile(
    rf"(?<![\d,금])(?<!금[ \t])(?P<num>\d[\d,]*)원\((?P<inner>[ \t]*금?[{_NUMERALS} \t]+원[ \t]*)\)"
)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})*$")
_READING = re.compile(rf"^[ \t]*(?P<geum>금)?[ \t]*(?P<h>[{_NUMERALS} \t]+)원[ \t]*$")


def canonical(value: int) -> str:
    return f"금{value:,}원(금{to_hangul(value)}원)"


def scan(line: str, state: LineState) -> Iterator[Finding]:
    for m in _FORMAL.finditer(line):
        digits = m.group("num").rstrip(",")
        value = int(digits.replace(",", ""))
        expected = canonical(value)
        found = m.group(0)
        inner = m.group("inner")
        reading = _READING.match(inner) if inner is not None else None
        end = m.end() if reading else m.end("sp2") + 1  # keep a non-reading "(…)" that follows
        fixed = replace_span(line, m.start(), end, expected)
        if m.group("sp1") or m.group("sp2") or not _GROUPED.match(digits) or (reading and m.group("sp3")):
            yield Finding("money.format", "money.format", ERROR, fixed, {"expected": expected, "found": found})
        elif reading is None:
            yield Finding(
                "money.reading", "money.reading_missing", ERROR, fixed, {"expected": expected, "found": line[m.start():end]}
            )
        elif parse_hangul(reading.group("h")) != value:
            yield Finding("money.reading", "money.reading_wrong", ERROR, fixed, {"expected": expected, "found": found})
        elif not reading.group("geum"):
            yield Finding("money.reading", "money.reading_prefix", ERROR, fixed, {"expected": expected})
    for m in _READING_ONLY.finditer(line):
        value = int(m.group("num").replace(",", ""))
        expected = canonical(value)
        fixed = replace_span(line, m.start(), m.end(), expected)
        yield Finding("money.format", "money.format", ERROR, fixed, {"expected": expected, "found": m.group(0)})
