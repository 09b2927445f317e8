"""Bounded retries for Mattermost REST calls: 429 honours Retry-After, 5xx and
network errors back off exponentially with jitter.

Non-idempotent calls are retried only on 429 (the server refused them outright);
post creation is made idempotent with ``pending_post_id`` so it can be retried too.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx
from mattermostautodriver.exceptions import InvalidMattermostError, MattermostError, TooManyRequests

log = logging.getLogger("dasan.mattermost.rest")

T = TypeVar("T")


class HttpStatusError(Exception):
    """A non-2xx answer on a path the driver does not wrap (streamed downloads)."""

    def __init__(self, status_code: int, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status_code}")
        self.status_code = status_code
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 4
    base_s: float = 0.5
    cap_s: float = 30.0  # the longest single wait; a longer Retry-After fails the call at once


def status_of(exc: BaseException) -> int | None:
    if isinstance(exc, (MattermostError, InvalidMattermostError, HttpStatusError)):
        return exc.status_code
    return None


def parse_retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def retry_delay(
    exc: BaseException, attempt: int, *, idempotent: bool, policy: RetryPolicy, rng: random.Random
) -> float | None:
    """Seconds to wait before the next attempt, or None when the error is final."""
    if attempt >= policy.max_retries:
        return None
    backoff = min(policy.cap_s, policy.base_s * 2**attempt) * (0.5 + rng.random() / 2)
    status = status_of(exc)
    if status == 429:
        wait = exc.retry_after if isinstance(exc, (TooManyRequests, HttpStatusError)) else None
        if wait is None:
            return backoff
        return wait if wait <= policy.cap_s else None
    if not idempotent:
        return None
    if status is not None and status >= 500:
        return backoff
    if isinstance(exc, httpx.TransportError):
        return backoff
    return None


async def call_with_retries(
    op: str,
    fn: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    idempotent: bool = True,
    rng: random.Random | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    rng = rng or random.Random()
    attempt = 0
    while True:
        try:
            return await fn()
        except (MattermostError, InvalidMattermostError, HttpStatusError, httpx.TransportError) as exc:
            delay = retry_delay(exc, attempt, idempotent=idempotent, policy=policy, rng=rng)
            if delay is None:
                raise
            log.warning(
                "mattermost rest retry op=%s status=%s error=%s attempt=%d wait_s=%.2f",
                op, status_of(exc), type(exc).__name__, attempt + 1, delay,
            )
            await sleep(delay)
            attempt += 1
