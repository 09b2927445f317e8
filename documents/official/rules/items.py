"""Item hierarchy 1. → 가. → 1) → 가) → (1) → (가) → ① → ㉮ (시행규칙 제2조①) and its layout (편람).

Checked: look-alike characters, one space after the symbol, no skipped level, numbering in
order, 2 more spaces of indentation per level, and no symbol on a lone item (a warning).
A run of items restarts under 개조식 bullets (□ ○ - ㆍ) and Roman chapters (Ⅰ.), where the
first item's own level and indentation become the base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from documents.official.layout import Layout
from documents.official.model import ERROR, WARNING, Violation
from documents.official.rules.base import violation
from documents.official.symbols import BULLET_RE, ROMAN_RE, ItemPrefix, parse_item, symbol


_HEAD_LINE = re.compile(r"^[ \t\u3000]*(수[ \t]?신|제[ \t]?목|\(경[ \t]?유\))")


@dataclass
class _Frame:
    depth: int  # effective depth (after discounting a skipped level)
    index: int  # line index; -1 for a run's virtual root
    children: list[int] = field(default_factory=list)
    last: int = 0  # counter of the latest child


@dataclass
class _Run:
    base_depth: int
    base_indent: int
    root: _Frame
    stack: list[_Frame] = field(default_factory=list)
    shift: int = 0  # levels to subtract inside a group that skipped levels
    shift_floor: int = 0  # actual depth at which that group starts


@dataclass
class _Ctx:
    layout: Layout
    out: list[Violation]
    nested: bool = False  # inside a bullet/chapter scheme: a run may start below level 1

    @property
    def lines(self) -> list[str]:
        return self.layout.lines

    def skippable(self, j: int) -> bool:
        return j in self.layout.table_lines or j in self.layout.attach_lines


def check(layout: Layout) -> list[Violation]:
    ctx = _Ctx(layout, [])
    indents: list[int] = []
    run: _Run | None = None
    after_paragraph = False  # the previous text line is a body paragraph without a symbol
    for i in layout.body_range():
        if ctx.skippable(i):
            continue
        line = layout.lines[i]
        if BULLET_RE.match(line) or ROMAN_RE.match(line):
            _close(ctx, run)
            run, ctx.nested = None, True
            continue
        item = parse_item(line)
        if item is None or (item.weak and not _expected(run, item)):
            if line.strip():
                # Centred lines are titles, not a paragraph; 두문 lines are not either.
                lead = len(line) - len(line.lstrip(" \t\u3000"))
                after_paragraph = lead < 8 and not _HEAD_LINE.match(line)
            continue
        indents.append(item.indent)
        if run is None and item.depth == 2 and after_paragraph and not ctx.nested:
            # A lone first-level paragraph takes no symbol (편람), so its sub-items begin at 가.
            ctx.nested = True
            run = _visit(ctx, run, item, i)
            ctx.nested = False
        else:
            run = _visit(ctx, run, item, i)
        after_paragraph = False
    _close(ctx, run)
    return _soften_flat(ctx, indents)


def _soften_flat(ctx: _Ctx, indents: list[int]) -> list[Violation]:
    """When no item is indented at all, the spaces were most likely lost in copying (한/글 문단
    여백, a chat client), so wrong indentation is reported as a warning, not an error."""
    if any(indents) or not indents:
        return ctx.out
    return [replace(v, severity=WARNING) if v.rule == "item.indent" else v for v in ctx.out]


def _effective(run: _Run | None, item: ItemPrefix) -> int:
    if run is None or not run.shift:
        return item.depth
    if item.depth >= run.shift_floor:
        return item.depth - run.shift
    run.shift = 0
    return item.depth


def _expected(run: _Run | None, item: ItemPrefix) -> bool:
    """Whether a glued Hangul symbol ("가.대상") is where the next item would be."""
    if run is None or not run.stack:
        return False
    depth = item.depth - run.shift if run.shift and item.depth >= run.shift_floor else item.depth
    if depth == run.stack[-1].depth + 1:
        return item.counter == 1
    parents = [run.root, *run.stack]
    return any(p.depth == depth - 1 and item.counter == p.last + 1 for p in parents)


def _visit(ctx: _Ctx, run: _Run | None, item: ItemPrefix, i: int) -> _Run:
    line = ctx.lines[i]
    if item.lookalike:
        fixed = line.replace(item.symbol, item.intended, 1)
        ctx.out.append(violation("item.lookalike", i, ERROR, "item.lookalike", fixed, found=item.symbol, expected=item.intended))
    if item.gap != " ":
        lead = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        ctx.out.append(violation("item.space", i, ERROR, "item.space", lead + item.symbol + " " + item.rest, symbol=item.intended))

    if run is None:
        return _start(ctx, item, i)
    depth = _effective(run, item)
    while run.stack and run.stack[-1].depth > depth:
        _pop(ctx, run)
    if not run.stack:
        # Shallower than where the run began: a new run, numbered on from whatever came before.
        _close(ctx, run)
        return _start(ctx, item, i, restart=True)
    top = run.stack[-1]
    if depth == top.depth:
        parent = run.stack[-2] if len(run.stack) > 1 else run.root
        _pop(ctx, run)
        return _child(ctx, run, parent, item, depth, parent.last + 1, i)
    if depth == top.depth + 1:
        return _child(ctx, run, top, item, depth, 1, i)
    return _skip(ctx, run, item, depth, top.depth + 1, i)


def _start(ctx: _Ctx, item: ItemPrefix, i: int, restart: bool = False) -> _Run:
    run = _Run(base_depth=item.depth, base_indent=item.indent if ctx.nested else 0, root=_Frame(item.depth - 1, -1))
    if not ctx.nested and item.depth != 1:
        ctx.out.append(violation("item.skip", i, ERROR, "item.skip_start", None, symbol=item.intended))
    return _child(ctx, run, run.root, item, item.depth, item.counter if restart else 1, i)


def _child(ctx: _Ctx, run: _Run, parent: _Frame, item: ItemPrefix, depth: int, expected: int, i: int) -> _Run:
    indent = run.base_indent + 2 * (depth - run.base_depth)
    if item.counter != expected:
        fixed = " " * indent + symbol(depth, expected) + " " + item.rest
        ctx.out.append(
            violation("item.order", i, ERROR, "item.order", fixed, symbol=item.intended, expected=symbol(depth, expected))
        )
    elif not run.shift and item.indent != indent:
        fixed = " " * indent + ctx.lines[i].lstrip(" \t\u3000")
        ctx.out.append(
            violation("item.indent", i, ERROR, "item.indent", fixed, symbol=item.intended, expected=indent, found=item.indent)
        )
    parent.children.append(i)
    parent.last = expected
    run.stack.append(_Frame(depth, i))
    return run


def _skip(ctx: _Ctx, run: _Run, item: ItemPrefix, depth: int, expected_depth: int, i: int) -> _Run:
    """Report once for the whole group that skipped levels, with one fix for all its lines."""
    shift = depth - expected_depth
    stop = ctx.layout.body_range().stop
    fixed_lines: list[str] = []
    last = i
    for j in range(i, stop):
        line = ctx.lines[j]
        if j > i and (ctx.skippable(j) or BULLET_RE.match(line) or ROMAN_RE.match(line)):
            break
        candidate = parse_item(line)
        if j > i and candidate is not None and candidate.depth < item.depth:
            break
        if j > i and candidate is None and line.strip() and not line[:1].isspace():
            break
        if candidate is not None:
            new_depth = candidate.depth - run.shift - shift
            indent = run.base_indent + 2 * (new_depth - run.base_depth)
            fixed_lines.append(" " * indent + symbol(new_depth, candidate.counter) + " " + candidate.rest)
        else:
            fixed_lines.append(line)
        last = j
    while last > i and not ctx.lines[last].strip():
        last -= 1
        fixed_lines.pop()
    ctx.out.append(
        violation(
            "item.skip", i, ERROR, "item.skip", "\n".join(fixed_lines), span=(i, last),
            symbol=item.intended, expected=symbol(expected_depth, 1),
        )
    )
    run.shift += shift
    run.shift_floor = item.depth
    parent = run.stack[-1]
    parent.children.append(i)
    parent.last = item.counter
    run.stack.append(_Frame(expected_depth, i))
    return run


def _pop(ctx: _Ctx, run: _Run) -> None:
    _single(ctx, run.stack.pop())


def _close(ctx: _Ctx, run: _Run | None) -> None:
    if run is None:
        return
    while run.stack:
        _pop(ctx, run)
    _single(ctx, run.root)


def _single(ctx: _Ctx, frame: _Frame) -> None:
    """A level with one item takes no symbol (편람); only a childless item can simply drop it."""
    if len(frame.children) != 1:
        return
    only = frame.children[0]
    line = ctx.lines[only]
    item = parse_item(line)
    if item is None:
        return
    lead = line[: len(line) - len(line.lstrip(" \t\u3000"))]
    fixed = lead + item.rest
    if _has_children(ctx, only, item) or parse_item(fixed) is not None:
        fixed = None  # dropping the symbol would orphan children or expose another symbol
    ctx.out.append(violation("item.single", only, WARNING, "item.single", fixed, symbol=item.intended))


def _has_children(ctx: _Ctx, index: int, item: ItemPrefix) -> bool:
    for j in range(index + 1, ctx.layout.body_range().stop):
        if ctx.skippable(j):
            return False
        line = ctx.lines[j]
        if BULLET_RE.match(line) or ROMAN_RE.match(line):
            return False
        nxt = parse_item(line)
        if nxt is not None:
            return nxt.depth > item.depth
    return False
