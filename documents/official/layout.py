"""Where things are in a plain-text official document: 두문, body, 붙임 block, tables, 결문.

Rules share this view so they agree on, e.g., which line is the last body line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.official.doctypes import detect_doc_type, normalize_doc_type
from documents.official.symbols import display_indent, parse_item

# First lines of the 결문 (별지 제1호서식): 수신자 list, signatures, 시행/접수, 주소, 전화.
CLOSING_RE = re.compile(
    r"^(수신자[ \t\u3000]"
    r"|(기안자|검토자|결재권자|협조자)[ \t\u3000]"
    r"|시행[ \t\u3000]+\S+-\S*[ \t]*\("
    r"|접수[ \t\u3000]+\S+-"
    r"|우[ \t\u3000]?(\d{5}|○)"
    r"|전화(번호)?[ \t\u3000]*[\d(○]"
    r")"
)
# A signature line ("주무관 홍길동  팀장 김민수 …") opens the 결문 only after the end mark:
# before it, such words can start an ordinary sentence.
SIGNATURE_RE = re.compile(
    r"^(주무관|주사보?|서기보?|사무관|서기관|부이사관|이사관|팀장|과장|국장|실장|담당관|동장|계장|담당|[가-힣]+과장)[ \t\u3000]+\S"
)
ATTACH_RE = re.compile(r"^(?P<lead>[ \t\u3000]{0,2})(?P<word>붙[ \t]?임|첨[ \t]?부)(?P<sep>[ \t\u3000]*:?[ \t\u3000]*)(?P<rest>.*)$")
COUNT_RE = re.compile(r"\d+[ \t]*(부|매|건|권|장|개|종|편|식|질|벌)\.?([ \t\u3000]*끝\.?)?[ \t\u3000]*$")
NUMBERED_RE = re.compile(r"^\d{1,2}\.")
END_RE = re.compile(r"^(?P<body>.*?)(?P<gap>[ \t\u3000]*)끝(?P<dot>\.?)[ \t\u3000]*$")
TABLE_RE = re.compile(r"^[ \t\u3000]*\|")


@dataclass
class AttachBlock:
    start: int  # 0-based, the 붙임 line
    end: int  # 0-based inclusive, last entry line


@dataclass
class Layout:
    lines: list[str]
    doc_type: str | None  # as given, else guessed from the text (None when unsure)
    closing_start: int | None = None
    sender_line: int | None = None
    body_end: int | None = None
    attach_blocks: list[AttachBlock] = field(default_factory=list)
    attach_lines: set[int] = field(default_factory=set)
    tables: list[tuple[int, int]] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)
    end_marks: list[int] = field(default_factory=list)

    def body_range(self) -> range:
        stop = self.closing_start if self.closing_start is not None else len(self.lines)
        return range(0, stop)

    def in_closing(self, index: int) -> bool:
        return self.closing_start is not None and index >= self.closing_start


def is_end_mark(line: str) -> bool:
    m = END_RE.match(line)
    if not m:
        return False
    body = m.group("body")
    if not body.strip():
        return True
    # "…바랍니다.  끝." or "…1부. 끝" — not the noun 끝 inside a word ("맨끝").
    return bool(m.group("gap")) or body.rstrip()[-1] in ".)」』\"'”’"


def is_attach_line(line: str) -> bool:
    m = ATTACH_RE.match(line)
    if not m or not m.group("rest").strip():
        return False
    sep, rest = m.group("sep"), m.group("rest")
    if ":" in sep or NUMBERED_RE.match(rest) or COUNT_RE.search(rest):
        return True
    return m.group("word").startswith("붙") and len(sep) >= 2


def analyse(text: str, doc_type: str | None = None) -> Layout:
    lines = text.split("\n")
    given = normalize_doc_type(doc_type)
    layout = Layout(lines=lines, doc_type=given or detect_doc_type(lines))
    _find_tables(layout)
    ends = [i for i, line in enumerate(lines) if i not in layout.table_lines and is_end_mark(line)]
    _find_closing(layout, ends[-1] + 1 if ends else None)
    _find_attachments(layout)
    _find_body_end(layout)
    layout.end_marks = [
        i for i in layout.body_range() if i not in layout.table_lines and is_end_mark(lines[i])
    ]
    return layout


def _find_tables(layout: Layout) -> None:
    start = None
    for i, line in enumerate(layout.lines + [""]):
        if TABLE_RE.match(line):
            if start is None:
                start = i
            layout.table_lines.add(i)
        elif start is not None:
            layout.tables.append((start, i - 1))
            start = None


def _find_closing(layout: Layout, after_end: int | None) -> None:
    lines = layout.lines
    # With an end mark, the 결문 can only follow it; a body line such as "전화 02-…로 문의"
    # above it is not the 결문.
    for i in range(after_end if after_end is not None else 1, len(lines)):
        if i in layout.table_lines:
            continue
        stripped = lines[i].strip()
        if CLOSING_RE.match(stripped) or (after_end is not None and SIGNATURE_RE.match(stripped)):
            layout.closing_start = i
            break
    if after_end is not None:
        # After the end mark, a short line that is not an item is the 발신명의; text taken
        # from 한/글 loses the centring, so its position, not its indentation, tells.
        stop = layout.closing_start if layout.closing_start is not None else len(lines)
        rest = [j for j in range(after_end, stop) if lines[j].strip()]
        if rest and _is_sender(lines[rest[0]]):
            layout.sender_line = layout.closing_start = rest[0]
        return
    if layout.closing_start is None:
        return
    # Without an end mark: a centred (deeply indented) line just above the 결문 lines.
    j = layout.closing_start - 1
    while j > 0 and not lines[j].strip():
        j -= 1
    if j > 0 and _is_centred(lines[j]):
        layout.sender_line = j
        layout.closing_start = j


def _is_sender(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) <= 30
        and parse_item(line) is None
        and not TABLE_RE.match(line)
        and not stripped.endswith(("다.", "요.", "함.", "음.", "임."))
    )


def _is_centred(line: str) -> bool:
    stripped = line.lstrip(" \t\u3000")
    return display_indent(line[: len(line) - len(stripped)]) >= 10 and parse_item(line) is None and len(stripped) <= 30


def _find_attachments(layout: Layout) -> None:
    lines = layout.lines
    i = 0
    stop = layout.closing_start if layout.closing_start is not None else len(lines)
    while i < stop:
        if i not in layout.table_lines and is_attach_line(lines[i]):
            end = i
            j = i + 1
            while j < stop and _is_attach_continuation(lines[j]):
                end = j
                j += 1
            layout.attach_blocks.append(AttachBlock(i, end))
            layout.attach_lines.update(range(i, end + 1))
            i = end + 1
        else:
            i += 1


def _is_attach_continuation(line: str) -> bool:
    stripped = line.lstrip(" \t\u3000")
    if not stripped or display_indent(line[: len(line) - len(stripped)]) < 2:
        return False
    # An indented "2. …" right under 붙임 is an attachment even when its count is missing:
    # body items at that level start at the margin.
    return bool(NUMBERED_RE.match(stripped)) or bool(COUNT_RE.search(stripped) and parse_item(line) is None)


def _find_body_end(layout: Layout) -> None:
    stop = layout.closing_start if layout.closing_start is not None else len(layout.lines)
    for i in range(stop - 1, -1, -1):
        if layout.lines[i].strip():
            layout.body_end = i
            return
