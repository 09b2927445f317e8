"""Real government documents (see files/README.md): the Korean text and tables come out right."""

from __future__ import annotations

from documents.extract import extract_document
from tests.documents.conftest import MAX_BYTES


async def test_real_hwp_press_release(pool, real_hwp):
    doc = await extract_document("누리호 보도자료.hwp", real_hwp, max_bytes=MAX_BYTES, pool=pool)
    assert doc.kind == "hwp" and doc.unit == "쪽"
    assert [s.label for s in doc.sections] == ["1쪽", "2쪽", "3쪽"]
    first = doc.sections[0].text
    assert "보도일시 | 2018. 9. 4.(화) 조간(온라인 9. 3. 12:00)부터 보도해 주시기 바랍니다." in first
    assert "□ 과학기술정보통신부(장관 유영민, 이하 ‘과기정통부’)는" in first
    assert "  o 한국형발사체는 1.5톤급 실용위성을" in first
    assert "그림입니다" not in doc.text  # picture placeholders are not content
    assert doc.sections[1].text.startswith("  o 명칭선정절차는")
    assert "붙임" in doc.sections[2].text
    comparison = next(t for t in doc.tables if t.rows[0][0] == "구 분")
    assert comparison.rows[0] == ("구 분", "한국형발사체(누리호)", "시험발사체")
    assert ("총 길이", "47.2 m", "25.8 m") in comparison.rows
    assert ("이륙 중량", "200 톤", "52.1 톤") in comparison.rows


async def test_real_pdf_bill(pool, real_pdf):
    doc = await extract_document("의안원문.pdf", real_pdf, max_bytes=MAX_BYTES, pool=pool)
    assert doc.kind == "pdf" and doc.unit == "쪽"
    labels = [s.label for s in doc.sections]
    assert labels[0] == "1쪽" and labels[-1] == "10쪽"
    assert "6쪽" not in labels  # the blank page carries nothing to cite
    first = doc.sections[0].text
    assert "기후위기 대응을 위한 탄소중립ㆍ녹색성장 기본법" in first
    assert "(이수진의원 대표발의)" in first
    assert "제안이유 및 주요내용" in first
    assert "신ㆍ구조문대비표" in doc.sections[labels.index("7쪽")].text
    assert doc.notices == ()
