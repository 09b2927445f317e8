"""One websocket connection to Mattermost: authenticate, then read events until it closes.

Reconnecting is the caller's job (``connection.py``); the drivers' own loops
reconnect forever without backoff, so the adapter speaks the small protocol itself.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

log = logging.getLogger("dasan.mattermost.ws")


class WebsocketClosed(Exception):
    """The connection ended; ``code`` is the close code (1006 for an abrupt drop)."""

    def __init__(self, code: int | None, during_auth: bool = False) -> None:
        super().__init__(f"websocket closed code={code}")
        self.code = code
        self.during_auth = during_auth


class WebsocketSession:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._seq = 1  # seq 1 is the authentication challenge
        self.connection_id = ""
        self.server_version = ""
        self.next_event_seq = 0  # the server numbers events per connection, hello = 0
        self.seq_gaps = 0

    @classmethod
    async def open(
        cls, http: aiohttp.ClientSession, url: str, token: str, *, heartbeat_s: float, timeout_s: float
    ) -> WebsocketSession:
        # Bounded: a server that accepts the TCP connection and then says nothing must
        # not hold the reconnect loop. The heartbeat (ping/pong) finds dead connections later.
        ws = await asyncio.wait_for(
            http.ws_connect(url, heartbeat=heartbeat_s, timeout=aiohttp.ClientWSTimeout(ws_close=timeout_s)),
            timeout_s,
        )
        session = cls(ws)
        try:
            await asyncio.wait_for(session._authenticate(token), timeout_s)
        except BaseException:
            await ws.close()
            raise
        return session

    async def _authenticate(self, token: str) -> None:
        await self._ws.send_str(
            json.dumps({"seq": 1, "action": "authentication_challenge", "data": {"token": token}})
        )
        # Mattermost queues ``hello`` before the challenge's OK; a bad token closes the socket.
        while True:
            frame = await self._receive()
            if frame is None:
                raise WebsocketClosed(self._ws.close_code or 1006, during_auth=True)
            if frame.get("event") == "hello":
                data = frame.get("data") or {}
                self.connection_id = str(data.get("connection_id", ""))
                self.server_version = str(data.get("server_version", ""))
                self.next_event_seq = int(frame.get("seq", 0)) + 1
                return

    async def _receive(self) -> dict[str, Any] | None:
        """The next JSON frame, or None once the connection is closed."""
        while True:
            msg = await self._ws.receive()
            if msg.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                raw = msg.data if isinstance(msg.data, str) else msg.data.decode("utf-8", "replace")
                try:
                    frame = json.loads(raw)
                except ValueError:
                    log.warning("mattermost ws unparseable frame bytes=%d", len(raw))
                    continue
                if isinstance(frame, dict):
                    return frame
                continue
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.ERROR):
                return None

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        """Events in order; raises WebsocketClosed when the connection ends."""
        while True:
            frame = await self._receive()
            if frame is None:
                raise WebsocketClosed(self._ws.close_code or 1006)
            if "event" not in frame:
                continue  # a reply to one of our actions
            seq = frame.get("seq")
            if isinstance(seq, int):
                if seq != self.next_event_seq:
                    # The server dropped events for this connection (full send queue).
                    self.seq_gaps += 1
                    log.warning(
                        "mattermost ws seq gap expected=%d got=%d", self.next_event_seq, seq
                    )
                self.next_event_seq = seq + 1
            yield frame

    async def send_action(self, action: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await self._ws.send_str(json.dumps({"seq": self._seq, "action": action, "data": data}))

    @property
    def closed(self) -> bool:
        return self._ws.closed

    async def close(self) -> None:
        await self._ws.close()
