"""Structured drafting: type names, the prompt, tolerant parsing, deterministic rendering and
offline skeletons that pass the checker."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from documents.official import (
    DOC_TYPES,
    DepartmentInfo,
    DraftDoc,
    DraftItem,
    DraftParseError,
    DraftSection,
    UnknownDocType,
    check,
    draft_prompt,
    offline_draft,
    parse_draft,
    render_text,
    resolve_doc_type,
)
from documents.official.draft_model import Attachment

TODAY = dt.date(2025, 7, 31)
DEPT = DepartmentInfo(
    agency="다산구", sender="다산구청장", department="스마트정보과", doc_number_prefix="스마트정보과",
    postcode="12345", address="서울특별시 다산구 다산로 1", phone="02-2100-1234", fax="02-2100-1299",
    email="hong@dasan.go.kr", homepage="www.dasan.go.kr", disclosure="부분공개(6)", contact="주무관 홍길동",
)


@pytest.mark.parametrize(
    "name, expected",
    [("보도자료", "보도자료"), ("기안", "기안문"), ("시행문", "기안문"), ("회의록", "회의록"), ("민원답변", "민원회신문"),
     ("민원 답변", "민원회신문"), ("결과보고", "결과보고서"), ("계획(안)", "계획서"), ("축사", "인사말씀"), ("press", "보도자료")],
)
def test_type_aliases(name: str, expected: str) -> None:
    assert resolve_doc_type(name) == expected


def test_unknown_type_has_korean_message() -> None:
    with pytest.raises(UnknownDocType) as err:
        resolve_doc_type("소설")
    assert "소설" in err.value.user_message() and "기안문" in err.value.user_message()


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_prompt_carries_request_and_a_parseable_schema(doc_type: str) -> None:
    prompt = draft_prompt(doc_type, "하반기 교육 계획 알림")
    assert "하반기 교육 계획 알림" in prompt
    schema = prompt[prompt.index("{"): prompt.rindex("}") + 1]
    shape = json.loads(schema)
    assert "title" in shape and "sections" in shape
    # The schema example itself is a usable draft for the parser.
    assert parse_draft(doc_type, schema).doc_type == doc_type


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_offline_draft_of_every_type_passes_the_checker(doc_type: str) -> None:
    draft = offline_draft(doc_type, "2025년 7월 31일 하반기 스마트 행정 교육 계획 공문 써 줘")
    text = render_text(draft, DEPT, TODAY)
    assert [v for v in check(text, doc_type) if v.severity == "error"] == []
    assert "○○○" in text  # facts the request did not give are marked, not invented


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_offline_draft_with_empty_department_shows_placeholders(doc_type: str) -> None:
    text = render_text(offline_draft(doc_type, ""), DepartmentInfo(), TODAY)
    assert [v for v in check(text, doc_type) if v.severity == "error"] == []
    for invented in ("다산", "02-", "@", "www"):
        assert invented not in text


def test_letter_closing_comes_from_department_info() -> None:
    text = render_text(offline_draft("기안", "교육 알림"), DEPT, TODAY)
    assert "시행  스마트정보과-○○○(2025. 7. 31.)" in text
    assert "우 12345 서울특별시 다산구 다산로 1 / www.dasan.go.kr" in text
    assert text.rstrip().endswith("/ hong@dasan.go.kr / 부분공개(6)")
    assert text.split("\n")[0].strip() == "다산구"
    assert any(line.strip() == "다산구청장" for line in text.split("\n"))


def test_internal_approval_has_no_sender_line() -> None:
    draft = offline_draft("기안", "교육 결과 보고")
    draft.fields["수신"] = "내부결재"
    text = render_text(draft, DEPT, TODAY)
    assert "다산구청장" not in text and "수신  내부결재" in text


def test_render_symbols_indentation_dates_and_end_mark() -> None:
    draft = DraftDoc(
        doc_type="기안문",
        title="교육 실시 알림",
        fields={"수신": "수신자 참조", "수신자": "총무과장, 기획예산과장"},
        sections=[DraftSection(None, [
            DraftItem("1. 관련: 스마트정보과-1234(2025.7.1)"),
            DraftItem("교육을 다음과 같이 실시하니 협조하여 주시기 바랍니다."),
            DraftItem("일시 : 2025년 8월 12일(화) 오후 2시", 2),
            DraftItem("장소: 대회의실", 2),
            DraftItem("세부 일정", 3), DraftItem("1부", 4), DraftItem("2부", 4),
            DraftItem("교육비: 금 1200000원", 2),
            DraftItem("교육비 내역", 3),
        ])],
        attachments=[Attachment("교육 계획서 1부"), Attachment("명단", 2)],
    )
    lines = render_text(draft, DEPT, TODAY).split("\n")
    body = lines[lines.index("제목  교육 실시 알림") + 1:]
    assert body[:11] == [
        "1. 관련: 스마트정보과-1234(2025. 7. 1.)",
        "2. 교육을 다음과 같이 실시하니 협조하여 주시기 바랍니다.",
        "  가. 일시: 2025. 8. 12.(화) 14:00",
        "  나. 장소: 대회의실",
        "    1) 세부 일정",  # a lone item keeps its symbol while it has children …
        "      가) 1부",
        "      나) 2부",
        "  다. 교육비: 금1,200,000원(금일백이십만원)",
        "    교육비 내역",  # … and a lone childless one takes none (편람)
        "붙임  1. 교육 계획서 1부.",
        "      2. 명단 2부.  끝.",
    ]
    assert "수신자  총무과장, 기획예산과장" in lines


def test_render_keeps_a_lone_item_symbol_when_it_has_children() -> None:
    draft = DraftDoc("기안문", "제목", {"수신": "내부결재"}, [DraftSection(None, [
        DraftItem("첫째"), DraftItem("둘째"), DraftItem("하나뿐", 2), DraftItem("손자", 3), DraftItem("손자2", 3)])])
    text = render_text(draft, DEPT, TODAY)
    assert "  가. 하나뿐\n    1) 손자\n    2) 손자2  끝." in text
    assert [v for v in check(text, "기안문") if v.severity == "error"] == []


def test_render_is_deterministic() -> None:
    draft = offline_draft("보도자료", "책 축제 개최")
    assert render_text(draft, DEPT, TODAY) == render_text(draft, DEPT, TODAY)


MODEL_ANSWER = """좋습니다. 아래와 같이 작성했습니다.
```json
{"title": "2025년 하반기 AI 교육 추진 계획",
 "sections": [
  {"heading": "추진 배경", "items": [{"depth": 1, "text": "생성형 AI 도입 확대"}]},
  {"heading": "개요", "items": [{"depth": 1, "text": "기간: 2025. 8. 12.(화)"}, {"depth": "1", "text": "장소: 대회의실"}]},
  {"heading": "세부 추진계획", "items": [{"text": "1단계", "children": [{"text": "기초 과정"}, {"text": "실습"}]}, "2단계"]}
 ],
 "attachments": ["세부 일정표 1부"]}
```
필요하면 더 고쳐 드릴게요."""


def test_parse_draft_tolerates_fences_prose_and_loose_shapes() -> None:
    draft = parse_draft("계획(안)", MODEL_ANSWER)
    assert draft.doc_type == "계획서" and draft.title == "2025년 하반기 AI 교육 추진 계획"
    plan = {s.heading: s for s in draft.sections}
    assert [(i.depth, i.text) for i in plan["세부 추진계획"].items] == [(1, "1단계"), (2, "기초 과정"), (2, "실습"), (1, "2단계")]
    assert draft.attachments[0].name == "세부 일정표 1부"
    text = render_text(draft, DEPT, TODAY)
    assert "1. 추진 배경: 생성형 AI 도입 확대" in text
    assert "2. 목적: ○○○" in text  # a standard section the model left out stays visible
    assert "붙임  세부 일정표 1부.  끝." in text
    assert [v for v in check(text, "계획서") if v.severity == "error"] == []


def test_parse_draft_minutes_attendees() -> None:
    answer = json.dumps({"title": "정책 회의", "fields": {"일시": "2025. 7. 31.(목) 14:00", "장소": "소회의실"},
                         "sections": [{"heading": "안건", "items": ["예산 조정"]}],
                         "attendees": [{"소속": "기획예산과", "직위": "과장", "성명": "김○○"}]}, ensure_ascii=False)
    draft = parse_draft("회의록", answer)
    assert draft.attendees[0].affiliation == "기획예산과" and draft.attendees[0].name == "김○○"


@pytest.mark.parametrize(
    "answer, code",
    [("죄송하지만 작성할 수 없습니다.", "no_json"), ('{"title": "x", "sections": [', "bad_json"),
     ('{"title": "제목만"}', "no_content"), ("[1, 2, 3]", "bad_shape"), ('{"sections": "문자열"}', "bad_shape"), ("", "no_json")],
)
def test_parse_draft_errors_are_clear(answer: str, code: str) -> None:
    with pytest.raises(DraftParseError) as err:
        parse_draft("보도자료", answer)
    assert err.value.code == code
    assert err.value.user_message() and "{" not in err.value.user_message()


def test_department_info_from_korean_config_and_validation() -> None:
    info = DepartmentInfo.from_mapping({"기관명": "다산구", "시행번호 접두": "스마트정보과", "공개 구분": "비공개(6)", "unknown": 1})
    assert (info.agency, info.doc_number_prefix, info.disclosure) == ("다산구", "스마트정보과", "비공개(6)")
    assert info.get("phone") == "○○○"
    # A misconfigured value does not stop drafting: it shows in the draft and the checker flags it.
    wrong = DepartmentInfo(disclosure="대외비")
    assert not wrong.disclosure_valid
    text = render_text(offline_draft("기안문", "알림"), wrong, TODAY)
    assert "disclosure.value" in {v.rule for v in check(text, "기안문")}


def test_department_info_from_bot_settings() -> None:
    from bot.config import DepartmentSettings

    settings = DepartmentSettings(organization="다산구", sender="다산구청장", name="스마트정보과",
                                  doc_number_prefix="스마트정보과", postal_code="12345", phone="02-2100-1234")
    info = DepartmentInfo.from_settings(settings)
    assert (info.agency, info.department, info.postcode, info.phone) == ("다산구", "스마트정보과", "12345", "02-2100-1234")
    assert info.get("fax") == "○○○" and info.disclosure == "공개"


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_rendered_drafts_need_no_fixing(doc_type: str) -> None:
    """Renderer and checker agree: nothing in a rendered draft is left for ``fix`` to change."""
    from documents.official import fix

    prompt = draft_prompt(doc_type, "교육")
    drafts = [offline_draft(doc_type, "교육 계획"), parse_draft(doc_type, prompt[prompt.index("{"): prompt.rindex("}") + 1])]
    for draft in drafts:
        text = render_text(draft, DEPT, TODAY)
        assert fix(text, doc_type).applied == []
