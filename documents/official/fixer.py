"""``fix(text, doc_type)``: apply every violation that carries a fix, until none is left.

A fix is computed against the text it was found in, so each pass applies at most one fix per
line range and the text is checked again. Plain-language suggestions are never applied: the
replacement can need a different ending (송부하오니 → 보내오니), which is an editor's call.
"""

from __future__ import annotations

from documents.official.checker import LINE_RULES, check, normalize
from documents.official.model import WARNING, FixResult, Violation
from documents.official.rules.base import LineState

MAX_PASSES = 25
NOT_APPLIED = frozenset({"plain.term"})
# In a 보도자료 these are style choices (warnings), not faults to rewrite.
SOFT_RULES = frozenset({"date.format", "time.format"})


def applicable(v: Violation) -> bool:
    if v.fix is None or v.rule in NOT_APPLIED:
        return False
    return not (v.rule in SOFT_RULES and v.severity == WARNING)


def fix(text: str, doc_type: str | None = None) -> FixResult:
    text = normalize(text)
    applied: list[Violation] = []
    for _ in range(MAX_PASSES):
        chosen = _non_overlapping([v for v in check(text, doc_type) if applicable(v)])
        if not chosen:
            break
        lines = text.split("\n")
        before = text
        for v in sorted(chosen, key=lambda v: v.fix_span[0], reverse=True):
            start, end = v.fix_span
            assert v.fix is not None
            lines[start - 1 : end] = v.fix.split("\n")
        text = "\n".join(lines)
        if text == before:
            break
        applied.extend(chosen)
    return FixResult(text=text, applied=applied)


def _non_overlapping(violations: list[Violation]) -> list[Violation]:
    chosen: list[Violation] = []
    taken: set[int] = set()
    # Wider fixes first: a merged or regrouped range settles its lines in one step.
    for v in sorted(violations, key=lambda v: (-(v.fix_span[1] - v.fix_span[0]), v.line)):
        lines = set(range(v.fix_span[0], v.fix_span[1] + 1))
        if lines & taken:
            continue
        taken |= lines
        chosen.append(v)
    return chosen


def fix_line(line: str) -> str:
    """Apply the line-level fixes (dates, times, money, colons, law names) to one line."""
    for _ in range(MAX_PASSES):
        state = LineState()
        fixed = next(
            (f.fixed for rule in LINE_RULES for f in rule(line, state) if f.fixed is not None and f.rule not in NOT_APPLIED),
            None,
        )  # one finding at a time: each fix was computed on the line as it was
        if fixed is None or fixed == line:
            return line
        line = fixed
    return line
