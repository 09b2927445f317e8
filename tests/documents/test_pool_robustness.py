"""The worker pool and its pipes under failure: core dumps, odd exceptions, a full
queue, shutdown mid-job, big descriptors, oversized text and odd file names."""

from __future__ import annotations

import asyncio
import os
import resource
import threading
import time
import zlib

import pytest

from documents import frames, pool as pool_module
from documents.codec import decode_reply, encode_document
from documents.errors import DocumentError
from documents.extract import extract_document
from documents.limits import ExtractLimits
from documents.model import Document, Section, Table
from documents.pool import Worker, WorkerPool
from documents.textfile import read_text
from tests.documents import makers
from tests.documents.conftest import MAX_BYTES


def _wait_until(check, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


def _core_limit(pid: int) -> tuple[str, str]:
    with open(f"/proc/{pid}/limits") as limits:
        for line in limits:
            if line.startswith("Max core file size"):
                soft, hard = line.split()[4:6]
                return soft, hard
    raise AssertionError("no core line")


# 1. No core dumps (a core of the worker holds the upload).

def test_worker_forbids_core_dumps_and_leads_its_own_process_group():
    old = resource.getrlimit(resource.RLIMIT_CORE)
    # The worker must not inherit what it is started with (e.g. `ulimit -c unlimited`).
    resource.setrlimit(resource.RLIMIT_CORE, (old[1], old[1]))
    try:
        worker = Worker()
    finally:
        resource.setrlimit(resource.RLIMIT_CORE, old)
    try:
        worker.wait_ready(time.monotonic() + 30)
        assert _core_limit(worker.process.pid) == ("0", "0")
        # Its own group, so killing the group takes any Tesseract it started along.
        assert os.getpgid(worker.process.pid) == worker.process.pid
    finally:
        worker.kill()


# 2. TXT / MD / CSV keep to the output caps, and replies are bounded by them.

def test_csv_keeps_to_the_table_and_text_caps():
    limits = ExtractLimits(max_table_cells=1000, max_table_rows=100, max_chars=50_000)
    data = "\n".join(f"{i},이름{i},{i * 10}" for i in range(100_000)).encode()
    doc = read_text(data, "큰표.csv", "csv", limits)
    assert len(doc.tables[0].rows) == 100
    assert "truncated" in doc.notices
    limits = ExtractLimits(max_table_cells=90, max_chars=50_000)
    doc = read_text(data, "큰표.csv", "csv", limits)
    assert sum(len(r) for r in doc.tables[0].rows) <= 90
    limits = ExtractLimits(max_chars=1000)
    doc = read_text(data, "큰표.csv", "csv", limits)
    assert len(doc.text) <= 1000 and sum(len(c) for r in doc.tables[0].rows for c in r) <= 1000
    assert "truncated" in doc.notices


def test_csv_single_huge_row_is_clipped():
    doc = read_text(("가" * 5000 + ",나").encode(), "한줄.csv", "csv", ExtractLimits(max_chars=100))
    assert 0 < len(doc.text) <= 100 and "truncated" in doc.notices


def test_plain_text_keeps_to_max_chars():
    data = ("가나다라마바사 아자차카.\n\n" * 10_000).encode()
    doc = read_text(data, "긴글.txt", "txt", ExtractLimits(max_chars=5000))
    assert len(doc.text) <= 5000 + 10 * len(doc.sections)
    assert "truncated" in doc.notices
    small = read_text("짧은 글.".encode(), "짧은.md", "md")
    assert small.notices == ()


def test_reply_limit_follows_the_output_caps():
    assert ExtractLimits().reply_limit() < 64 * 1024 * 1024
    assert ExtractLimits(max_chars=1000, max_table_cells=100).reply_limit() < 5 * 1024 * 1024
    assert ExtractLimits(max_reply_bytes=1234).reply_limit() == 1234


async def test_big_csv_through_the_pool_is_truncated(pool):
    limits = ExtractLimits(max_chars=20_000)
    data = "\n".join(f"{i},값{i}" for i in range(200_000)).encode()
    doc = await extract_document("큰.csv", data, max_bytes=MAX_BYTES, pool=pool, limits=limits)
    assert len(doc.text) <= 20_000 and "truncated" in doc.notices


# 3. Descriptors above 1024, start-up failures, odd exceptions.

def test_frames_work_on_descriptors_above_1024():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1600:
        pytest.skip("cannot open descriptors above 1024 here")
    if soft < 1600:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1600, hard))
    r, w = os.pipe()
    high_r, high_w = os.dup2(r, 1500), os.dup2(w, 1501)
    os.close(r)
    os.close(w)
    try:
        deadline = time.monotonic() + 5
        frames.write_frame(high_w, b"hello", deadline)
        assert frames.read_frame(high_r, deadline, 100) == b"hello"
        with pytest.raises(frames.ChannelTimeout):
            frames.read_frame(high_r, time.monotonic() + 0.05)
    finally:
        os.close(high_r)
        os.close(high_w)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_failed_background_start_does_not_wedge_the_pool(monkeypatch):
    class Exploding:
        def __init__(self) -> None:
            raise RuntimeError("unexpected")

    monkeypatch.setattr(pool_module, "Worker", Exploding)
    workers = WorkerPool(size=1, prestart=False)
    try:
        workers._replenish()
        assert _wait_until(lambda: workers._starting == 0, 5)
    finally:
        workers.close()


async def test_an_unexpected_error_in_run_discards_the_worker(monkeypatch):
    seen: list[Worker] = []
    original = Worker.run

    def exploding_run(self, header, data, limits):  # type: ignore[no-untyped-def]
        seen.append(self)
        if len(seen) == 1:
            raise ValueError("bug")
        return original(self, header, data, limits)

    monkeypatch.setattr(Worker, "run", exploding_run)
    workers = WorkerPool(size=1, prestart=False)
    try:
        with pytest.raises(DocumentError) as caught:
            await extract_document("a.txt", "내용".encode(), max_bytes=MAX_BYTES, pool=workers)
        assert caught.value.code == "unavailable"
        assert _wait_until(lambda: not seen[0].alive(), 5)  # killed, not leaked
        assert not workers._busy
        doc = await extract_document("b.txt", "다음 내용".encode(), max_bytes=MAX_BYTES, pool=workers)
        assert "다음 내용" in doc.text
    finally:
        workers.close()


# 4. A full queue answers "busy"; a page of endless paths skips the table finder.

async def test_a_long_queue_answers_busy(monkeypatch):
    workers = WorkerPool(size=1, prestart=False)
    release = threading.Event()

    def slow(name, data, max_bytes, limits):  # type: ignore[no-untyped-def]
        release.wait(10)
        return Document(name=name, kind="txt", sections=(Section("끝", "1절"),))

    monkeypatch.setattr(workers, "_extract_blocking", slow)
    try:
        first = asyncio.create_task(extract_document("느린.txt", b"x", max_bytes=MAX_BYTES, pool=workers))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        with pytest.raises(DocumentError) as caught:
            await extract_document("보고서.docx", b"x", max_bytes=MAX_BYTES, pool=workers,
                                   limits=ExtractLimits(queue_wait_s=0.3))
        assert caught.value.code == "busy"
        assert time.monotonic() - started < 3
        message = caught.value.user_message()
        assert "바쁩니다" in message and "보고서.docx" in message
        release.set()
        assert (await first).text == "끝"
    finally:
        release.set()
        workers.close()


def _pdf_with_stream(content: bytes) -> bytes:
    comp = zlib.compress(content, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length " + str(len(comp)).encode() + b" /Filter /FlateDecode >>\nstream\n" + comp + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


async def test_a_page_of_endless_paths_does_not_feed_the_table_finder(pool):
    data = _pdf_with_stream(b"0 0 m 1 1 l S\n" * 150_000)  # 2 MB of operators, a few KB compressed
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        await extract_document("선.pdf", data, max_bytes=MAX_BYTES, pool=pool, limits=ExtractLimits(timeout_s=8))
    assert caught.value.code == "no_text"
    assert time.monotonic() - started < 6


# 5. A file name that is not valid UTF-8 (a lone surrogate).

async def test_a_name_with_a_lone_surrogate_still_reads(pool):
    name = "보고서\udcff.docx"
    doc = await extract_document(name, makers.docx_bytes("제목", ["본문 문장입니다."]), max_bytes=MAX_BYTES, pool=pool)
    assert "본문 문장입니다." in doc.text and doc.name == name


def test_codec_survives_surrogates_in_table_names():
    name = "표\udcff.csv"
    doc = Document(name=name, kind="csv", sections=(Section("a", "표 1"),), tables=(Table(name=name, rows=(("a",),)),))
    back, error, _ = decode_reply(encode_document(doc), name)
    assert error is None and back is not None and back.tables[0].name == name


# 6. Shutdown kills busy workers at once.

async def test_close_kills_a_busy_worker_promptly(monkeypatch):
    seen: list[Worker] = []

    def stuck_run(self, header, data, limits):  # type: ignore[no-untyped-def]
        # A job the worker is still busy with: it waits for a data frame that never comes.
        seen.append(self)
        self.wait_ready(time.monotonic() + 30)
        self.jobs += 1
        frames.write_frame(self.process.stdin.fileno(), header, time.monotonic() + 5)
        return frames.read_frame(self.process.stdout.fileno(), time.monotonic() + 30)

    monkeypatch.setattr(Worker, "run", stuck_run)
    workers = WorkerPool(size=1, prestart=False)
    job = asyncio.create_task(extract_document("a.txt", b"x", max_bytes=MAX_BYTES, pool=workers))
    assert await asyncio.to_thread(_wait_until, lambda: bool(seen) and seen[0].ready, 30)
    started = time.monotonic()
    workers.close()
    with pytest.raises(DocumentError) as caught:
        await asyncio.wait_for(job, 5)
    assert caught.value.code == "unavailable"
    assert time.monotonic() - started < 3
    assert _wait_until(lambda: not seen[0].alive(), 2)
