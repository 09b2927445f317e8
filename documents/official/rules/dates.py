"""Dates as ``2025. 7. 31.`` with a true weekday glued on: ``2025. 7. 31.(목)`` (영 제7조⑤, 편람)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from documents.official.model import ERROR
from documents.official.rules.base import SOFT, Finding, LineState, replace_span

WEEKDAYS = "월화수목금토일"

# Any year-month-day written with dots, dashes or slashes, however spaced or padded.
_LOOSE_DATE = re.compile(
    r"(?<![A-Za-z\d.\-/])(?P<y>(?:19|20)\d{2})(?P<s1>[ \t]*[.\-/][ \t]*)(?P<m>\d{1,2})"
    r"(?P<s2>[ \t]*[.\-/][ \t]*)(?P<d>\d{1,2})(?![\d])(?!\.\d)(?P<s3>[ \t]*\.(?!\d))?"
)
_KOREAN_DATE = re.compile(
    r"(?<![\d.])(?:(?P<y>(?:19|20)\d{2})[ \t]*년[ \t]*)?(?P<m>\d{1,2})[ \t]*월[ \t]*(?P<d>\d{1,2})[ \t]*일(?!간|[\d])"
)
# Month and day alone (the end of a range, "∼8. 1.(금)") — checked only when a weekday follows.
_MONTH_DAY = re.compile(r"(?<![\d.])(?<!\d\.[ \t])(?P<m>1[0-2]|[1-9])\.[ \t](?P<d>3[01]|[12]\d|[1-9])\.(?=[ \t]*\()")
_WEEKDAY = re.compile(r"(?P<space>[ \t]*)\((?P<w>[월화수목금토일])(?P<full>요일)?\)")


def format_date(day: dt.date, weekday: bool = False) -> str:
    text = f"{day.year}. {day.month}. {day.day}."
    return text + f"({WEEKDAYS[day.weekday()]})" if weekday else text


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def scan(line: str, state: LineState) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []
    for m in _LOOSE_DATE.finditer(line):
        taken.append(m.span())
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        found = m.group(0)
        day = _valid(y, mo, d)
        if day is None:
            yield Finding("date.invalid", "date.invalid", ERROR, None, {"found": found.strip()})
            continue
        state.year, state.month = y, mo
        canonical = format_date(day)
        if found != canonical:
            fixed = replace_span(line, m.start(), m.end(), canonical)
            yield Finding("date.format", "date.format", ERROR, fixed, {"expected": canonical, "found": found.strip()})
        else:
            yield from _weekday(line, m.end(), day)
    for m in _KOREAN_DATE.finditer(line):
        if any(a <= m.start() < b for a, b in taken):
            continue
        taken.append(m.span())
        mo, d = int(m.group("m")), int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else None
        if not 1 <= mo <= 12 or not 1 <= d <= 31:
            continue
        expected = f"{year}. {mo}. {d}." if year else f"{mo}. {d}."
        fixed = replace_span(line, m.start(), m.end(), expected)
        yield Finding("date.format", "date.format", SOFT, fixed, {"expected": expected, "found": m.group(0).strip()})
        if year:
            state.year, state.month = year, mo
    for m in _MONTH_DAY.finditer(line):
        if any(a <= m.start() < b for a, b in taken) or state.year is None:
            continue
        mo, d = int(m.group("m")), int(m.group("d"))
        # A range may run into the next year: "2025. 12. 29.(월)∼1. 2.(금)".
        year = state.year + 1 if state.month and mo < state.month else state.year
        day = _valid(year, mo, d)
        if day is not None:
            yield from _weekday(line, m.end(), day)


def _weekday(line: str, end: int, day: dt.date) -> Iterator[Finding]:
    m = _WEEKDAY.match(line, end)
    if not m:
        return
    actual = WEEKDAYS[day.weekday()]
    if m.group("w") != actual:
        yield Finding(
            "date.weekday",
            "date.weekday_wrong",
            ERROR,
            None,
            {"date": format_date(day), "actual": actual, "found": m.group(0).strip()},
        )
    elif m.group("space"):
        fixed = replace_span(line, m.start(), m.end(), f"({actual})")
        yield Finding("date.weekday", "date.weekday_space", ERROR, fixed, {"expected": format_date(day, True)})
