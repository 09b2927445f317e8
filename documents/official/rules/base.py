"""Shared helpers for rule modules: building violations with their Korean messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from documents.official.model import ERROR, WARNING, Violation

# A line-level finding's strength before the document type is known:
# "error" always an error, "soft" an error except in 보도자료 (written for the public), "warning".
SOFT = "soft"


def message(key: str, **params: object) -> str:
    from bot.messages import OFFICIAL_RULE_MESSAGES

    return OFFICIAL_RULE_MESSAGES[key].format(**params)


def violation(
    rule: str,
    index: int,
    severity: str,
    key: str,
    fix: str | None = None,
    span: tuple[int, int] | None = None,
    **params: object,
) -> Violation:
    """``index`` and ``span`` are 0-based here; the Violation carries 1-based lines."""
    one_based = (span[0] + 1, span[1] + 1) if span else None
    return Violation(rule, index + 1, severity, message(key, **params), fix, one_based)


@dataclass
class Finding:
    """A problem found on one line by a line-level rule; ``fixed`` is the whole corrected line."""

    rule: str
    key: str
    strength: str
    fixed: str | None
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class LineState:
    """What line-level rules remember while reading a document top to bottom."""

    year: int | None = None
    month: int | None = None


def replace_span(line: str, start: int, end: int, text: str) -> str:
    return line[:start] + text + line[end:]


def severity_for(strength: str, soft_ok: bool) -> str:
    if strength == WARNING:
        return WARNING
    if strength == SOFT and soft_ok:
        return WARNING
    return ERROR
