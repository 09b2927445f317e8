"""Every supported format, generated in memory by its own library, read back through the worker."""

from __future__ import annotations

import unicodedata

from documents.extract import extract_document
from tests.documents import makers
from tests.documents.conftest import MAX_BYTES

TABLE = [["구분", "예산", "집행액"], ["인건비", "1,000", "800"], ["운영비", "500", "450"]]
TABLE_ROWS = tuple(tuple(row) for row in TABLE)


async def read(pool, name: str, data: bytes):
    return await extract_document(name, data, max_bytes=MAX_BYTES, pool=pool)


async def test_hwpx_pages_paragraphs_and_table(pool):
    data = makers.hwpx_bytes([["□ 추진 배경", "  ○ 주민 불편 해소를 위함"], ["붙임  예산 내역 1부.  끝."]], TABLE)
    doc = await read(pool, "계획.hwpx", data)
    assert doc.kind == "hwpx" and doc.unit == "쪽"
    assert [s.label for s in doc.sections] == ["1쪽", "2쪽"]
    assert "□ 추진 배경" in doc.sections[0].text
    assert "  ○ 주민 불편 해소를 위함" in doc.sections[0].text  # indentation kept
    assert "인건비 | 1,000 | 800" in doc.sections[0].text
    assert "붙임  예산" not in doc.sections[1].text and "붙임 예산 내역 1부. 끝." in doc.sections[1].text
    assert doc.tables[0].rows == TABLE_ROWS


async def test_hwp5_written_by_python_hwpx(pool):
    data = makers.hwpx_bytes([["첫 쪽 본문입니다."], ["둘째 쪽 본문입니다."]], TABLE, fmt="hwp")
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    doc = await read(pool, "문서.hwp", data)
    assert doc.kind == "hwp"
    assert [s.text.splitlines()[0] for s in doc.sections] == ["첫 쪽 본문입니다.", "둘째 쪽 본문입니다."]
    assert doc.tables[0].rows == TABLE_ROWS


async def test_docx_heading_bullets_table(pool):
    data = makers.docx_bytes("2025년 추진 계획", ["목적은 다음과 같습니다."], TABLE, ["첫째 항목", "둘째 항목"])
    doc = await read(pool, "계획.docx", data)
    assert doc.kind == "docx"
    lines = doc.text.splitlines()
    assert lines[:4] == ["2025년 추진 계획", "목적은 다음과 같습니다.", "- 첫째 항목", "- 둘째 항목"]
    assert "운영비 | 500 | 450" in lines
    assert doc.tables[0].rows == TABLE_ROWS


async def test_docx_saved_by_word_has_pages(pool):
    # Word records where it broke pages (w:lastRenderedPageBreak); sections then are pages.
    import io

    import docx
    from docx.oxml import OxmlElement

    document = docx.Document(io.BytesIO(makers.docx_bytes("제목", ["첫 쪽 문단", "둘째 쪽 문단", "둘째 쪽 이어짐"])))
    second = document.paragraphs[2]
    second.runs[0]._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    out = io.BytesIO()
    document.save(out)
    doc = await read(pool, "쪽.docx", out.getvalue())
    assert doc.unit == "쪽"
    assert [(s.label, s.text) for s in doc.sections] == [("1쪽", "제목\n첫 쪽 문단"), ("2쪽", "둘째 쪽 문단\n둘째 쪽 이어짐")]


async def test_xlsx_sheets_are_tables_and_sections(pool):
    data = makers.xlsx_bytes({
        "예산": [["부서", "금액", "기준일"], ["자치행정과", 1200000, "2025-03-07"], ["복지과", 2.5, None]],
        "인원": [["부서", "인원"], ["자치행정과", 12]],
    })
    doc = await read(pool, "예산.xlsx", data)
    assert doc.kind == "xlsx" and doc.unit == "시트"
    assert [s.label for s in doc.sections] == ["시트 '예산'", "시트 '인원'"]
    assert doc.tables[0].name == "예산"
    assert doc.tables[0].rows[1] == ("자치행정과", "1200000", "2025-03-07")
    assert doc.tables[0].rows[2] == ("복지과", "2.5")
    assert "자치행정과 | 12" in doc.sections[1].text


async def test_pptx_slides_levels_table_notes(pool):
    data = makers.pptx_bytes([("추진 현황", ["주요 성과", "민원 30% 감소"]), ("향후 계획", ["하반기 확대"])], TABLE)
    doc = await read(pool, "보고.pptx", data)
    assert doc.kind == "pptx" and [s.label for s in doc.sections] == ["1번 슬라이드", "2번 슬라이드"]
    first = doc.sections[0].text.splitlines()
    assert first[:3] == ["추진 현황", "주요 성과", "  민원 30% 감소"]
    assert "인건비 | 1,000 | 800" in first
    assert any("1번 발표 메모" in line for line in first)
    assert doc.tables[0].rows == TABLE_ROWS


async def test_pdf_text_per_page_and_ruled_table(pool):
    data = makers.pdf_bytes(["첫 쪽: 주민센터 운영 시간은 09:00∼18:00입니다.", "둘째 쪽: 문의는 민원과로."], table=TABLE)
    doc = await read(pool, "안내.pdf", data)
    assert doc.kind == "pdf" and [s.label for s in doc.sections] == ["1쪽", "2쪽"]
    assert "주민센터 운영 시간은 09:00∼18:00입니다." in doc.sections[0].text
    assert "문의는 민원과로." in doc.sections[1].text
    assert doc.tables[0].rows == TABLE_ROWS and doc.tables[0].name == "표 1 (1쪽)"


async def test_text_formats_and_nfc(pool):
    decomposed = unicodedata.normalize("NFD", "한글 문서입니다.")
    doc = await read(pool, "메모.txt", decomposed.encode("utf-8"))
    assert doc.text == "한글 문서입니다."
    csv_doc = await read(pool, "명단.csv", "이름,부서\n홍길동,민원과\n".encode("cp949"))
    assert csv_doc.tables[0].rows == (("이름", "부서"), ("홍길동", "민원과"))


async def test_decomposed_hangul_comes_out_nfc(pool):
    # macOS tools write decomposed (NFD) Hangul; searches and lints need NFC.
    sentence = "자모로 분리된 한글 문장입니다."
    nfd = unicodedata.normalize("NFD", sentence)
    for name, data in (("nfd.docx", makers.docx_bytes(nfd, [nfd])), ("nfd.hwpx", makers.hwpx_bytes([[nfd]]))):
        doc = await read(pool, name, data)
        assert sentence in doc.text.splitlines()
        assert unicodedata.is_normalized("NFC", doc.text)
