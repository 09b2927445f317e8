"""초안 and 교정 through the pipeline on the offline provider."""

import io

import pytest

from bot.app import build_pipeline
from bot.config import Settings
from documents.official import DOC_TYPE_NAMES, check
from tests.helpers import RecordingReply, make_request

DEPT = {"smart": {"organization": "○○구", "sender": "○○구청장", "name": "스마트정보과",
                  "doc_number_prefix": "스마트정보과", "phone": "02-123-4567", "disclosure": "공개"}}


async def handle(text, **kw):
    pipeline = build_pipeline(Settings(departments=DEPT))
    reply = RecordingReply()
    await pipeline.handle(make_request(text, department="smart", **kw), reply)
    return reply


@pytest.mark.parametrize("doc_type", DOC_TYPE_NAMES)
async def test_offline_draft_of_every_type_passes_checker_and_attaches_hwpx(doc_type):
    reply = await handle(f"초안 {doc_type} 2026년 구민 정보화 교육 운영")
    kind, text = reply.final
    assert kind == "finish"
    body = text.split("\n\n오프라인 모드")[0]
    assert [v for v in check(body, doc_type) if v.severity == "error"] == []
    hwpx = [f for f in reply.files if f.name.endswith(".hwpx")]
    assert hwpx and hwpx[0].data[:2] == b"PK"
    from hwpx import HwpxDocument

    doc = HwpxDocument.open(io.BytesIO(hwpx[0].data))
    assert "구민 정보화 교육" in doc.text.plain() or doc_type in ("인사말씀",)


async def test_draft_uses_department_settings_for_closing():
    reply = await handle("초안 기안문 정보화 교육 계획 보고")
    text = reply.final[1]
    assert "○○구청장" in text and "02-123-4567" in text


async def test_draft_docx_on_request():
    reply = await handle("초안 회의록 정보화 교육 준비 회의 --format docx")
    assert {f.name.rsplit(".", 1)[1] for f in reply.files} == {"hwpx", "docx"}


async def test_unknown_draft_type_lists_types():
    reply = await handle("초안 연애편지 봄날")
    assert reply.final[0] == "fail" and "보도자료" in reply.final[1]


async def test_proofread_reports_and_fixes():
    faulty = "제목  교육 계획\n\n1. 일시: 2025년 7월 31일 오후 2시\n2. 장소:대회의실"
    reply = await handle(f"교정 {faulty}")
    kind, text = reply.final
    assert kind == "finish" and "오류" in text and "2025. 7. 31." in text
    assert "오프라인 모드" not in text  # the checker uses no model


async def test_proofread_unknown_type_lists_types():
    reply = await handle("교정 --type 연애편지 본문입니다")
    assert reply.final[0] == "fail" and "문서 유형" in reply.final[1] and "기안문" in reply.final[1]
