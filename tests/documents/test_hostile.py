"""Hostile and broken files: each ends in its DocumentError with a Korean message,
the next extraction still works, and the bot's process stays small."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest

from documents.errors import DocumentError
from documents.extract import extract_document
from documents.limits import ExtractLimits
from tests.documents import makers
from tests.documents.conftest import MAX_BYTES

HANGUL = re.compile(r"[가-힣]")
REAL_PDF = Path(__file__).with_name("files") / "na_bill_2125318_carbon_neutral_act.pdf"
MiB = 1024 * 1024


def _cases() -> list[tuple[str, str, bytes]]:
    docx = makers.docx_bytes("보고서", ["본문"])
    hwpx = makers.hwpx_bytes([["본문"]])
    hwp = makers.hwpx_bytes([["암호가 걸린 문서"]], fmt="hwp")
    xlsx = makers.xlsx_bytes({"표": [["a", "b"], [1, 2]]})
    return [
        # 120 MiB section inflated from ~0.4 MB, declared honestly: refused from the headers.
        ("archive_limits", "폭탄.hwpx", makers.zip_with_bomb(hwpx, "Contents/section0.xml", 120 * MiB)),
        ("archive_limits", "폭탄.docx", makers.zip_with_bomb(docx, "word/document.xml", 120 * MiB)),
        # Same bombs whose headers claim 4 KiB: caught while streaming the member.
        ("archive_limits", "거짓.hwpx", makers.zip_with_bomb(hwpx, "Contents/section0.xml", 120 * MiB, lie=True)),
        ("archive_limits", "거짓.docx", makers.zip_with_bomb(docx, "word/document.xml", 120 * MiB, lie=True)),
        # HWP 5 body streams are raw deflate: 150 MiB from one ~0.5 MB stream.
        ("archive_limits", "폭탄.hwp", makers.hwp_with_bomb(hwp, 150 * MiB)),
        ("xml_entities", "웃음.docx", makers.replace_member(docx, "word/document.xml", makers.BILLION_LAUGHS)),
        ("xml_entities", "웃음.xlsx", makers.replace_member(xlsx, "xl/worksheets/sheet1.xml", makers.BILLION_LAUGHS)),
        ("too_many_pages", "오천쪽.pdf", makers.many_pages_pdf(5000)),
        ("broken", "잘림.docx", docx[: len(docx) // 2]),
        ("broken", "잘림.hwpx", hwpx[: len(hwpx) - 200]),
        ("broken", "잘림.pdf", REAL_PDF.read_bytes()[:90_000]),
        ("mismatch", "가짜.pdf", "PDF인 척하는 텍스트".encode()),
        ("empty", "빈파일.hwp", b""),
        ("encrypted", "암호.pdf", makers.pdf_bytes(["비밀 문서"], password="1234")),
        ("hwp_password", "암호.hwp", makers.with_hwp_flags(hwp, 0x2)),
        ("hwp_distribution", "배포용.hwp", makers.with_hwp_flags(hwp, 0x4)),
        # Office's password protection wraps the package in OLE: EncryptionInfo + EncryptedPackage.
        ("encrypted", "암호.docx", makers.ole_file({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(100),
                                                     "EncryptedPackage": bytes(4096)})),
        ("legacy_office", "옛날.doc", makers.ole_file({"WordDocument": bytes(4096)})),
    ]


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, str, bytes]]:
    return _cases()


async def test_each_hostile_file_gets_its_korean_error_and_the_next_file_works(pool, cases):
    good = makers.docx_bytes("정상 문서", ["다음 파일은 읽혀야 합니다."])
    for code, name, data in cases:
        with pytest.raises(DocumentError) as caught:
            await extract_document(name, data, max_bytes=MAX_BYTES, pool=pool)
        assert caught.value.code == code, name
        message = caught.value.user_message()
        assert name in message and HANGUL.search(message)
        doc = await extract_document("정상.docx", good, max_bytes=MAX_BYTES, pool=pool)
        assert "다음 파일은 읽혀야 합니다." in doc.text


async def test_wrong_extension_is_read_by_content(pool):
    docx = makers.docx_bytes("확장자가 틀린 문서", ["내용은 DOCX입니다."])
    doc = await extract_document("보고서.hwp", docx, max_bytes=MAX_BYTES, pool=pool)
    assert doc.kind == "docx" and "내용은 DOCX입니다." in doc.text
    pdf = makers.pdf_bytes(["내용은 PDF입니다."])
    doc = await extract_document("표.xlsx", pdf, max_bytes=MAX_BYTES, pool=pool)
    assert doc.kind == "pdf"


async def test_owner_password_only_pdf_opens(pool):
    # Permissions-only encryption (no user password) is how many 공문 PDFs ship.
    data = makers.pdf_bytes(["인쇄 제한만 걸린 공문입니다."], owner_only=True)
    doc = await extract_document("공문.pdf", data, max_bytes=MAX_BYTES, pool=pool)
    assert "인쇄 제한만 걸린 공문입니다." in doc.text


async def test_too_large_is_refused_before_the_worker(pool):
    with pytest.raises(DocumentError) as caught:
        await extract_document("큰파일.pdf", b"%PDF" + b"0" * 2000, max_bytes=1000, pool=pool)
    assert caught.value.code == "too_large"


async def test_worker_memory_ceiling_kills_the_job_not_the_bot(pool):
    tiny = ExtractLimits(memory_bytes=64 * MiB)  # below what decoding 30 MB of text needs
    data = ("메모리 한도 시험 문장입니다.\n\n" * 1_000_000).encode()
    with pytest.raises(DocumentError) as caught:
        await extract_document("한도.txt", data, max_bytes=MAX_BYTES, pool=pool, limits=tiny)
    assert caught.value.code == "too_complex"
    doc = await extract_document("한도.txt", "메모리 한도 시험 문장입니다.".encode(), max_bytes=MAX_BYTES, pool=pool)
    assert "메모리 한도 시험 문장입니다." in doc.text


async def test_wall_clock_timeout_kills_the_worker(pool, real_pdf):
    limits = ExtractLimits(timeout_s=0.05)  # the real bill takes ~0.25 s with its tables
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        await extract_document("느림.pdf", real_pdf, max_bytes=MAX_BYTES, pool=pool, limits=limits)
    assert caught.value.code == "timeout"
    assert time.monotonic() - started < 5
    doc = await extract_document("다음.pdf", makers.pdf_bytes(["다음 문서"]), max_bytes=MAX_BYTES, pool=pool)
    assert "다음 문서" in doc.text


async def test_event_loop_keeps_running_during_extraction(pool, real_pdf):
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    started = time.monotonic()
    docs = await asyncio.gather(*[
        extract_document(f"의안{i}.pdf", real_pdf, max_bytes=MAX_BYTES, pool=pool) for i in range(4)
    ])
    elapsed = time.monotonic() - started
    stop.set()
    await task
    assert all(d.kind == "pdf" for d in docs)
    # A blocked loop would tick ~once; a free one ticks about every 5 ms throughout.
    assert ticks >= max(3, int(elapsed / 0.005 * 0.3))


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


async def test_calling_process_memory_stays_bounded(pool, cases):
    """Bound: the calling process's peak RSS grows by < 64 MiB over all hostile files.

    The bombs inflate to 120 MiB each and the 5000-page PDF is parsed, but all of
    that happens in the worker; the bot holds only the upload and the small reply.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to now
    except OSError:
        pytest.skip("cannot reset the peak RSS on this kernel")
    before = _rss_kib("VmRSS")
    for _, name, data in cases:
        with pytest.raises(DocumentError):
            await extract_document(name, data, max_bytes=MAX_BYTES, pool=pool)
    grown_mib = (_rss_kib("VmHWM") - before) / 1024
    assert grown_mib < 64, f"peak RSS grew by {grown_mib:.1f} MiB"


async def test_closed_pool_answers_with_a_document_error():
    from documents.pool import WorkerPool

    closed = WorkerPool(size=1, prestart=False)
    closed.close()
    with pytest.raises(DocumentError) as caught:
        await extract_document("a.txt", "내용".encode(), max_bytes=MAX_BYTES, pool=closed)
    assert caught.value.code == "unavailable"


async def test_sheet_claiming_a_million_rows_is_read_by_what_it_holds(pool):
    import io
    import zipfile

    book = makers.xlsx_bytes({"표": [["구분", "값"], ["가", 1]]})
    xml = zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml").decode()
    xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
    xml = xml.replace("</sheetData>", '<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>끝</t></is></c></row></sheetData>')
    started = time.monotonic()
    doc = await extract_document("넓은표.xlsx", makers.replace_member(book, "xl/worksheets/sheet1.xml", xml.encode()),
                                 max_bytes=MAX_BYTES, pool=pool)
    assert time.monotonic() - started < 10
    assert doc.tables[0].rows == (("구분", "값"), ("가", "1"), (), ("", "끝"))
