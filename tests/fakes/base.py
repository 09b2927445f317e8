"""Shared machinery for the fake API servers: a background event loop, a script of
responses and faults, and a record of the requests received.

Each fake runs an aiohttp application on 127.0.0.1 (port 0 by default) in its own
thread with its own event loop, so the same object works from sync code, from
async tests and from benchmarks without sharing the caller's loop::

    with OpenAIFake() as fake:                # or: async with OpenAIFake() as fake
        fake.push(Fail(429, headers={"Retry-After": "0.1"}), Reply(chunks=["a", "b"]))
        ...point an SDK at fake.url...
        assert fake.requests[-1].json["stream"] is True

Steps are consumed in order by the next request whose path contains the step's
``path`` filter (any request when it is None); with no step queued the fake
answers ``fake.default``.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Reply:
    """A normal answer, optionally broken in one of the ways real servers break.

    ``chunks``: the text deltas to stream (None: the fake derives them from the request).
    ``usage``: (input_tokens, output_tokens) to report (None: derived from the request).
    ``delay_s``: pause before the response headers (a stalled server).
    ``cut_after``: stop after this many deltas without the end marker.
    ``abort``: with ``cut_after``, reset the connection instead of ending the body cleanly.
    ``malformed_after``: after this many deltas send a chunk that is not JSON.
    ``error_after``: after this many deltas send the API's in-stream error event.
    ``stall_after`` / ``stall_s``: pause mid-stream after this many deltas.
    ``extra``: top-level fields merged into every chunk / the JSON body (e.g. citations).
    """

    chunks: list[str] | None = None
    usage: tuple[int, int] | None = None
    finish_reason: str | None = None
    delay_s: float = 0.0
    cut_after: int | None = None
    abort: bool = False
    malformed_after: int | None = None
    error_after: int | None = None
    stall_after: int | None = None
    stall_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fail:
    """An HTTP error answer in the API's own error format (``body`` overrides it)."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class Raw:
    """Any literal answer, e.g. plain JSON to a streaming request."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


Step = Reply | Fail | Raw


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes = field(repr=False)
    json: Any = None
    form: dict[str, Any] | None = None  # multipart/urlencoded fields; files as (filename, bytes)


class LoopThread:
    """Runs coroutines on a private event loop in a daemon thread."""

    def __init__(self, name: str) -> None:
        self._name = name
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.call_soon(started.set)
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name=self._name, daemon=True)
        self._thread.start()
        started.wait(10)
        self.loop = loop

    def run(self, coro: Any, timeout: float = 10) -> Any:
        assert self.loop is not None, "not started"
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        if self.loop is None or self._thread is None:
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop = None
        self._thread = None


class FakeServer:
    """Base of the API fakes. Subclasses add routes in ``add_routes``."""

    name = "fake"

    def __init__(self, *, chunk_delay_s: float = 0.0, host: str = "127.0.0.1", port: int = 0) -> None:
        self.chunk_delay_s = chunk_delay_s  # fixed latency before every streamed chunk
        self.host = host
        self.port = port
        self.default: Step = Reply()
        self.requests: list[RecordedRequest] = []
        self.record_requests = True  # benchmarks turn this off to keep memory flat
        self._script: deque[tuple[str | None, Step]] = deque()
        self._lock = threading.Lock()
        self._loop_thread = LoopThread(f"{self.name}-server")
        self._runner: web.AppRunner | None = None

    # -- scripting ---------------------------------------------------------

    def push(self, *steps: Step, path: str | None = None) -> None:
        """Queue steps for the next requests (whose path contains ``path``, if given)."""
        with self._lock:
            self._script.extend((path, step) for step in steps)

    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    def clear(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()

    def next_step(self, path: str) -> Step:
        with self._lock:
            for i, (want, step) in enumerate(self._script):
                if want is None or want in path:
                    del self._script[i]
                    return step
        return self.default

    def requests_to(self, path_part: str) -> list[RecordedRequest]:
        return [r for r in self.requests if path_part in r.path]

    # -- lifecycle ---------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def add_routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def start(self) -> FakeServer:
        self._loop_thread.start()
        self._loop_thread.run(self._startup())
        return self

    def stop(self) -> None:
        if self._runner is not None:
            try:
                self._loop_thread.run(self._runner.cleanup(), timeout=10)
            finally:
                self._runner = None
        self._loop_thread.stop()

    async def _startup(self) -> None:
        app = web.Application(client_max_size=200 * 1024 * 1024)
        self.add_routes(app)
        # handler_cancellation: a client that hangs up (timeout test) ends a stalled handler.
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None, shutdown_timeout=0.2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server  # aiohttp keeps the bound socket here; port 0 needs the real port
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def __aenter__(self) -> FakeServer:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self.stop)

    # -- helpers for subclasses -----------------------------------------------

    async def record(self, request: web.Request) -> RecordedRequest:
        parsed_json = None
        form = None
        body = b""
        ctype = request.content_type
        if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            # post() consumes the body itself; the raw bytes are not kept for forms.
            form = {}
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    form[key] = (value.filename, value.file.read())
                else:
                    form[key] = value
        else:
            body = await request.read()
            if ctype == "application/json" and body:
                try:
                    parsed_json = json.loads(body)
                except ValueError:
                    parsed_json = None
        rec = RecordedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers=dict(request.headers),
            body=body,
            json=parsed_json,
            form=form,
        )
        if self.record_requests:
            with self._lock:
                self.requests.append(rec)
        return rec

    async def pause(self, seconds: float) -> None:
        if seconds > 0:
            await asyncio.sleep(seconds)

    async def answer_literal(self, step: Fail | Raw, error_body: Any) -> web.Response:
        await self.pause(step.delay_s)
        if isinstance(step, Raw):
            return web.Response(
                status=step.status, body=step.body, content_type=step.content_type, headers=step.headers
            )
        body = step.body if step.body is not None else error_body
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        return web.Response(status=step.status, body=raw, content_type="application/json", headers=step.headers)

    async def open_sse(self, request: web.Request, headers: Mapping[str, str]) -> web.StreamResponse:
        resp = web.StreamResponse(
            status=200, headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache", **headers}
        )
        await resp.prepare(request)
        return resp

    async def send_event(self, resp: web.StreamResponse, payload: str, event: str | None = None) -> None:
        if self.chunk_delay_s:
            await asyncio.sleep(self.chunk_delay_s)
        head = f"event: {event}\n" if event else ""
        await resp.write(f"{head}data: {payload}\n\n".encode())

    @staticmethod
    def abort(request: web.Request) -> None:
        transport = request.transport
        if transport is not None:
            transport.abort()


def echo_chunks(text: str) -> list[str]:
    """The default answer: 'echo: ' followed by the prompt's words, one delta per word."""
    words = text.split(" ") if text else []
    return ["echo: "] + [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


def serve_forever(server: FakeServer) -> None:
    """``python -m tests.fakes.<name>``: run one fake until interrupted, printing its URL."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=f"Run the {server.name} fake on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--chunk-delay-ms", type=float, default=0.0)
    args = parser.parse_args()
    server.port = args.port
    server.chunk_delay_s = args.chunk_delay_ms / 1000
    server.record_requests = False
    server.start()
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
