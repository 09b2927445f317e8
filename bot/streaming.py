"""Helpers adapters share for showing a streamed answer: edit coalescing and message splitting."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class EditThrottle:
    """Coalesces a stream of whole-text updates into at most one edit per ``interval`` seconds.

    Platforms rate-limit edits (Slack and Mattermost: about one per second per
    message), so the latest text wins and intermediate ones are dropped. ``flush``
    sends whatever is pending, for the final edit.
    """

    def __init__(self, send: Callable[[str], Awaitable[None]], interval: float = 1.0, clock=time.monotonic) -> None:
        self._send = send
        self._interval = interval
        self._clock = clock
        self._last_sent_at = float("-inf")
        self._pending: str | None = None
        self._sent: str | None = None
        self._timer: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self.edits = 0

    async def submit(self, text: str) -> None:
        self._pending = text
        wait = self._last_sent_at + self._interval - self._clock()
        if wait <= 0:
            await self._send_pending()
        elif self._timer is None or self._timer.done():
            self._timer = asyncio.create_task(self._later(wait))

    async def _later(self, wait: float) -> None:
        await asyncio.sleep(wait)
        await self._send_pending()

    async def _send_pending(self) -> None:
        async with self._lock:
            text, self._pending = self._pending, None
            if text is None or text == self._sent:
                return
            self._last_sent_at = self._clock()
            self._sent = text
            self.edits += 1
            await self._send(text)

    async def flush(self) -> None:
        if self._timer is not None and not self._timer.done():
            self._timer.cancel()
        await self._send_pending()

    def cancel(self) -> None:
        """Drop pending edits, e.g. before the final message replaces the stream."""
        if self._timer is not None and not self._timer.done():
            self._timer.cancel()
        self._pending = None


def split_message(text: str, limit: int) -> list[str]:
    """Split text into parts of at most ``limit`` characters, preferring paragraph,
    then line, then sentence boundaries, so a long answer reads naturally across posts."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", "다. ", " "):
            pos = window.rfind(sep)
            if pos > limit // 2:
                cut = pos + len(sep)
                break
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
    if rest or not parts:
        parts.append(rest)
    return parts
