"""Claude provider against the fake Messages API, through the real anthropic SDK."""

from __future__ import annotations

import time

import pytest

from bot.providers.anthropic_chat import LEADING_USER_TURN, to_anthropic_messages
from bot.providers.base import Capability, ChatMessage, ProviderError
from bot.providers.factory import build_provider
from tests.fakes.anthropic_server import AnthropicFake
from tests.fakes.base import Fail, Raw, Reply
from tests.providers.conftest import ENV, NO_PROXY, model

ASK = [ChatMessage("system", "공문 어투로 답하세요."), ChatMessage("user", "회의 결과를 정리해 줘")]


def provider(fake, **kw):
    return build_provider("claude", model("anthropic", fake.url, model="claude-test", **kw), NO_PROXY, ENV)


async def collect(stream) -> list[str]:
    return [delta async for delta in stream]


async def test_stream_arrives_in_order_with_usage(anthropic_fake):
    anthropic_fake.push(Reply(chunks=["회의 ", "결과는 ", "다음과 ", "같습니다."], usage=(55, 9)))
    p = provider(anthropic_fake)
    stream = p.chat(ASK, max_tokens=200, temperature=0.1)
    assert await collect(stream) == ["회의 ", "결과는 ", "다음과 ", "같습니다."]
    assert (stream.usage.input_tokens, stream.usage.output_tokens) == (55, 9)
    assert stream.stop_reason == "end_turn"
    req = anthropic_fake.requests[-1]
    assert req.json["system"] == "공문 어투로 답하세요."
    assert req.json["messages"] == [{"role": "user", "content": "회의 결과를 정리해 줘"}]
    assert req.json["max_tokens"] == 200 and req.json["stream"] is True
    assert "temperature" not in req.json  # not in anthropic 2.13's Messages API
    assert "test-key-123" in (req.headers.get("x-api-key") or req.headers.get("Authorization", ""))
    assert p.capabilities == {Capability.CHAT}
    await p.aclose()


def test_message_mapping_joins_roles_and_opens_with_user():
    system, turns = to_anthropic_messages(
        [
            ChatMessage("system", "규칙 1"),
            ChatMessage("assistant", "이전 답변"),
            ChatMessage("user", "질문 A"),
            ChatMessage("user", "질문 B"),
            ChatMessage("system", "규칙 2"),
        ]
    )
    assert system == "규칙 1\n\n규칙 2"
    assert turns == [
        {"role": "user", "content": LEADING_USER_TURN},
        {"role": "assistant", "content": "이전 답변"},
        {"role": "user", "content": "질문 A\n\n질문 B"},
    ]


async def test_temperature_sent_only_when_configured(anthropic_fake):
    p = provider(anthropic_fake, options={"send_temperature": True})
    await collect(p.chat(ASK, temperature=0.3))
    assert anthropic_fake.requests[-1].json["temperature"] == 0.3
    await p.aclose()


async def test_429_with_retry_after_is_retried(anthropic_fake):
    anthropic_fake.push(Fail(429, headers={"retry-after": "0.3"}), Reply(chunks=["ok"]))
    p = provider(anthropic_fake)
    start = time.monotonic()
    assert await collect(p.chat(ASK)) == ["ok"]
    assert time.monotonic() - start >= 0.3
    assert len(anthropic_fake.requests) == 2
    await p.aclose()


async def test_overloaded_529_then_success(anthropic_fake):
    anthropic_fake.push(Fail(529), Fail(500), Reply(chunks=["완료"]))
    p = provider(anthropic_fake)
    assert await collect(p.chat(ASK)) == ["완료"]
    assert len(anthropic_fake.requests) == 3
    await p.aclose()


@pytest.mark.parametrize(("status", "kind"), [(401, "auth"), (402, "quota"), (400, "bad_request"), (413, "bad_request")])
async def test_non_retryable_statuses(anthropic_fake, status, kind):
    anthropic_fake.push(Fail(status))
    p = provider(anthropic_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == kind and err.value.status == status
    assert len(anthropic_fake.requests) == 1
    await p.aclose()


async def test_stalled_server_times_out(anthropic_fake):
    anthropic_fake.push(Reply(delay_s=3))
    p = provider(anthropic_fake, timeout_s=0.3, max_retries=0)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "timeout"
    await p.aclose()


@pytest.mark.parametrize("abort", [False, True], ids=["clean-eof", "connection-reset"])
async def test_cut_stream_yields_partial_then_cut(anthropic_fake, abort):
    # With a reset the SDK raises a raw httpx2 error; with a clean end it raises nothing.
    anthropic_fake.push(Reply(chunks=["가 ", "나 ", "다"], cut_after=2, abort=abort))
    p = provider(anthropic_fake)
    got = []
    with pytest.raises(ProviderError) as err:
        async for delta in p.chat(ASK):
            got.append(delta)
    assert got == ["가 ", "나 "] and err.value.kind == "cut"
    assert len(anthropic_fake.requests) == 1
    await p.aclose()


async def test_missing_message_stop_is_cut_even_after_message_delta(anthropic_fake):
    anthropic_fake.push(Reply(chunks=["a", "b"], cut_after=2))
    p = provider(anthropic_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "cut"
    await p.aclose()


async def test_malformed_event_is_provider_error(anthropic_fake):
    anthropic_fake.push(Reply(chunks=["a", "b"], malformed_after=1))
    p = provider(anthropic_fake)
    got = []
    with pytest.raises(ProviderError) as err:
        async for delta in p.chat(ASK):
            got.append(delta)
    assert got == ["a"] and err.value.kind == "bad_response"
    await p.aclose()


async def test_error_event_inside_stream_is_classified_by_type(anthropic_fake):
    anthropic_fake.push(Reply(chunks=["a", "b"], error_after=1))
    p = provider(anthropic_fake)
    got = []
    with pytest.raises(ProviderError) as err:
        async for delta in p.chat(ASK):
            got.append(delta)
    assert got == ["a"]
    assert err.value.kind == "unavailable" and "overloaded_error" in err.value.detail
    await p.aclose()


async def test_overloaded_event_before_text_is_retried(anthropic_fake):
    anthropic_fake.push(Reply(chunks=["x"], error_after=0), Reply(chunks=["재시도 ", "성공"]))
    p = provider(anthropic_fake)
    assert await collect(p.chat(ASK)) == ["재시도 ", "성공"]
    assert len(anthropic_fake.requests) == 2
    await p.aclose()


async def test_plain_json_to_stream_request_is_an_error(anthropic_fake):
    anthropic_fake.push(*[Raw(body=b'{"id": "msg", "type": "message"}')] * 3)
    p = provider(anthropic_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind in ("cut", "bad_response")
    await p.aclose()


async def test_wrong_key_is_auth_error():
    with AnthropicFake(api_key="another-key") as fake:
        p = provider(fake)
        with pytest.raises(ProviderError) as err:
            await collect(p.chat(ASK))
        assert err.value.kind == "auth"
        await p.aclose()


async def test_lacks_image_and_translation(anthropic_fake):
    p = provider(anthropic_fake)
    for call in (p.image("x"), p.translate(["x"], target_lang="EN"), p.translate_document(b"x", "a.pdf", target_lang="EN")):
        with pytest.raises(ProviderError) as err:
            await call
        assert err.value.kind == "unsupported"
    assert anthropic_fake.requests == []
    await p.aclose()
