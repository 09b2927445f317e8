"""Canonical document types, the names people use for them, and a guess from the text."""

from __future__ import annotations

import re

DRAFT = "기안문"  # 기안문/시행문 (시행규칙 별지 제1호서식)
REPLY = "민원회신문"
PRESS = "보도자료"
REPORT = "결과보고서"
PLAN = "계획서"
MINUTES = "회의록"
SPEECH = "인사말씀"

DOC_TYPES: tuple[str, ...] = (DRAFT, REPLY, PRESS, REPORT, PLAN, MINUTES, SPEECH)

# Types laid out as 두문·본문·결문 (수신/제목 lines, 발신명의, 시행 번호, 공개 구분).
LETTER_TYPES = frozenset({DRAFT, REPLY})

_ALIASES: dict[str, str] = {
    # spaces, dots and brackets are removed before lookup
    "기안문": DRAFT, "기안": DRAFT, "시행문": DRAFT, "공문": DRAFT, "공문서": DRAFT,
    "내부결재": DRAFT, "기안문시행문": DRAFT, "draft": DRAFT, "letter": DRAFT,
    "민원회신문": REPLY, "민원회신": REPLY, "민원답변": REPLY, "민원답변서": REPLY,
    "회신문": REPLY, "민원": REPLY, "reply": REPLY,
    "보도자료": PRESS, "보도": PRESS, "언론보도": PRESS, "보도문": PRESS, "press": PRESS,
    "결과보고서": REPORT, "결과보고": REPORT, "보고서": REPORT, "추진결과보고": REPORT,
    "결과": REPORT, "report": REPORT,
    "계획서": PLAN, "계획": PLAN, "계획안": PLAN, "추진계획": PLAN, "추진계획안": PLAN,
    "plan": PLAN,
    "회의록": MINUTES, "회의결과": MINUTES, "minutes": MINUTES,
    "인사말씀": SPEECH, "인사말": SPEECH, "축사": SPEECH, "격려사": SPEECH, "기념사": SPEECH,
    "환영사": SPEECH, "연설문": SPEECH, "speech": SPEECH,
}

_KEY_JUNK = re.compile(r"[\s.·ㆍ()\[\]「」_\-/]+")


class UnknownDocType(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def user_message(self) -> str:
        from bot.messages import ERR_OFFICIAL_UNKNOWN_TYPE

        return ERR_OFFICIAL_UNKNOWN_TYPE.format(name=self.name, types=", ".join(DOC_TYPES))


def resolve_doc_type(name: str) -> str:
    """Map a Korean type name or alias ("기안", "민원 답변", "계획(안)") to its canonical name."""
    key = _KEY_JUNK.sub("", name).lower()
    if key in _ALIASES:
        return _ALIASES[key]
    raise UnknownDocType(name)


def normalize_doc_type(doc_type: str | None) -> str | None:
    return None if doc_type is None else resolve_doc_type(doc_type)


_HEAD_RECIPIENT = re.compile(r"^수신(?!자)")
_HEAD_TITLE = re.compile(r"^제목")


def detect_doc_type(lines: list[str]) -> str | None:
    """A conservative guess used only when the caller gave no type; None when unsure."""
    head = [ln.strip() for ln in lines[:12] if ln.strip()]
    if any(_HEAD_RECIPIENT.match(h) for h in head) and any(_HEAD_TITLE.match(h) for h in head):
        return DRAFT
    first = " ".join(head[:3]).replace(" ", "")
    if "보도자료" in first:
        return PRESS
    if head:
        title = head[0].replace(" ", "")
        if re.search(r"(인사말씀|인사말|축사|격려사|기념사|환영사)$", title):
            return SPEECH
        if title.endswith("회의록"):
            return MINUTES
    return None
