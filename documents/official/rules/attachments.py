"""붙임 notation (편람): ``붙임  1. ○○ 계획서 1부.`` — no colon, two spaces, a count with a
final dot, numbers only when there are several, continuation lines aligned under the first name.
"""

from __future__ import annotations

import re

from documents.official.layout import ATTACH_RE, AttachBlock, Layout
from documents.official.model import ERROR, WARNING, Violation
from documents.official.rules.base import violation

_ENTRY = re.compile(
    r"^(?P<num>\d{1,2}\.)?(?P<numgap>[ \t]*)(?P<name>.*?)(?P<count>[ \t]*\d+[ \t]*(?:부|매|건|권|장|개|종|편|식|질|벌))?"
    r"(?P<dot>\.)?(?P<end>[ \t\u3000]*끝\.?)?[ \t\u3000]*$"
)
# Width of "붙임  " in half-width columns (붙임 = 2 full-width characters + 2 spaces).
CONTINUATION_INDENT = 6


def check(layout: Layout) -> list[Violation]:
    out: list[Violation] = []
    for block in layout.attach_blocks:
        out.extend(_check_block(layout, block))
    return out


def _check_block(layout: Layout, block: AttachBlock) -> list[Violation]:
    out: list[Violation] = []
    lines = layout.lines
    head = ATTACH_RE.match(lines[block.start])
    assert head is not None
    word, sep, first_rest = head.group("word"), head.group("sep"), head.group("rest")
    if not word.startswith("붙"):
        out.append(violation("attach.word", block.start, WARNING, "attach.word", "붙임" + lines[block.start][head.end("word"):]))
    elif word != "붙임":
        out.append(violation("attach.word", block.start, ERROR, "attach.word", head.group("lead") + "붙임" + sep + first_rest))
    if ":" in sep:
        out.append(violation("attach.colon", block.start, ERROR, "attach.colon", head.group("lead") + "붙임  " + first_rest))
    elif sep != "  ":
        out.append(violation("attach.space", block.start, ERROR, "attach.space", head.group("lead") + "붙임  " + first_rest))

    entries = [(block.start, first_rest)] + [
        (j, lines[j].lstrip(" \t\u3000")) for j in range(block.start + 1, block.end + 1)
    ]
    parsed = [(j, _ENTRY.match(text)) for j, text in entries]
    numbered = [m.group("num") is not None for _j, m in parsed if m]
    several = len(entries) > 1
    for pos, (j, m) in enumerate(parsed):
        if m is None:
            continue
        prefix = lines[j][: len(lines[j]) - len(entries[pos][1])]
        if j == block.start:
            prefix = head.group("lead") + "붙임  "
        elif several:
            prefix = " " * CONTINUATION_INDENT
        if m.group("count") is None:
            out.append(violation("attach.count", j, ERROR, "attach.count", None))
        elif m.group("dot") is None:
            fixed = prefix + _rebuild(m, number=m.group("num"), dot=True)
            out.append(violation("attach.count", j, ERROR, "attach.count_dot", fixed, expected=m.group("count").strip() + "."))
        if m.group("num") and m.group("numgap") != " ":
            fixed = prefix + _rebuild(m, number=m.group("num"), dot=m.group("dot") is not None)
            out.append(violation("item.space", j, ERROR, "item.space", fixed, symbol=m.group("num")))
        expected_number = f"{pos + 1}."
        if several and not all(numbered):
            if m.group("num") is None:
                fixed = prefix + _rebuild(m, number=expected_number, dot=m.group("dot") is not None)
                out.append(violation("attach.number", j, ERROR, "attach.number", fixed))
        elif several and m.group("num") != expected_number:
            fixed = prefix + _rebuild(m, number=expected_number, dot=m.group("dot") is not None)
            out.append(violation("attach.number", j, ERROR, "attach.order", fixed, expected=expected_number))
        elif not several and m.group("num"):
            fixed = prefix + _rebuild(m, number=None, dot=m.group("dot") is not None)
            out.append(violation("attach.number", j, WARNING, "attach.number_single", fixed))
    return out


def _rebuild(m: re.Match[str], number: str | None, dot: bool) -> str:
    text = (number + " " if number else "") + m.group("name").strip()
    if m.group("count"):
        text += " " + m.group("count").strip() + ("." if dot else "")
    if m.group("end"):
        text += m.group("end")
    return text
