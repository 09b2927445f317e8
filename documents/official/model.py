"""Results of proofreading: one Violation per broken rule, and what fixing did."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"  # breaks the 규정/시행규칙 or a firm 편람 convention
WARNING = "warning"  # style or plain-language suggestion


@dataclass(frozen=True)
class Violation:
    """``fix`` is the corrected line (or lines joined by "\\n") replacing lines ``span``.

    ``span`` is a 1-based inclusive line range and defaults to ``(line, line)``; it is wider
    only when a fix merges lines (e.g. moving a lone ``끝.`` onto the line above).
    """

    rule: str
    line: int
    severity: str
    message: str
    fix: str | None = None
    span: tuple[int, int] | None = None

    @property
    def fix_span(self) -> tuple[int, int]:
        return self.span or (self.line, self.line)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: list[Violation] = field(default_factory=list)
