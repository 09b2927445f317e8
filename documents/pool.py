"""A small pool of parser worker processes, driven from asyncio without blocking it.

Workers are plain subprocesses (``python -m documents.worker``) rather than
multiprocessing children: no pickling across the trust boundary, no re-import of the
bot's main module, no socket files in /tmp, and a minimal environment, so a worker
never holds the bot's API keys. Start-up (interpreter plus parser imports) costs
about half a second, so workers are started ahead of need and reused; one that
timed out, died, hit a limit or served ``max_jobs`` jobs is replaced in the background.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from documents.codec import decode_reply
from documents.errors import DocumentError
from documents.frames import ChannelClosed, ChannelTimeout, FrameTooLarge, read_frame, write_frame
from documents.limits import ExtractLimits
from documents.model import Document

log = logging.getLogger(__name__)
PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
STARTUP_TIMEOUT_S = 30.0
ENV_KEPT = ("PATH", "LANG", "LC_ALL", "TESSDATA_PREFIX", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def worker_env() -> dict[str, str]:
    env = {key: os.environ[key] for key in ENV_KEPT if key in os.environ}
    env["PYTHONPATH"] = PACKAGE_ROOT
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    return env


class Worker:
    def __init__(self, python: str = sys.executable) -> None:
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            [python, "-m", "documents.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=worker_env(),
            cwd="/",
            close_fds=True,
            # Its own process group (pgid == pid), shared by the Tesseract it starts,
            # so kill() takes both down and no OCR process outlives its worker.
            start_new_session=True,
        )
        self.jobs = 0
        self.ready = False
        self.recorded = False
        self.startup_s: float | None = None

    def wait_ready(self, deadline: float) -> None:
        if self.ready:
            return
        assert self.process.stdout is not None
        if read_frame(self.process.stdout.fileno(), deadline, 16) != b"ready":
            raise ChannelClosed
        self.ready = True
        self.startup_s = time.monotonic() - self.started_at

    def run(self, header: bytes, data: bytes, limits: ExtractLimits) -> bytes:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.wait_ready(time.monotonic() + max(limits.timeout_s, STARTUP_TIMEOUT_S))
        deadline = time.monotonic() + limits.timeout_s  # the job's own time starts once the worker is up
        self.jobs += 1
        write_frame(self.process.stdin.fileno(), header, deadline)
        write_frame(self.process.stdin.fileno(), data, deadline)
        return read_frame(self.process.stdout.fileno(), deadline, limits.reply_limit())

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """SIGKILL the worker's group, even when the worker itself is gone: an OCR
        child may remain. Leaves the pipes to the thread using them (see kill)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.process.returncode is None:
            try:
                self.process.kill()
            except OSError:  # pragma: no cover
                pass

    def kill(self) -> None:
        self.stop()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - kill -9 does not time out
            pass


class WorkerPool:
    def __init__(self, size: int = 2, *, max_jobs: int = 50, prestart: bool = True) -> None:
        self.size = size
        self.max_jobs = max_jobs
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._starting = 0
        self._lock = threading.Condition()
        self._closed = False
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="dasan-doc")
        self.startup_times: list[float] = []
        if prestart:
            for _ in range(size):
                self._replenish()

    async def extract(self, name: str, data: bytes, max_bytes: int, limits: ExtractLimits) -> Document:
        try:
            job = self._executor.submit(self._extract_logged, name, data, max_bytes, limits)
        except RuntimeError:  # the pool was closed under us
            raise DocumentError("unavailable", name) from None
        waiter = asyncio.wrap_future(job)
        try:
            # Only the wait in the queue is bounded here; a started job has its own limits.
            await asyncio.wait({waiter}, timeout=limits.queue_wait_s)
            if not waiter.done() and job.cancel():
                log.info("document refused: code=busy bytes=%d seconds=%.2f", len(data), limits.queue_wait_s)
                raise DocumentError("busy", name)
            await asyncio.wait({waiter})
        except asyncio.CancelledError:
            job.cancel()  # our caller gave up: a job still queued need not run
            raise
        if job.cancelled():  # the pool was closed while the job waited
            raise DocumentError("unavailable", name)
        return waiter.result()

    def _extract_logged(self, name: str, data: bytes, max_bytes: int, limits: ExtractLimits) -> Document:
        # Metadata only: sizes, kinds, codes, timings; never the name or the content.
        started = time.monotonic()
        try:
            doc = self._extract_blocking(name, data, max_bytes, limits)
        except DocumentError as exc:
            log.info("document refused: code=%s bytes=%d seconds=%.2f", exc.code, len(data),
                     time.monotonic() - started)
            raise
        except Exception as exc:  # a bug here must not escape as anything but DocumentError
            log.error("document worker failure: %s bytes=%d", type(exc).__name__, len(data))
            raise DocumentError("unavailable", name) from None
        log.info("document read: kind=%s bytes=%d sections=%d tables=%d notices=%s seconds=%.2f", doc.kind,
                 len(data), len(doc.sections), len(doc.tables), ",".join(doc.notices) or "-",
                 time.monotonic() - started)
        return doc

    def _extract_blocking(self, name: str, data: bytes, max_bytes: int, limits: ExtractLimits) -> Document:
        header = json.dumps({"name": name, "max_bytes": max_bytes, "limits": limits.as_dict()}).encode()
        for attempt in range(2):
            worker = self._take(name)
            try:
                raw = worker.run(header, data, limits)
            except Exception as exc:
                self._discard(worker)
                if self._closed:
                    raise DocumentError("unavailable", name) from None
                if isinstance(exc, ChannelTimeout):
                    raise DocumentError("timeout", name) from None
                if isinstance(exc, FrameTooLarge):
                    raise DocumentError("too_complex", name) from None
                if isinstance(exc, (ChannelClosed, OSError)):
                    if worker.jobs == 0 and attempt == 0:
                        continue  # died before taking the job (start-up failure): try a fresh one
                    # Killed mid-job: SIGXCPU (CPU budget), SIGKILL or an abort on a memory ceiling.
                    raise DocumentError("too_complex", name) from None
                # Anything else is a bug on our side: the worker is gone, the pool goes on.
                log.error("document worker failure: %s", type(exc).__name__)
                raise DocumentError("unavailable", name) from None
            except BaseException:
                self._discard(worker)
                raise
            self._record_startup(worker)
            document, error, retire = decode_reply(raw, name)
            if retire or worker.jobs >= self.max_jobs:
                self._discard(worker)
            else:
                self._give_back(worker)
            if error is not None:
                raise error
            assert document is not None
            return document
        raise DocumentError("too_complex", name)

    def _take(self, name: str) -> Worker:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        with self._lock:
            while True:
                if self._closed:
                    raise DocumentError("unavailable", name)
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        self._busy.add(worker)
                        return worker
                    worker.kill()
                # A worker already starting is sooner ready than a new one.
                if not self._starting or not self._lock.wait(max(0.0, deadline - time.monotonic())):
                    break
        worker = Worker()  # none warm: this job waits for a start-up
        with self._lock:
            if not self._closed:
                self._busy.add(worker)
                return worker
        worker.kill()
        raise DocumentError("unavailable", name)

    def _record_startup(self, worker: Worker) -> None:
        if worker.startup_s is not None and not worker.recorded:
            worker.recorded = True
            self.startup_times.append(worker.startup_s)

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(worker)
                self._lock.notify()
                return
        worker.kill()

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
        worker.kill()
        self._replenish()

    def _replenish(self) -> None:
        with self._lock:
            if self._closed or len(self._idle) + self._starting >= self.size:
                return
            self._starting += 1

        def start() -> None:
            worker = None
            try:
                worker = Worker()
                worker.wait_ready(time.monotonic() + STARTUP_TIMEOUT_S)
                self._record_startup(worker)
            except Exception as exc:
                if not isinstance(exc, (ChannelClosed, ChannelTimeout, OSError)):
                    log.error("document worker start failure: %s", type(exc).__name__)
                if worker is not None:
                    worker.kill()
                worker = None
            finally:
                # Always, or _take would keep waiting for a worker that never comes.
                with self._lock:
                    self._starting -= 1
                    if worker is not None and not self._closed and len(self._idle) < self.size:
                        self._idle.append(worker)
                        worker = None
                    self._lock.notify()
            if worker is not None:
                worker.kill()

        threading.Thread(target=start, name="dasan-doc-start", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy, self._busy = list(self._busy), set()
            self._lock.notify_all()
        for worker in idle:
            worker.kill()
        # Busy workers too: their jobs see the pipe close at once, answer "unavailable"
        # and close the pipes themselves (closing them here could race a read).
        for worker in busy:
            worker.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)


_default_pool: WorkerPool | None = None
_default_lock = threading.Lock()


def default_pool() -> WorkerPool:
    """The process-wide pool; created (and its workers started) on first use."""
    global _default_pool
    with _default_lock:
        if _default_pool is None or _default_pool._closed:
            _default_pool = WorkerPool(size=max(1, min(2, os.cpu_count() or 1)))
        return _default_pool


def shutdown_default_pool() -> None:
    global _default_pool
    with _default_lock:
        pool, _default_pool = _default_pool, None
    if pool is not None:
        pool.close()


atexit.register(shutdown_default_pool)

__all__ = ["Worker", "WorkerPool", "default_pool", "shutdown_default_pool"]
