"""A tiny forward HTTP proxy on 127.0.0.1 that records what passes through it.

Used to prove that the configured outbound proxy really carries SDK traffic: point
``NetworkSettings.proxy`` at ``proxy.url`` and a provider at a fake server, then look at
``proxy.requests``. Plain-HTTP requests arrive in absolute form and are forwarded one per
connection; ``CONNECT`` is tunnelled. Only loopback destinations are forwarded.
"""

from __future__ import annotations

import asyncio
import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from tests.fakes.base import LoopThread

_HOP_HEADERS = {"proxy-connection", "proxy-authorization", "connection", "keep-alive"}


@dataclass
class ProxiedRequest:
    method: str
    url: str  # absolute URL, or host:port for CONNECT
    headers: dict[str, str]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RecordingProxy:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.requests: list[ProxiedRequest] = []
        self._loop_thread = LoopThread("recording-proxy")
        self._server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> RecordingProxy:
        self._loop_thread.start()
        self._loop_thread.run(self._startup())
        return self

    def stop(self) -> None:
        if self._server is not None:
            # asyncio servers are not thread-safe: close on the proxy's own loop.
            self._loop_thread.run(self._shutdown())
        self._loop_thread.stop()

    async def _shutdown(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await asyncio.wait_for(server.wait_closed(), 2)

    async def _startup(self) -> None:
        self._server = await asyncio.start_server(self._handle, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    def __enter__(self) -> RecordingProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def __aenter__(self) -> RecordingProxy:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self.stop)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip()] = value.strip()
        self.requests.append(ProxiedRequest(method, target, headers))

        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            path_head = b""
        else:
            parts = urlsplit(target)
            host, port = parts.hostname or "", str(parts.port or 80)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            kept = [f"{k}: {v}" for k, v in headers.items() if k.lower() not in _HOP_HEADERS]
            path_head = ("\r\n".join([f"{method} {path} {version}", *kept, "Connection: close"]) + "\r\n\r\n").encode(
                "latin-1"
            )
        if not _is_loopback(host):
            writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(host, int(port))
        except OSError:
            writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
            writer.close()
            return
        if method == "CONNECT":
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
        else:
            up_writer.write(path_head)
        upstream = asyncio.ensure_future(_pipe(reader, up_writer))
        await _pipe(up_reader, writer)
        upstream.cancel()
        up_writer.close()


async def _pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
    try:
        while data := await src.read(65536):
            dst.write(data)
            await dst.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            dst.close()
        except RuntimeError:
            pass
