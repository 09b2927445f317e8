"""Retries, backoff and failure classification shared by every provider.

Our layer retries; the SDKs never do (openai/anthropic get ``max_retries=0``, deepl a
single-attempt HTTP client). One place deciding keeps waits from multiplying, lets
``Retry-After`` be honoured the same way for every API, and makes sure a stream is never
retried after its first delta reached the user.

Every exception is turned into ``ProviderError`` here or by the provider's own
classifier; the original exception is dropped (``from None``) because SDK exceptions can
carry response bodies, and errors travel into logs.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import logging
import random
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx2

from bot.config import ModelSettings
from bot.providers.base import ChatStream, ErrorKind, ProviderError

log = logging.getLogger("bot.providers")

T = TypeVar("T")
Classifier = Callable[[BaseException], ProviderError]


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    base_delay_s: float = 0.5  # first backoff step; doubles per attempt
    max_delay_s: float = 8.0
    # A server asking for a longer pause than this is not worth holding the user's
    # request for: fail now with retry_after set, so the pipeline can fall back.
    max_retry_after_s: float = 30.0

    @classmethod
    def from_model(cls, model: ModelSettings) -> RetryPolicy:
        opts = model.options
        return cls(
            max_retries=model.max_retries,
            base_delay_s=float(opts.get("retry_base_delay_s", cls.base_delay_s)),
            max_delay_s=float(opts.get("retry_max_delay_s", cls.max_delay_s)),
            max_retry_after_s=float(opts.get("retry_max_wait_s", cls.max_retry_after_s)),
        )

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before retry ``attempt + 1``; None means give up."""
        if attempt >= self.max_retries:
            return None
        if retry_after is not None:
            if retry_after > self.max_retry_after_s:
                return None
            # A little jitter on top, so clients told the same instant do not return together.
            return retry_after + random.uniform(0, min(0.1 * retry_after, 1.0))
        cap = min(self.max_delay_s, self.base_delay_s * (2**attempt))
        # "Equal jitter": half fixed, half random — spreads bursts but keeps a floor.
        return cap / 2 + random.uniform(0, cap / 2)


def parse_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """``retry-after-ms`` (OpenAI), else ``Retry-After`` as seconds or an HTTP date."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def status_kind(status: int) -> ErrorKind:
    if status in (401, 403):
        return "auth"
    if status in (402, 456):  # 456: DeepL's "quota exceeded"
        return "quota"
    if status == 429:
        return "rate_limited"
    if status in (408, 504):
        return "timeout"
    if status >= 500:
        return "unavailable"
    if status >= 400:
        return "bad_request"
    return "bad_response"  # an error object on a 2xx answer


def classify_common(exc: BaseException, service: str, *, mid_stream: bool = False) -> ProviderError:
    """Failures that look the same whatever the SDK: transport, timeouts, malformed data.

    ``mid_stream``: the failure happened while reading an answer that had started, so a
    dropped connection means a cut answer rather than an unreachable service.
    """
    if isinstance(exc, ProviderError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, (httpx2.TimeoutException, TimeoutError)):
        return ProviderError("timeout", service, detail=name)
    if isinstance(exc, (httpx2.TransportError, ConnectionError)):
        return ProviderError("cut" if mid_stream else "unavailable", service, detail=name)
    if isinstance(exc, httpx2.HTTPStatusError):
        status = exc.response.status_code
        return ProviderError(
            status_kind(status), service, status=status, retry_after=parse_retry_after(exc.response.headers), detail=name
        )
    if isinstance(exc, OSError):
        return ProviderError("unavailable", service, detail=name)
    # json.JSONDecodeError, AssertionError, pydantic errors, KeyError … from a malformed
    # answer, and anything unforeseen: the service said something we cannot use.
    return ProviderError("bad_response", service, detail=name)


def _log_retry(err: ProviderError, attempt: int, wait: float) -> None:
    log.info(
        "provider retry service=%s kind=%s status=%s attempt=%d wait_s=%.2f",
        err.service,
        err.kind,
        err.status,
        attempt + 1,
        wait,
    )


async def call_with_retry(op: Callable[[], Awaitable[T]], policy: RetryPolicy, classify: Classifier) -> T:
    """Run ``op`` until it succeeds, a non-retryable error occurs or retries run out."""
    attempt = 0
    while True:
        try:
            return await op()
        except Exception as exc:  # noqa: BLE001 - every failure becomes a ProviderError
            err = classify(exc)
        if not err.retryable:
            raise err from None
        wait = policy.delay(attempt, err.retry_after)
        if wait is None:
            raise err from None
        _log_retry(err, attempt, wait)
        await asyncio.sleep(wait)
        attempt += 1


async def stream_with_retry(
    attempt_stream: Callable[[], AsyncGenerator[str, None]], policy: RetryPolicy, classify: Classifier
) -> AsyncIterator[str]:
    """Yield the deltas of ``attempt_stream()``, starting it again on a retryable failure
    as long as nothing has been yielded yet. After the first delta, failures surface as
    they are: the user has already seen part of this answer.
    """
    attempt = 0
    while True:
        yielded = False
        try:
            # aclosing: when our consumer stops early, the attempt (and its HTTP response)
            # is closed now rather than whenever the garbage collector gets to it.
            async with contextlib.aclosing(attempt_stream()) as deltas:
                async for delta in deltas:
                    yielded = True
                    yield delta
            return
        except Exception as exc:  # noqa: BLE001
            err = classify(exc)
        # A stream that broke before saying anything is as good as a refused connection.
        if yielded or not (err.retryable or err.kind == "cut"):
            raise err from None
        wait = policy.delay(attempt, err.retry_after)
        if wait is None:
            raise err from None
        _log_retry(err, attempt, wait)
        await asyncio.sleep(wait)
        attempt += 1


def request_timeout(model: ModelSettings) -> httpx2.Timeout:
    """Per-call timeout: ``timeout_s`` for the answer to start and between stream chunks;
    connecting gets at most 10 s, so an unreachable host fails fast."""
    return httpx2.Timeout(model.timeout_s, connect=min(10.0, model.timeout_s))


class RetryingChatStream(ChatStream):
    """A ChatStream made of attempts: subclasses implement ``_attempt`` (one request,
    yielding text, raising ProviderError("cut") when the end marker is missing) and keep
    the SDK stream they are reading in ``_sdk_stream`` so ``aclose`` can release it."""

    def __init__(self, policy: RetryPolicy, classify: Classifier) -> None:
        super().__init__()
        self._policy = policy
        self._classify = classify
        self._gen: AsyncGenerator[str, None] | None = None
        self._sdk_stream: Any = None

    def _deltas(self) -> AsyncIterator[str]:
        gen = stream_with_retry(self._attempt, self._policy, self._classify)
        self._gen = gen  # type: ignore[assignment]
        return gen

    def _attempt(self) -> AsyncGenerator[str, None]:
        raise NotImplementedError

    async def aclose(self) -> None:
        if self._sdk_stream is not None:
            await self._sdk_stream.close()
        if self._gen is not None:
            try:
                await self._gen.aclose()
            except RuntimeError:  # being iterated by another task; closing the response ends it
                pass
