"""The websocket reconnect loop: exponential backoff with jitter, a metadata-only
log line per disconnect, and a callback on every (re)connect so the adapter can
catch up on what Mattermost does not replay."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from typing import Any, Protocol

import aiohttp

from adapters.mattermost.websocket import WebsocketClosed, WebsocketSession

log = logging.getLogger("dasan.mattermost.ws")

# A connection that stayed up this long was healthy: the next reconnect starts the backoff over.
HEALTHY_AFTER_S = 10.0


class StreamListener(Protocol):
    def connected(self, reconnect: bool) -> None: ...

    def disconnected(self) -> None: ...

    def missed(self) -> None: ...

    def event(self, frame: dict[str, Any]) -> None: ...


def backoff_delay(failures: int, min_s: float, max_s: float, rng: random.Random) -> float:
    """Wait before attempt ``failures`` (1-based): doubling from min_s up to max_s,
    scaled by a random factor in [0.5, 1) so many bots do not reconnect in step."""
    base = min(max_s, min_s * 2 ** max(0, failures - 1))
    return base * (0.5 + rng.random() / 2)


class EventStream:
    def __init__(
        self,
        url: str,
        token: str,
        listener: StreamListener,
        *,
        min_s: float = 1.0,
        max_s: float = 60.0,
        heartbeat_s: float = 30.0,
        timeout_s: float = 30.0,
        rng: random.Random | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._url = url
        self._token = token
        self._listener = listener
        self._min_s = min_s
        self._max_s = max(min_s, max_s)
        self._heartbeat_s = heartbeat_s
        self._timeout_s = timeout_s
        self._rng = rng or random.Random()
        self._clock = clock or (lambda: asyncio.get_running_loop().time())
        self.session: WebsocketSession | None = None
        self.connects = 0
        self.disconnects = 0

    @property
    def connected(self) -> bool:
        return self.session is not None and not self.session.closed

    async def send_action(self, action: str, data: dict[str, Any]) -> bool:
        """Sends on the live connection; False when there is none (callers fall back to REST)."""
        session = self.session
        if session is None or session.closed:
            return False
        try:
            await session.send_action(action, data)
        except (aiohttp.ClientError, ConnectionError, RuntimeError):
            return False
        return True

    async def run(self, ready: asyncio.Event | None = None) -> None:
        """Runs until cancelled."""
        failures = 0
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    session = await WebsocketSession.open(
                        http, self._url, self._token, heartbeat_s=self._heartbeat_s, timeout_s=self._timeout_s
                    )
                except (TimeoutError, aiohttp.ClientError, OSError, WebsocketClosed) as exc:
                    failures += 1
                    delay = backoff_delay(failures, self._min_s, self._max_s, self._rng)
                    code = exc.code if isinstance(exc, WebsocketClosed) else None
                    log.warning(
                        "mattermost ws connect failed error=%s code=%s attempt=%d retry_in_s=%.2f",
                        type(exc).__name__, code, failures, delay,
                    )
                    await asyncio.sleep(delay)
                    continue

                started = self._clock()
                self.session = session
                self.connects += 1
                log.info("mattermost ws connected connection=%s reconnect=%s", session.connection_id,
                         self.connects > 1)
                self._listener.connected(reconnect=self.connects > 1)
                if ready is not None:
                    ready.set()
                events = 0
                code: int | None = None
                try:
                    gaps = 0
                    async for frame in session.events():
                        events += 1
                        try:
                            self._listener.event(frame)
                        except Exception as exc:  # one bad event must not end the connection
                            log.error("mattermost ws event failed event=%s error=%s", frame.get("event"),
                                      type(exc).__name__)
                        if session.seq_gaps != gaps:
                            gaps = session.seq_gaps
                            self._listener.missed()
                except WebsocketClosed as exc:
                    code = exc.code
                except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                    code = 1006
                    log.debug("mattermost ws read error=%s", type(exc).__name__)
                finally:
                    self.session = None
                    await session.close()

                lived = self._clock() - started
                self.disconnects += 1
                self._listener.disconnected()
                failures = 0 if lived >= HEALTHY_AFTER_S else failures
                failures += 1
                delay = backoff_delay(failures, self._min_s, self._max_s, self._rng)
                log.warning(
                    "mattermost ws disconnected code=%s lived_s=%.1f events=%d reconnect_in_s=%.2f",
                    code, lived, events, delay,
                )
                await asyncio.sleep(delay)
