"""Retry policy, Retry-After parsing and failure classification."""

from __future__ import annotations

import email.utils
import json
import time

import httpx2
import pytest

from bot.messages.providers import PROVIDER_ERRORS
from bot.providers.base import ErrorKind, ProviderError
from bot.providers.retry import (
    RetryPolicy,
    call_with_retry,
    classify_common,
    parse_retry_after,
    status_kind,
    stream_with_retry,
)
from tests.providers.conftest import model


def test_retry_after_forms():
    assert parse_retry_after({"Retry-After": "2"}) == 2
    assert parse_retry_after({"retry-after": "0.5"}) == 0.5
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < parse_retry_after({"Retry-After": future}) <= 30
    assert parse_retry_after({"Retry-After": "soon"}) is None
    assert parse_retry_after({}) is None and parse_retry_after(None) is None


def test_backoff_grows_with_jitter_and_respects_limits():
    policy = RetryPolicy(max_retries=4, base_delay_s=1.0, max_delay_s=3.0, max_retry_after_s=10)
    for attempt, cap in [(0, 1.0), (1, 2.0), (2, 3.0), (3, 3.0)]:
        waits = {policy.delay(attempt, None) for _ in range(50)}
        assert all(cap / 2 <= w <= cap for w in waits) and len(waits) > 1
    assert policy.delay(4, None) is None  # retries used up
    assert 2.0 <= policy.delay(0, 2.0) <= 2.2  # the server's wait, plus a little jitter
    assert policy.delay(0, 11.0) is None  # longer than we hold a user's request


def test_policy_from_config():
    m = model("openai", None, max_retries=5, options={"retry_base_delay_s": 0.2, "retry_max_wait_s": 3})
    policy = RetryPolicy.from_model(m)
    assert (policy.max_retries, policy.base_delay_s, policy.max_retry_after_s) == (5, 0.2, 3)


@pytest.mark.parametrize(
    ("status", "kind"),
    [(400, "bad_request"), (401, "auth"), (403, "auth"), (402, "quota"), (456, "quota"), (404, "bad_request"),
     (408, "timeout"), (413, "bad_request"), (429, "rate_limited"), (500, "unavailable"), (503, "unavailable"),
     (504, "timeout"), (529, "unavailable")],
)
def test_status_kinds(status, kind):
    assert status_kind(status) == kind


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (httpx2.ReadTimeout("x"), "timeout"),
        (TimeoutError(), "timeout"),
        (httpx2.ConnectError("x"), "unavailable"),
        (httpx2.RemoteProtocolError("x"), "unavailable"),
        (ConnectionResetError(), "unavailable"),
        (json.JSONDecodeError("x", "{", 0), "bad_response"),
        (AssertionError(), "bad_response"),
        (KeyError("choices"), "bad_response"),
        (RuntimeError("anything else"), "bad_response"),
    ],
)
def test_common_classification(exc, kind):
    err = classify_common(exc, "Svc")
    assert isinstance(err, ProviderError) and err.kind == kind and err.service == "Svc"


def test_disconnect_mid_stream_is_cut():
    assert classify_common(httpx2.RemoteProtocolError("x"), "S", mid_stream=True).kind == "cut"
    assert classify_common(httpx2.ReadTimeout("x"), "S", mid_stream=True).kind == "timeout"


FAST = RetryPolicy(max_retries=2, base_delay_s=0.001, max_delay_s=0.002)


def classify(exc: BaseException) -> ProviderError:
    return classify_common(exc, "S")


async def test_call_with_retry_stops_on_non_retryable():
    calls = []

    async def op():
        calls.append(1)
        raise ProviderError("auth", "S", status=401)

    with pytest.raises(ProviderError) as err:
        await call_with_retry(op, FAST, classify)
    assert err.value.kind == "auth" and len(calls) == 1


async def test_call_with_retry_recovers():
    calls = []

    async def op():
        calls.append(1)
        if len(calls) < 3:
            raise httpx2.ConnectError("refused")
        return "ok"

    assert await call_with_retry(op, FAST, classify) == "ok" and len(calls) == 3


async def test_stream_is_never_retried_after_a_delta():
    attempts = []

    async def attempt():
        attempts.append(1)
        yield "first"
        raise httpx2.ReadError("dropped")

    got = []
    with pytest.raises(ProviderError):
        async for delta in stream_with_retry(attempt, FAST, classify):
            got.append(delta)
    assert got == ["first"] and len(attempts) == 1


async def test_stream_retried_before_first_delta():
    attempts = []

    async def attempt():
        attempts.append(1)
        if len(attempts) == 1:
            raise httpx2.ConnectError("refused")
        yield "a"
        yield "b"

    assert [d async for d in stream_with_retry(attempt, FAST, classify)] == ["a", "b"]
    assert len(attempts) == 2


async def test_stream_attempt_is_closed_when_consumer_stops():
    closed = []

    async def attempt():
        try:
            yield "a"
            yield "b"
        finally:
            closed.append(True)

    gen = stream_with_retry(attempt, FAST, classify)
    assert await gen.__anext__() == "a"
    await gen.aclose()
    assert closed == [True]


def test_every_error_kind_has_a_korean_message():
    kinds = ErrorKind.__args__  # type: ignore[attr-defined]
    assert set(PROVIDER_ERRORS) == set(kinds)
    for kind in kinds:
        text = PROVIDER_ERRORS[kind].format(service="DeepL")
        assert "DeepL" in text and any("가" <= c <= "힣" for c in text)
