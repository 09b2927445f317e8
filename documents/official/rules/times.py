"""Times in the 24-hour clock with a colon: ``14:30`` — no 오전/오후, no 시/분 (영 제7조⑤)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from documents.official.model import WARNING
from documents.official.rules.base import SOFT, Finding, LineState, replace_span

_TIME = re.compile(
    r"(?<![\d:.,])"
    r"(?:(?P<ap>오전|오후)[ \t]*)?"
    r"(?P<h>\d{1,2})"
    r"(?:"
    # 시 not followed by 간/군/도… (24시간, 3시군) which are not clock times
    r"시(?![간군도청장민정설행책급계])(?:[ \t]*(?P<mi>\d{1,2})[ \t]*분|[ \t]*(?P<half>반))?"
    r"|(?P<sp>[ \t]*):(?P<sp2>[ \t]*)(?P<mc>\d{2})(?![\d:]|,\d)"
    r")"
    r"(?:[ \t]*(?P<en>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
)


def scan(line: str, state: LineState) -> Iterator[Finding]:
    for m in _TIME.finditer(line):
        hour = int(m.group("h"))
        if m.group("mc") is not None:
            minute = int(m.group("mc"))
        elif m.group("mi") is not None:
            minute = int(m.group("mi"))
        elif m.group("half"):
            minute = 30
        else:
            minute = 0
        pm = m.group("ap") == "오후" or (m.group("en") or "").lower().startswith("p")
        am = m.group("ap") == "오전" or (m.group("en") or "").lower().startswith("a")
        if hour > 24 or minute > 59 or (hour > 12 and am):
            continue
        if pm and hour < 12:
            hour += 12
        elif am and hour == 12:
            hour = 0
        expected = f"{hour:02d}:{minute:02d}"
        found = m.group(0)
        spaced = bool(m.group("sp") or m.group("sp2"))
        korean = m.group("mc") is None
        if korean or m.group("ap") or m.group("en") or spaced:
            if not korean and not (m.group("ap") or m.group("en")):
                # "14 : 00" is a time with stray spaces, never a 오전/오후 issue
                fixed = replace_span(line, m.start(), m.end(), expected)
                yield Finding("time.format", "time.format", SOFT, fixed, {"expected": expected, "found": found})
                continue
            fixed = replace_span(line, m.start(), m.end(), expected)
            yield Finding("time.format", "time.format", SOFT, fixed, {"expected": expected, "found": found.strip()})
        elif len(m.group("h")) == 1:
            fixed = replace_span(line, m.start(), m.end(), expected)
            yield Finding("time.pad", "time.pad", WARNING, fixed, {"expected": expected})
