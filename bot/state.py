"""State that outlives one request: duplicate-event keys, rate limits, quotas.

Behind one small interface so several replicas can later share it through
Redis; the in-process default is enough for a single bot. Values are counters
and keys only — never message content.
"""

from __future__ import annotations

import abc
import asyncio
import time


class StateStore(abc.ABC):
    @abc.abstractmethod
    async def add_once(self, key: str, ttl_s: float) -> bool:
        """Record ``key``; True the first time within ``ttl_s``, False if already seen."""

    @abc.abstractmethod
    async def incr(self, key: str, amount: float, ttl_s: float) -> float:
        """Add to a counter that expires ``ttl_s`` after it was created; returns the new total."""

    @abc.abstractmethod
    async def get(self, key: str) -> float:
        """A counter's current value, 0 when absent or expired."""

    async def prune(self) -> int:
        """Drop expired keys now; returns how many. Stores that expire keys themselves (Redis) need not."""
        return 0


class MemoryStateStore(StateStore):
    def __init__(self, clock=time.monotonic, max_keys: int = 200_000) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._data: dict[str, tuple[float, float]] = {}  # key -> (expires_at, value)
        self._lock = asyncio.Lock()

    def _live(self, key: str, now: float) -> tuple[float, float] | None:
        item = self._data.get(key)
        if item is not None and item[0] <= now:
            del self._data[key]
            return None
        return item

    def _prune(self, now: float) -> None:
        if len(self._data) < self._max_keys:
            return
        for k in [k for k, (exp, _) in self._data.items() if exp <= now]:
            del self._data[k]
        # Still full of live keys: drop the oldest-expiring so memory stays bounded.
        while len(self._data) >= self._max_keys:
            del self._data[min(self._data, key=lambda k: self._data[k][0])]

    async def prune(self) -> int:
        async with self._lock:
            now = self._clock()
            expired = [k for k, (exp, _) in self._data.items() if exp <= now]
            for k in expired:
                del self._data[k]
            return len(expired)

    async def add_once(self, key: str, ttl_s: float) -> bool:
        async with self._lock:
            now = self._clock()
            if self._live(key, now) is not None:
                return False
            self._prune(now)
            self._data[key] = (now + ttl_s, 1.0)
            return True

    async def incr(self, key: str, amount: float, ttl_s: float) -> float:
        async with self._lock:
            now = self._clock()
            item = self._live(key, now)
            if item is None:
                self._prune(now)
                item = (now + ttl_s, 0.0)
            value = item[1] + amount
            self._data[key] = (item[0], value)
            return value

    async def get(self, key: str) -> float:
        async with self._lock:
            item = self._live(key, self._clock())
            return 0.0 if item is None else item[1]
