"""Nothing is written to disk while reading documents, OCR included (checked with strace)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKER = "/__dasan_extraction_starts__"
WRITE = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|\bcreat\(|\bmkdir|\brename|\bunlink")

SCRIPT = textwrap.dedent(
    f"""
    import asyncio
    from tests.documents import makers
    from documents.extract import extract_document
    from documents.pool import WorkerPool

    files = {{
        "a.pdf": makers.pdf_bytes(["본문 글자"], table=[["a", "b"], ["1", "2"]]),
        "scan.pdf": makers.scanned_pdf_bytes(["주민등록 등본 발급 안내"]),
        "a.hwp": makers.hwpx_bytes([["본문"]], fmt="hwp"),
        "a.hwpx": makers.hwpx_bytes([["본문"]]),
        "a.docx": makers.docx_bytes("제목", ["본문"]),
        "a.xlsx": makers.xlsx_bytes({{"표": [["a", "b"], [1, 2]]}}),
        "a.pptx": makers.pptx_bytes([("제목", ["본문"])]),
    }}
    try:  # marks the point in the trace where fixture generation (openpyxl uses temp files) ends
        open({MARKER!r})
    except OSError:
        pass

    async def main():
        pool = WorkerPool(size=1)
        for name, data in files.items():
            doc = await extract_document(name, data, max_bytes=10**8, pool=pool)
            assert doc.text, name
        pool.close()

    asyncio.run(main())
    """
)


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")
def test_extraction_writes_no_file():
    traced = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=openat,open,creat,mkdir,rename,renameat,renameat2,unlink,unlinkat",
         "-o", "/dev/stderr", sys.executable, "-B", "-c", SCRIPT],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    if "ptrace" in traced.stderr and traced.returncode != 0:
        pytest.skip("ptrace not permitted here")
    assert traced.returncode == 0, traced.stderr[-2000:]
    lines = traced.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if MARKER in line)
    writes = [
        line for line in lines[start + 1 :]
        if WRITE.search(line) and "ENOENT" not in line and not re.search(r'"/dev/(null|shm/|tty)', line)
    ]
    assert writes == []
    assert any("tesseract" in line for line in lines[start:]) or shutil.which("tesseract") is None
