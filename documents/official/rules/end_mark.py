"""The end mark (편람): ``…바랍니다.  끝.`` two spaces after the last body or 붙임 line;
``  끝.`` on its own line under a table filled to its last row; ``이하 빈칸`` in a form that
ends early.
"""

from __future__ import annotations

import re

from documents.official.doctypes import DRAFT, MINUTES, PLAN, PRESS, REPLY, REPORT, SPEECH
from documents.official.layout import END_RE, Layout
from documents.official.model import ERROR, WARNING, Violation
from documents.official.rules.base import violation

_REQUIRED = {DRAFT: ERROR, REPLY: ERROR, PLAN: WARNING, REPORT: WARNING, MINUTES: WARNING}
_NOT_USED = {PRESS, SPEECH}
_BLANK_FORM = "이하 빈칸"


def check(layout: Layout) -> list[Violation]:
    out: list[Violation] = []
    lines = layout.lines
    out.extend(_blank_forms(layout))
    for i in layout.end_marks:
        m = END_RE.match(lines[i])
        assert m is not None
        body = m.group("body").rstrip(" \t\u3000")
        if not body:
            out.extend(_lone_mark(layout, i))
            continue
        if m.group("gap") != "  " or not m.group("dot") or lines[i] != lines[i].rstrip():
            out.append(violation("end.format", i, ERROR, "end.format", body + "  끝."))
        if layout.body_end is not None and i != layout.body_end:
            out.append(violation("end.position", i, ERROR, "end.after", None))
    if not layout.end_marks:
        out.extend(_missing(layout))
    return out


def _lone_mark(layout: Layout, i: int) -> list[Violation]:
    lines = layout.lines
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0:
        return []
    if j in layout.table_lines:
        if layout.body_end is not None and i != layout.body_end:
            return [violation("end.position", i, ERROR, "end.after", None)]
        if lines[i].strip() != "끝.":
            return [violation("end.format", i, ERROR, "end.format", "  끝.")]
        return []
    fixed = lines[j].rstrip() + "  끝."
    return [violation("end.position", i, ERROR, "end.position", fixed, span=(j, i))]


def _missing(layout: Layout) -> list[Violation]:
    severity = _REQUIRED.get(layout.doc_type or "")
    if severity is None or layout.body_end is None:
        return []
    end = layout.body_end
    if end in layout.table_lines:
        if _has_blank_form(layout, end) or _ends_blank(layout, end):
            return []  # a form that ends early takes 이하 빈칸 instead (reported on its own)
        fixed = layout.lines[end] + "\n  끝."
    else:
        fixed = layout.lines[end].rstrip() + "  끝."
    key = "end.missing" if severity == ERROR else "end.missing_soft"
    return [violation("end.missing", end, severity, key, fixed)]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_separator(line: str) -> bool:
    return "-" in line and bool(re.fullmatch(r"[\s|:\-]+", line))


def _has_blank_form(layout: Layout, index: int) -> bool:
    for start, end in layout.tables:
        if start <= index <= end:
            return any(_BLANK_FORM in layout.lines[k].replace(" ", "").replace("이하빈칸", _BLANK_FORM) for k in range(start, end + 1))
    return False


def _ends_blank(layout: Layout, index: int) -> bool:
    for start, end in layout.tables:
        if start <= index <= end:
            rows = [k for k in range(start, end + 1) if not _is_separator(layout.lines[k])]
            return len(rows) >= 2 and not any(_cells(layout.lines[rows[-1]]))
    return False


def _blank_forms(layout: Layout) -> list[Violation]:
    """A form (table) whose last rows are empty needs 이하 빈칸 in the first empty row."""
    out = []
    for start, end in layout.tables:
        rows = [k for k in range(start, end + 1) if not _is_separator(layout.lines[k])]
        if len(rows) < 2 or _has_blank_form(layout, start):
            continue
        empty = [k for k in rows if not any(_cells(layout.lines[k]))]
        if not empty or empty[-1] != rows[-1]:
            continue
        first = rows[-1]
        for k in reversed(rows):
            if any(_cells(layout.lines[k])):
                break
            first = k
        cells = _cells(layout.lines[first])
        cells[0] = _BLANK_FORM
        lead = layout.lines[first][: len(layout.lines[first]) - len(layout.lines[first].lstrip())]
        fixed = lead + "| " + " | ".join(cells) + " |"
        out.append(violation("end.blank_form", first, ERROR, "end.blank_form", fixed))
    return out
