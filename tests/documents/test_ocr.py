"""Scanned PDFs: Tesseract reads them when installed; otherwise a clear Korean message."""

from __future__ import annotations

import pytest

from documents.errors import DocumentError
from documents.extract import extract_document
from documents.limits import ExtractLimits
from documents.ocr import find_tesseract
from tests.documents import makers
from tests.documents.conftest import MAX_BYTES

LINES = ["주민등록 등본 발급 안내", "2025년 3월 7일부터 민원실에서 신청서를 접수합니다.", "문의는 자치행정과로 연락하여 주시기 바랍니다."]
HAS_KOREAN_OCR = find_tesseract("tesseract", "kor") is not None


@pytest.fixture(scope="module")
def scanned() -> bytes:
    data = makers.scanned_pdf_bytes(LINES)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    assert pdf[0].get_textpage().get_text_range().strip() == ""  # truly image-only
    pdf.close()
    return data


@pytest.mark.skipif(not HAS_KOREAN_OCR, reason="tesseract-ocr + tesseract-ocr-kor not installed")
async def test_scanned_pdf_is_read_by_tesseract(pool, scanned):
    doc = await extract_document("스캔.pdf", scanned, max_bytes=MAX_BYTES, pool=pool)
    assert doc.notices == ("ocr",)
    text = doc.text.replace(" ", "")
    for expected in ("주민등록등본발급안내", "2025년3월7일부터", "자치행정과로연락하여"):
        assert expected in text


async def test_without_tesseract_the_user_gets_the_no_text_layer_message(pool, scanned):
    limits = ExtractLimits(ocr_binary="/nonexistent/tesseract")
    with pytest.raises(DocumentError) as caught:
        await extract_document("스캔.pdf", scanned, max_bytes=MAX_BYTES, pool=pool, limits=limits)
    assert caught.value.code == "no_text_layer"
    message = caught.value.user_message()
    assert "스캔" in message and "HWP" in message and "스캔.pdf" in message


async def test_text_pages_are_kept_when_one_page_is_a_scan(pool):
    # A typed 공문 with a scanned attachment page: keep the text, say a page was left out.
    typed = makers.pdf_bytes(["본문은 글자로 된 쪽입니다. 붙임은 스캔본입니다."])
    scan = makers.scanned_pdf_bytes(LINES)
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for part in (typed, scan):
        source = pdfium.PdfDocument(part)
        merged.import_pages(source)
    import io

    out = io.BytesIO()
    merged.save(out)
    limits = ExtractLimits(ocr_enabled=False)
    doc = await extract_document("공문.pdf", out.getvalue(), max_bytes=MAX_BYTES, pool=pool, limits=limits)
    assert [s.label for s in doc.sections] == ["1쪽"]
    assert doc.notices == ("pages_without_text",)


def test_broken_text_layer_is_detected():
    from documents.textquality import PageText, judge

    assert judge("(cid:12)(cid:48)(cid:3)(cid:99)(cid:7)(cid:1)") is PageText.GARBAGE
    # What PDFium gives for a CID font without ToUnicode (opendataloader-pdf's sample).
    shifted = "7KHTXLFNEURZQIR[MXPSVRYHUWKHOD]\\GRJ\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\r\n"
    assert judge(shifted * 3) is PageText.GARBAGE
    assert judge("\ufffd" * 30 + "한글") is PageText.GARBAGE
    assert judge("本文之內容皆為漢字而無韓文字母故判斷為破損之文字層也本文之內容") is PageText.GARBAGE
    assert judge("과기정통부는 한국형발사체의 새로운 이름으로 누리가 선정되었다고 밝혔다.") is PageText.OK
    assert judge("The quick brown fox jumps over the lazy dog, again and again.") is PageText.OK
    assert judge("- 1 -") is PageText.EMPTY
