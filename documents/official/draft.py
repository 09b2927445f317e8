"""Structured drafting: the prompt asking a model for JSON, a tolerant parser of its answer, and
the offline skeleton draft used when no model is connected.
"""

from __future__ import annotations

import json
import re
from typing import Any

from documents.official import josa
from documents.official.department import PLACEHOLDER
from documents.official.doctypes import DRAFT, MINUTES, PLAN, PRESS, REPLY, REPORT, SPEECH, resolve_doc_type
from documents.official.draft_model import Attachment, Attendee, DraftDoc, DraftItem, DraftSection
from documents.official.skeletons import PROSE, skeleton
from documents.official.symbols import MAX_DEPTH

MAX_TOPIC_CHARS = 60


class DraftParseError(ValueError):
    """A model's answer held no usable document. ``code`` keys OFFICIAL_DRAFT_ERRORS."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail

    def user_message(self) -> str:
        from bot.messages import OFFICIAL_DRAFT_ERRORS

        return OFFICIAL_DRAFT_ERRORS[self.code].format(detail=self.detail)


# ---------------------------------------------------------------- prompt


def draft_schema(doc_type: str) -> str:
    """The JSON shape for this type, with Korean descriptions in place of values."""
    doc_type = resolve_doc_type(doc_type)
    sk = skeleton(doc_type)
    item = {"depth": 1, "text": "항목 내용(기호 없이)"}
    sub = {"depth": 2, "text": "하위 항목 내용"}
    if sk.scheme == PROSE:
        sections: list[dict[str, Any]] = [
            {"heading": h, "items": [{"depth": 1, "text": f"{h}에 해당하는 문단"}]} for h in sk.sections
        ]
    elif sk.sections:
        sections = [{"heading": h, "items": [item, sub]} for h in sk.sections]
    else:
        sections = [{"heading": None, "items": [item, sub, {"depth": 1, "text": "다음 항목"}]}]
    shape: dict[str, Any] = {"title": "제목"}
    if sk.fields:
        shape["fields"] = {f.key: f.description for f in sk.fields}
    shape["sections"] = sections
    if sk.scheme != PROSE:
        shape["attachments"] = [{"name": "붙임 문서 이름(없으면 빈 목록)", "count": 1, "unit": "부"}]
    if doc_type == MINUTES:
        shape["attendees"] = [{"소속": "소속", "직위": "직위", "성명": "성명"}]
    text = json.dumps(shape, ensure_ascii=False, indent=2)
    # One line per item keeps the example short enough to read at a glance.
    return re.sub(r"\{\s*(\"[^{}\[\]]*?)\s*\}", lambda m: "{" + re.sub(r"\s*\n\s*", " ", m.group(1)) + "}", text)


def draft_prompt(doc_type: str, request_text: str) -> str:
    from bot.messages import OFFICIAL_DRAFT_PROMPT, OFFICIAL_DRAFT_TYPE_RULES, OFFICIAL_TYPE_LABELS

    doc_type = resolve_doc_type(doc_type)
    return OFFICIAL_DRAFT_PROMPT.format(
        type_label=OFFICIAL_TYPE_LABELS[doc_type],
        request=request_text.strip() or PLACEHOLDER,
        schema=draft_schema(doc_type),
        type_rules=OFFICIAL_DRAFT_TYPE_RULES.get(doc_type, ""),
    )


# ---------------------------------------------------------------- parsing

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


def _extract_json(output: str) -> Any:
    candidates = [m.group(1) for m in _FENCE.finditer(output)] + [output]
    decoder = json.JSONDecoder()
    saw_brace = saw_other = False
    for text in candidates:
        for m in re.finditer(r"[{\[]", text):
            saw_brace = True
            try:
                value, _end = decoder.raw_decode(text, m.start())
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return {"sections": value}
            saw_other = True
    if saw_other:
        raise DraftParseError("bad_shape", "JSON 객체가 아님")
    raise DraftParseError("bad_json" if saw_brace else "no_json")


def _first(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in data and data[key] is not None:
            return data[key]
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value if _text(v))
    if isinstance(value, dict):
        return _text(_first(value, "text", "내용", "content"))
    return str(value).strip()


def _depth(value: Any) -> int:
    try:
        depth = int(value)
    except (TypeError, ValueError):
        return 1
    return max(1, min(depth, MAX_DEPTH))


def _flatten_items(raw: Any, base: int = 0) -> list[DraftItem]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raw = [raw]
    items: list[DraftItem] = []
    for entry in raw:
        if isinstance(entry, dict):
            text = _text(_first(entry, "text", "내용", "content", "항목"))
            depth = _depth(_first(entry, "depth", "level", "단계")) + base if "depth" in entry or "level" in entry or "단계" in entry else 1 + base
            if text:
                items.append(DraftItem(text, min(depth, MAX_DEPTH)))
            items.extend(_flatten_items(_first(entry, "children", "items", "하위"), depth))
        elif isinstance(entry, (list, tuple)) and len(entry) == 2 and not isinstance(entry[1], (list, dict)):
            items.append(DraftItem(_text(entry[1]), min(_depth(entry[0]) + base, MAX_DEPTH)))
        elif _text(entry):
            items.append(DraftItem(_text(entry), 1 + base))
    return items


def _sections(raw: Any) -> list[DraftSection]:
    if raw is None:
        return []
    if isinstance(raw, dict):
        # {"추진 배경": [...], "목적": "..."}
        return [DraftSection(str(k), _flatten_items(v)) for k, v in raw.items()]
    if not isinstance(raw, list):
        raise DraftParseError("bad_shape", "sections")
    sections = []
    for entry in raw:
        if isinstance(entry, dict):
            heading = _text(_first(entry, "heading", "title", "제목", "항목명", "name")) or None
            items = _flatten_items(_first(entry, "items", "항목", "내용", "content", "text"))
            sections.append(DraftSection(heading, items))
        elif _text(entry):
            sections.append(DraftSection(None, [DraftItem(_text(entry))]))
    return sections


def _attachments(raw: Any) -> list[Attachment]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raw = [raw]
    out = []
    for entry in raw:
        if isinstance(entry, dict):
            name = _text(_first(entry, "name", "이름", "제목", "text"))
            try:
                count = max(1, int(_first(entry, "count", "수량") or 1))
            except (TypeError, ValueError):
                count = 1
            unit = _text(_first(entry, "unit", "단위")) or "부"
            if name:
                out.append(Attachment(name, count, unit))
        elif _text(entry):
            out.append(Attachment(_text(entry)))
    return out


def _attendees(raw: Any) -> list[Attendee]:
    if not isinstance(raw, list):
        return []
    out = []
    for entry in raw:
        if isinstance(entry, dict):
            out.append(
                Attendee(
                    _text(_first(entry, "소속", "affiliation", "부서")),
                    _text(_first(entry, "직위", "position", "직급")),
                    _text(_first(entry, "성명", "name", "이름")),
                )
            )
        elif _text(entry):
            out.append(Attendee(name=_text(entry)))
    return out


def parse_draft(doc_type: str, model_output: str) -> DraftDoc:
    """Read a model's JSON answer, ignoring code fences and prose around it."""
    doc_type = resolve_doc_type(doc_type)
    data = _extract_json(model_output or "")
    fields_raw = _first(data, "fields", "필드", "두문")
    if fields_raw is not None and not isinstance(fields_raw, dict):
        raise DraftParseError("bad_shape", "fields")
    fields = {str(k): _text(v) for k, v in (fields_raw or {}).items()}
    known = {f.key for f in skeleton(doc_type).fields}
    for key in known:  # some models put fields at the top level
        if key not in fields and _text(data.get(key)):
            fields[key] = _text(data[key])
    sections = _sections(_first(data, "sections", "본문", "섹션"))
    loose = _first(data, "items", "항목")
    if loose is not None:
        sections.append(DraftSection(None, _flatten_items(loose)))
    title = _text(_first(data, "title", "제목", "표제"))
    has_body = any(s.items for s in sections) or bool(fields.get("리드"))
    if not has_body:
        raise DraftParseError("no_content")
    return DraftDoc(
        doc_type=doc_type,
        title=title or PLACEHOLDER,
        fields=fields,
        sections=sections,
        attachments=_attachments(_first(data, "attachments", "붙임", "첨부")),
        attendees=_attendees(_first(data, "attendees", "참석자명단", "참석자")) if doc_type == MINUTES else [],
    )


# ---------------------------------------------------------------- offline

_COMMAND_TAIL = re.compile(
    r"(?:\s*(?:을|를))?\s*(?:좀\s*)?(?:써|작성해|작성|만들어|준비해|부탁해|부탁합니다|초안\s*잡아)"
    r"\s*(?:줘|주세요|주십시오|줄래|줄래요|줘요|봐|줄\s*수\s*있어\??)?\s*[.!?~]*$"
)
_TYPE_WORDS = re.compile(
    r"(?:공문|기안문?|시행문|보도\s*자료|회의록|결과\s*보고서?|계획서|민원\s*(?:답변|회신)(?:문|서)?|회신문|인사\s*말씀?|축사|초안)"
)


def request_topic(request_text: str) -> str:
    """A short topic from the request: the first line, without "…써 줘" or type words around it."""
    from documents.official.render import clean

    text = next((ln.strip() for ln in (request_text or "").splitlines() if ln.strip()), "")
    text = re.sub(r"\s+", " ", text)
    text = _COMMAND_TAIL.sub("", text).strip()
    for _ in range(2):
        text = re.sub(rf"\s*(?:에\s*대한|에\s*관한|관련)?\s*{_TYPE_WORDS.pattern}\s*$", "", text).strip()
        text = re.sub(rf"^{_TYPE_WORDS.pattern}\s*[:：]?\s*", "", text).strip()
    text = text.strip(" \"'“”‘’「」[]()")
    if len(text) > MAX_TOPIC_CHARS:
        text = text[:MAX_TOPIC_CHARS].rsplit(" ", 1)[0]
    return clean(text) or PLACEHOLDER


def _title(doc_type: str, topic: str) -> str:
    squeezed = topic.replace(" ", "")
    if doc_type == PLAN:
        if squeezed.endswith("계획(안)"):
            return topic
        return topic + "(안)" if squeezed.endswith("계획") else f"{topic} 추진 계획(안)"
    if doc_type == REPORT:
        if squeezed.endswith("결과보고"):
            return topic
        return f"{topic} 보고" if squeezed.endswith("결과") else f"{topic} 결과 보고"
    if doc_type == MINUTES:
        return topic if squeezed.endswith("회의록") else f"{topic} 회의록"
    if doc_type == SPEECH:
        return topic if re.search(r"(인사말씀|인사말|축사|격려사|기념사|환영사)$", squeezed) else f"{topic} 인사말씀"
    if doc_type == REPLY:
        return f"{topic} 회신" if squeezed.endswith("민원") else f"{topic} 민원 회신"
    return topic


def offline_draft(doc_type: str, request_text: str) -> DraftDoc:
    """The type's skeleton with the request as its topic and ○○○ wherever facts are needed."""
    doc_type = resolve_doc_type(doc_type)
    sk = skeleton(doc_type)
    topic = request_topic(request_text)

    def fill(text: str) -> str:
        return josa.attach(text.replace("{topic}", topic), topic)

    headings: tuple[str, ...] = sk.sections or ("",)
    sections = [
        DraftSection(h or None, [DraftItem(fill(t), d) for d, t in sk.offline_items.get(h, ())]) for h in headings
    ]
    fields = {f.key: f.placeholder for f in sk.fields}
    if doc_type == PRESS:
        fields["부제"] = PLACEHOLDER
    if doc_type == DRAFT:
        fields["수신"] = PLACEHOLDER
    return DraftDoc(
        doc_type=doc_type,
        title=_title(doc_type, topic) if topic != PLACEHOLDER or doc_type == DRAFT else fill(sk.default_title),
        fields=fields,
        sections=sections,
        attachments=[Attachment(a.name, a.count, a.unit) for a in sk.offline_attachments],
    )
