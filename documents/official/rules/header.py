"""두문 of 기안문·시행문 (시행규칙 제4조, 별지 제1호서식): 수신 line, (경유) line, 제목 line,
and the 수신자 list that ``수신자 참조`` promises.
"""

from __future__ import annotations

import re

from documents.official.doctypes import LETTER_TYPES
from documents.official.layout import Layout
from documents.official.model import ERROR, WARNING, Violation
from documents.official.rules.base import violation

_RECIPIENT = re.compile(r"^(?P<lead>[ \t\u3000]*)수[ \t]?신(?!자)(?P<sep>[ \t\u3000]*:?[ \t\u3000]*)(?P<value>.*)$")
_TITLE = re.compile(r"^(?P<lead>[ \t\u3000]*)제[ \t]?목(?P<sep>[ \t\u3000]*:?[ \t\u3000]*)(?P<value>.*)$")
_VIA = re.compile(r"^[ \t\u3000]*\(경[ \t]?유\)")
_RECIPIENT_LIST = re.compile(r"^[ \t\u3000]*수신자[ \t\u3000:]+\S")
_HEAD_LINES = 12


def check(layout: Layout) -> list[Violation]:
    if layout.doc_type not in LETTER_TYPES:
        return []
    out: list[Violation] = []
    lines = layout.lines
    head = range(min(len(lines), _HEAD_LINES))
    recipient = next((i for i in head if _RECIPIENT.match(lines[i])), None)
    title = next((i for i in head if _TITLE.match(lines[i])), None)
    if recipient is None:
        out.append(violation("header.recipient", 0, ERROR, "header.recipient", None))
    else:
        m = _RECIPIENT.match(lines[recipient])
        assert m is not None
        value = m.group("value").strip()
        if not value:
            out.append(violation("header.recipient", recipient, ERROR, "header.recipient_empty", None))
        elif ":" in m.group("sep"):
            out.append(violation("header.recipient", recipient, ERROR, "header.recipient_colon", f"수신  {value}"))
        if title is not None and not any(_VIA.match(lines[i]) for i in range(recipient, title)):
            out.append(violation("header.via", recipient, WARNING, "header.via", lines[recipient] + "\n(경유)"))
        if value.replace(" ", "") == "수신자참조" and not any(_RECIPIENT_LIST.match(ln) for ln in lines[recipient + 1:]):
            out.append(violation("header.recipient_list", recipient, ERROR, "header.recipient_list", None))
    if title is None:
        out.append(violation("header.title", 0, ERROR, "header.title", None))
    else:
        m = _TITLE.match(lines[title])
        assert m is not None
        value = m.group("value").strip()
        if not value:
            out.append(violation("header.title", title, ERROR, "header.title_empty", None))
        elif ":" in m.group("sep"):
            out.append(violation("header.title", title, ERROR, "header.title_colon", f"제목  {value}"))
    return out
