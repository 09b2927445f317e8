"""Plain-language suggestions from the glossary (국어기본법 제14조, 영 제7조②): warnings only.

Replacing a word can need a different ending (송부하오니 → 보내오니), so the suggestion is
reported but never applied by ``fix``.
"""

from __future__ import annotations

from collections.abc import Iterator

from documents.official.glossary import find_terms
from documents.official.model import WARNING
from documents.official.rules.base import Finding, LineState


def scan(line: str, state: LineState) -> Iterator[Finding]:
    for _start, _end, term in find_terms(line):
        yield Finding("plain.term", "plain.term", WARNING, None, {"hard": term.hard, "plain": term.plain})
