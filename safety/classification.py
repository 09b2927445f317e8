"""Document classification marks: 대외비, Ⅰ·Ⅱ·Ⅲ급 비밀, 비밀, 비공개(n), 부분공개(n).

"대외비" and "비밀" are also ordinary words ("비밀번호", "대외비 문서는 반출을
금지한다"), so they count as marks only where documents put marks: on a line
of their own (header or footer), in brackets, or after a label such as
"보안등급:". A disclosure class with its legal ground, "비공개(5)", is a mark
wherever it appears.
"""

from __future__ import annotations

import re

from safety.pii.normalize import normalize

_ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "1": "Ⅰ", "2": "Ⅱ", "3": "Ⅲ", "Ⅰ": "Ⅰ", "Ⅱ": "Ⅱ", "Ⅲ": "Ⅲ"}

# Matched on NFKC text, where Ⅰ/Ⅱ/Ⅲ have become I/II/III; marks are often letter-spaced.
_WORD_MARK = re.compile(
    r"(?P<grade>III|II|I|[123]) ?급 ?비 ?밀(?![가-힣])"
    r"|(?<![가-힣])(?P<daeoebi>대 ?외 ?비)(?![가-힣])"
    r"|(?<![가-힣])(?P<bimil>비 ?밀)(?![가-힣])"
)
_DISCLOSURE_MARK = re.compile(
    r"(?P<kind>비 ?공 ?개|부 ?분 ?공 ?개) ?\( ?(?P<grounds>제? ?[1-8] ?호?(?: ?[,·ㆍ] ?제? ?[1-8] ?호?)*) ?\)"
)
_OPEN = "[(<「『【〔《〈"
_CLOSE = "])>」』】〕》〉"
_PAIRS = dict(zip(_OPEN, _CLOSE))
# Decoration and labels that may share a header/footer line with a mark.
_LINE_NOISE = re.compile(r"[\s\-=*_~※■□◆◇○●◎·ㆍ|┃:：#>]+|보안 ?등급|보안 ?분류|분류|등급|보안")
_LABEL_BEFORE = re.compile(r"(?:보안 ?등급|보안 ?분류|비밀 ?등급|분류|등급)\s*[:：]?\s*$")


def _bracketed(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" ")
    after = text[end:].lstrip(" ")
    return bool(before) and bool(after) and _PAIRS.get(before[-1]) == after[0]


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    rest = text[line_start:start] + " " + text[end:line_end]
    return not _LINE_NOISE.sub("", rest)


def _labelled(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_LABEL_BEFORE.search(text[line_start:start]))


def _canonical(m: re.Match) -> str:
    if m.group("grade"):
        return f"{_ROMAN[m.group('grade')]}급 비밀"
    if m.group("daeoebi"):
        return "대외비"
    return "비밀"


def find_classification_marks(text: str) -> list[str]:
    """Canonical names of the marks in ``text`` ("대외비", "Ⅱ급 비밀", "비공개(5)"), in order, once each."""
    norm = normalize(text).text
    found: list[tuple[int, str]] = []
    for m in _DISCLOSURE_MARK.finditer(norm):
        kind = m.group("kind").replace(" ", "")
        grounds = ",".join(re.findall(r"[1-8]", m.group("grounds")))
        found.append((m.start(), f"{kind}({grounds})"))
    for m in _WORD_MARK.finditer(norm):
        start, end = m.span()
        if _bracketed(norm, start, end) or _alone_on_line(norm, start, end) or _labelled(norm, start):
            found.append((start, _canonical(m)))
    marks: list[str] = []
    for _, mark in sorted(found):
        if mark not in marks:
            marks.append(mark)
    return marks
