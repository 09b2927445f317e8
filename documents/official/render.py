"""Structured content → the official text, deterministically.

Symbols by depth (1. → 가. → 1) → 가) → (1) → (가) → ① → ㉮), 2 spaces of indentation per level,
dates as ``2025. 7. 31.``, 붙임 lines and ``끝.`` are produced here, never taken from a model.
``render_blocks`` keeps each line's role so the HWPX/DOCX writers can style it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from documents.official.department import PLACEHOLDER, DepartmentInfo
from documents.official.doctypes import DRAFT, MINUTES, PRESS, REPLY, SPEECH
from documents.official.draft_model import Attachment, DraftDoc, DraftItem, DraftSection
from documents.official.fixer import fix_line
from documents.official.layout import is_end_mark
from documents.official.rules.dates import format_date
from documents.official.skeletons import BULLET, PROSE, skeleton
from documents.official.symbols import MAX_DEPTH, symbol

TEXT_WIDTH = 70  # half-width columns a centred line is centred in
BULLETS = ("□", "○", "-", "ㆍ")
INTERNAL = "내부결재"


@dataclass(frozen=True)
class Block:
    text: str
    role: str = "body"  # agency | title | subtitle | sender | body | blank | table
    align: str = "left"  # left | center
    rows: tuple[tuple[str, ...], ...] = ()


def render_text(draft: DraftDoc, dept: DepartmentInfo, today: dt.date) -> str:
    return "\n".join(_as_text(b) for b in render_blocks(draft, dept, today) if b.role != "table")


def _as_text(block: Block) -> str:
    if block.align != "center":
        return block.text
    pad = max(0, (TEXT_WIDTH - display_width(block.text)) // 2)
    return " " * pad + block.text


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---------------------------------------------------------------- cleaning model text

_LEADING_SYMBOL = re.compile(
    r"^[ \t\u3000]*(?:\d{1,2}[.)]|[가-힣][.)]|\(\d{1,2}\)|\([가-힣]\)|[①-⑳㉮-㉻ⓛ⑴-⒇]|[□■○●◦◎▪▫◇◆▶▷\-–ㆍ·•])[ \t\u3000]+"
)


def clean(text: str, doc_type: str | None = None) -> str:
    """One line of model text: no symbols or end mark of its own, official dates/times/amounts."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    text = _LEADING_SYMBOL.sub("", text, count=1)
    if is_end_mark(text):
        text = re.sub(r"[ \t]*끝\.?[ \t]*$", "", text)
    if doc_type != SPEECH:
        text = fix_line(text)
    return text.strip()


# ---------------------------------------------------------------- body schemes


def numbered_lines(entries: list[tuple[int, str]], base_depth: int = 1) -> list[str]:
    """Items as (depth, text) → lines with legal symbols; a lone item takes none (편람)."""
    norm: list[tuple[int, str]] = []
    previous = 0
    for depth, text in entries:
        depth = max(1, min(depth, previous + 1, MAX_DEPTH - base_depth + 1))
        norm.append((depth, text))
        previous = depth
    parent_of: list[int] = []
    stack: list[int] = []
    for index, (depth, _text) in enumerate(norm):
        while stack and norm[stack[-1]][0] >= depth:
            stack.pop()
        parent_of.append(stack[-1] if stack else -1)
        stack.append(index)
    siblings = Counter(parent_of)
    # Bottom-up, as the checker sees it: a lone item drops its symbol unless a child keeps one.
    symbolled = [False] * len(norm)
    for index in range(len(norm) - 1, -1, -1):
        symbolled[index] = symbolled[index] or siblings[parent_of[index]] > 1
        if symbolled[index] and parent_of[index] >= 0:
            symbolled[parent_of[index]] = True
    counters: Counter[int] = Counter()
    out = []
    for index, (depth, text) in enumerate(norm):
        parent = parent_of[index]
        counters[parent] += 1
        level = depth + base_depth - 1
        indent = "  " * (level - 1)
        if symbolled[index]:
            out.append(indent + symbol(level, counters[parent]) + " " + text)
        else:
            out.append(indent + text)
    return out


def bullet_lines(entries: list[tuple[int, str]]) -> list[str]:
    out = []
    previous = 0
    for depth, text in entries:
        depth = max(1, min(depth, previous + 1))
        previous = depth
        out.append("  " * (depth - 1) + BULLETS[min(depth, len(BULLETS)) - 1] + " " + text)
    return out


def _items(items: list[DraftItem], doc_type: str, shift: int = 0) -> list[tuple[int, str]]:
    return [(item.depth + shift, clean(item.text, doc_type) or PLACEHOLDER) for item in items if str(item.text).strip()]


def section_entries(section: DraftSection, doc_type: str, depth: int = 1) -> list[tuple[int, str]]:
    """A headed section: "heading: text" when it holds one plain item, else heading + items."""
    heading = clean(section.heading or "", doc_type).rstrip(":： ")
    items = _items(section.items, doc_type)
    if not heading:
        return [(d + depth - 1, t) for d, t in items]
    if not items:
        return [(depth, f"{heading}: {PLACEHOLDER}")]
    if len(items) == 1 and items[0][0] == 1:
        return [(depth, f"{heading}: {items[0][1]}")]
    return [(depth, heading)] + [(d + depth, t) for d, t in items]


def ordered_sections(draft: DraftDoc) -> list[DraftSection]:
    """The type's standard sections in order (a placeholder where missing), then any extra ones."""
    standard = skeleton(draft.doc_type).sections
    if not standard:
        return list(draft.sections)
    key = lambda h: re.sub(r"[\s·ㆍ()]", "", h or "")  # noqa: E731
    given = {key(s.heading): s for s in draft.sections if s.heading}
    out = [given.pop(key(h), DraftSection(h, [])) for h in standard]
    out.extend(s for s in draft.sections if s.heading is None or key(s.heading) in given)
    return out


def attachment_lines(attachments: list[Attachment], doc_type: str) -> list[str]:
    names = []
    for a in attachments:
        name = clean(a.name, doc_type)
        name = re.sub(r"\s*\d+\s*(부|매|건|권|장|개|종|편|식)\.?$", "", name) or PLACEHOLDER
        unit = a.unit.strip() if a.unit and a.unit.strip() else "부"
        count = a.count if isinstance(a.count, int) and a.count > 0 else 1
        names.append(f"{name} {count}{unit}.")
    if not names:
        return []
    if len(names) == 1:
        return [f"붙임  {names[0]}"]
    return [f"붙임  1. {names[0]}"] + [f"      {n}. {name}" for n, name in enumerate(names[1:], start=2)]


# ---------------------------------------------------------------- documents


def render_blocks(draft: DraftDoc, dept: DepartmentInfo, today: dt.date) -> list[Block]:
    sk = skeleton(draft.doc_type)
    title = clean(draft.title, draft.doc_type) or PLACEHOLDER
    if sk.letter:
        head, body = _letter_head(draft, dept, title), _letter_body(draft, dept)
    elif sk.scheme == BULLET:
        head, body = _press_head(draft, dept, today, title), _press_body(draft, dept)
    elif sk.scheme == PROSE:
        head, body = [Block(title, "title", "center"), Block("", "blank")], _speech_body(draft)
    else:
        head, body = _report_head(draft, dept, today, title), _report_body(draft)
    lines = body + attachment_lines(draft.attachments, draft.doc_type)
    blocks = head + [Block(text) for text in lines]
    if draft.doc_type == MINUTES:
        blocks = _with_attendee_table(blocks, draft)
    if sk.end_mark:
        last = max(i for i, b in enumerate(blocks) if b.role == "body" and b.text.strip())
        blocks[last] = Block(blocks[last].text.rstrip() + "  끝.")
    if sk.letter:
        blocks += _letter_closing(draft, dept, today)
    return blocks


def _field(draft: DraftDoc, key: str, default: str = PLACEHOLDER) -> str:
    value = clean(draft.fields.get(key, "") or "", draft.doc_type)
    return value or default


def _letter_head(draft: DraftDoc, dept: DepartmentInfo, title: str) -> list[Block]:
    via = _field(draft, "경유", "")
    default_recipient = f"{PLACEHOLDER} 님" if draft.doc_type == REPLY else PLACEHOLDER
    return [
        Block(dept.get("agency"), "agency", "center"),
        Block(f"수신  {_field(draft, '수신', default_recipient)}"),
        Block("(경유)" + (f" {via}" if via else "")),
        Block(f"제목  {title}"),
    ]


def _letter_body(draft: DraftDoc, dept: DepartmentInfo) -> list[str]:
    if draft.doc_type == DRAFT:
        entries: list[tuple[int, str]] = []
        for section in draft.sections:
            entries += section_entries(section, draft.doc_type)
        return numbered_lines(entries or [(1, PLACEHOLDER)])
    from bot.messages import OFFICIAL_REPLY_TEXT

    agency = dept.get("agency")
    applied = _field(draft, "신청일", "")
    entries = [
        (1, OFFICIAL_REPLY_TEXT["thanks"].format(agency=agency)),
        (1, OFFICIAL_REPLY_TEXT["intro_dated" if applied else "intro"].format(date=applied)),
    ]
    for section in ordered_sections(draft):
        entries += section_entries(section, draft.doc_type, depth=2)
    result = _field(draft, "처리 결과", "").replace(" ", "")
    if result and result != "수용":
        entries.append((1, OFFICIAL_REPLY_TEXT["appeal"]))
    contact = f"{dept.get('department')} {dept.get('contact')}({dept.get('phone')})"
    entries.append((1, OFFICIAL_REPLY_TEXT["contact"].format(contact=contact)))
    return numbered_lines(entries)


def _letter_closing(draft: DraftDoc, dept: DepartmentInfo, today: dt.date) -> list[Block]:
    recipient = _field(draft, "수신", "").replace(" ", "")
    blocks = [Block("", "blank")]
    if recipient != INTERNAL:
        blocks += [Block(dept.get("sender"), "sender", "center"), Block("", "blank")]
    if recipient == "수신자참조":
        blocks.append(Block(f"수신자  {_field(draft, '수신자')}"))
    contact = dept.get("contact")
    number = f"{dept.get('doc_number_prefix')}-{PLACEHOLDER}({format_date(today)})"
    blocks += [
        Block(f"기안자 {contact}  검토자 {PLACEHOLDER}  결재권자 {PLACEHOLDER}"),
        Block(f"시행  {number}  접수"),
        Block(f"우 {dept.get('postcode')} {dept.get('address')} / {dept.get('homepage')}"),
        Block(f"전화 {dept.get('phone')}  전송 {dept.get('fax')} / {dept.get('email')} / {dept.disclosure}"),
    ]
    return blocks


def _press_head(draft: DraftDoc, dept: DepartmentInfo, today: dt.date, title: str) -> list[Block]:
    blocks = [
        Block("보 도 자 료", "agency", "center"),
        Block(f"보도 일시: {_field(draft, '보도 일시')}"),
        Block(f"배포 일시: {format_date(today, weekday=True)}"),
        Block("", "blank"),
        Block(title, "title", "center"),
    ]
    for subtitle in (draft.fields.get("부제") or "").split("\n"):
        subtitle = clean(subtitle, PRESS).strip("- ")
        if subtitle:
            blocks.append(Block(f"- {subtitle} -", "subtitle", "center"))
    blocks.append(Block("", "blank"))
    return blocks


def _press_body(draft: DraftDoc, dept: DepartmentInfo) -> list[str]:
    entries = [(1, _field(draft, "리드"))]
    for section in draft.sections:
        entries += section_entries(section, PRESS)
    contact = f"{dept.get('department')} {dept.get('contact')}({dept.get('phone')})"
    entries.append((1, f"문의처: {contact}"))
    return bullet_lines(entries)


def _report_head(draft: DraftDoc, dept: DepartmentInfo, today: dt.date, title: str) -> list[Block]:
    return [
        Block(title, "title", "center"),
        Block(f"{format_date(today, weekday=True)} {dept.get('department')}", "subtitle", "center"),
        Block("", "blank"),
    ]


def _report_body(draft: DraftDoc) -> list[str]:
    entries: list[tuple[int, str]] = []
    if draft.doc_type == MINUTES:
        for key in ("일시", "장소", "참석자"):
            entries.append((1, f"{key}: {_field(draft, key)}"))
    for section in ordered_sections(draft):
        entries += section_entries(section, draft.doc_type)
    return numbered_lines(entries or [(1, PLACEHOLDER)])


def _speech_body(draft: DraftDoc) -> list[str]:
    out: list[str] = []
    for section in draft.sections:
        for item in section.items:
            text = clean(item.text, SPEECH)
            if text:
                if out:
                    out.append("")
                out.append(text)
    return out or [PLACEHOLDER]


ATTENDEE_HEADER = ("소속", "직위", "성명")


def _with_attendee_table(blocks: list[Block], draft: DraftDoc) -> list[Block]:
    """The HWPX/DOCX writers show attendees as a table right under the 참석자 line."""
    rows = [(a.affiliation or "", a.position or "", a.name or "") for a in draft.attendees]
    rows = [tuple(clean(c, MINUTES) for c in r) for r in rows if any(c.strip() for c in r)] or [
        (PLACEHOLDER, PLACEHOLDER, PLACEHOLDER)
    ]
    table = Block("", "table", rows=(ATTENDEE_HEADER, *rows))  # type: ignore[arg-type]
    for i, b in enumerate(blocks):
        if b.role == "body" and re.match(r"^\d+\. 참석자:", b.text):
            return blocks[: i + 1] + [table] + blocks[i + 1:]
    return blocks + [table]
