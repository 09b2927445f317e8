"""Law names in 낫표: ``「지방자치법」 제13조`` (편람; 한글 맞춤법 문장부호).

Only a name followed by an article citation (``제13조``) is looked at, and references back to
an already named law (``같은 법``, ``동법``, ``이 법``) are correct without brackets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from documents.official.model import WARNING
from documents.official.rules.base import Finding, LineState, replace_span

_SUFFIX = r"(?:법률|시행령|시행규칙|법|규칙|조례|규정)"
_CITED = re.compile(rf"(?P<name>[가-힣ㆍ·]*{_SUFFIX})(?P<sep>[ \t]*)제[ \t]?\d+조")
_BACK_REFERENCES = {
    "법", "동법", "본법", "이법", "같은법", "모법", "관계법", "관련법", "해당법", "개정법", "위법", "영", "규칙",
    "시행령", "시행규칙", "조례", "규정", "법률",
}
_BACK_WORDS = {"같은", "이", "동", "본", "해당", "위", "관계", "관련", "그"}
# Endings after which a new word, not a longer law name, begins.
_BOUNDARY_ENDINGS = tuple("은는이가을를의에와과도로서며고라면여해한된등,.:(") + ("에서", "따라", "및")


def scan(line: str, state: LineState) -> Iterator[Finding]:
    for m in _CITED.finditer(line):
        name = m.group("name")
        start = m.start("name")
        if start > 0 and line[start - 1] in "「『<〈《\"'“":
            continue
        if start > 0 and not line[start - 1].isspace() and line[start - 1] not in "(,·ㆍ":
            continue  # inside a longer token, e.g. "」시행령"
        words_before = line[:start].split()
        previous = words_before[-1] if words_before else ""
        if previous.endswith(("」", "』")):
            continue
        if name in _BACK_REFERENCES:
            # "…에 관한 법률 제35조" is a long name left unbracketed; others are back-references.
            if previous == "관한" and name in ("법률", "규정", "법"):
                yield Finding("law.brackets", "law.brackets_long", WARNING, None, {"name": f"관한 {name}"})
            continue
        if previous in _BACK_WORDS:
            continue
        if not previous or previous.endswith(_BOUNDARY_ENDINGS) or re.fullmatch(r"\d+[.)]|[가-힣][.)]", previous):
            fixed = replace_span(line, start, m.end("name"), f"「{name}」")
            yield Finding("law.brackets", "law.brackets", WARNING, fixed, {"name": name})
        else:
            yield Finding("law.brackets", "law.brackets_long", WARNING, None, {"name": name})
