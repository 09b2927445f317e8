"""``check(text, doc_type)``: every rule a program can verify, as a list of Violations."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator

from documents.official.doctypes import PRESS, SPEECH
from documents.official.layout import Layout, analyse
from documents.official.model import Violation
from documents.official.rules import (
    attachments,
    dates,
    disclosure,
    end_mark,
    header,
    items,
    laws,
    money,
    plain_language,
    punctuation,
    times,
)
from documents.official.rules.base import Finding, LineState, message, severity_for

LineRule = Callable[[str, LineState], Iterable[Finding]]

LINE_RULES: tuple[LineRule, ...] = (dates.scan, times.scan, money.scan, punctuation.scan, laws.scan, plain_language.scan)
# A speech is read aloud: dates, times, amounts, symbols and end marks follow speech, not 공문서.
SPEECH_LINE_RULES: tuple[LineRule, ...] = (punctuation.scan, plain_language.scan)
STRUCTURE_RULES = (header.check, items.check, attachments.check, end_mark.check, disclosure.check)


def normalize(text: str) -> str:
    """NFC (text from PDFs and macOS can be decomposed jamo), LF line ends, no BOM."""
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))


def check(text: str, doc_type: str | None = None) -> list[Violation]:
    """Raises ``UnknownDocType`` for a type name it does not know."""
    layout = analyse(normalize(text), doc_type)
    return check_layout(layout)


def check_layout(layout: Layout) -> list[Violation]:
    found = list(_line_violations(layout))
    if layout.doc_type != SPEECH:
        for rule in STRUCTURE_RULES:
            found.extend(rule(layout))
    found.sort(key=lambda v: (v.line, v.rule))
    return found


def _line_violations(layout: Layout) -> Iterator[Violation]:
    rules = SPEECH_LINE_RULES if layout.doc_type == SPEECH else LINE_RULES
    soft_ok = layout.doc_type == PRESS
    state = LineState()
    for i, line in enumerate(layout.lines):
        if not line.strip():
            continue
        for rule in rules:
            for f in rule(line, state):
                yield Violation(f.rule, i + 1, severity_for(f.strength, soft_ok), message(f.key, **f.params), f.fixed)


def scan_line(line: str, doc_type: str | None = None) -> list[Finding]:
    """Line-level findings for one line of text (used to clean model-written phrases)."""
    rules = SPEECH_LINE_RULES if doc_type == SPEECH else LINE_RULES
    state = LineState()
    return [f for rule in rules for f in rule(line, state)]
