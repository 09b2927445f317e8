"""The plain-language term list (``glossary.json``) and a word-start matcher over it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Term:
    hard: str
    plain: str
    source: str
    verb: bool = False  # also matched before 하다/되다 endings (송부하오니)


# Particles and endings that may follow a noun without making it another word.
_PARTICLES = (
    "은|는|이|가|을|를|의|에|에서|에게|까지|부터|로|으로|와|과|도|만|이나|나|및|이며|이고|인|임|입니다|이다"
)
# Verb stems continue with any ending after these syllables (송부하오니, 기재된); "기재부" does not.
_VERB_ENDINGS = "하|합|함|한|할|해|했|드|되|됨|된|될|돼"


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    data = json.loads(resources.files("documents.official").joinpath("glossary.json").read_text("utf-8"))
    return tuple(
        Term(t["hard"], t["plain"], t["source"], bool(t.get("verb"))) for t in data["terms"]
    )


@lru_cache(maxsize=1)
def _by_length() -> tuple[Term, ...]:
    return tuple(sorted(terms(), key=lambda t: len(t.hard), reverse=True))


@lru_cache(maxsize=1)
def matcher() -> re.Pattern[str]:
    """One alternation, group n = ``_by_length()[n - 1]``; longest terms first so they win."""
    parts = []
    for term in _by_length():
        body = r"[ \t]*".join(re.escape(w) for w in term.hard.split())
        follow = rf"(?:{_PARTICLES})?(?![가-힣A-Za-z0-9])" + (f"|(?:{_VERB_ENDINGS})" if term.verb else "")
        parts.append(rf"{body}(?={follow})")
    # Word start: not preceded by a Hangul syllable, letter or digit.
    return re.compile(r"(?<![가-힣A-Za-z0-9])(?:" + "|".join(f"({p})" for p in parts) + ")")


def find_terms(line: str) -> list[tuple[int, int, Term]]:
    ordered = _by_length()
    hits = []
    for m in matcher().finditer(line):
        group = m.lastindex
        if group is not None:
            hits.append((m.start(), m.end(), ordered[group - 1]))
    return hits
