"""OpenAI provider against the fake OpenAI server, through the real openai SDK."""

from __future__ import annotations

import time

import pytest

from bot.providers.base import Capability, ChatMessage, ProviderError
from bot.providers.factory import build_provider
from bot.tasks import Task
from tests.fakes.base import Fail, Raw, Reply
from tests.fakes.openai_server import TINY_PNG, OpenAIFake
from tests.providers.conftest import ENV, NO_PROXY, model

ASK = [ChatMessage("system", "간결하게 답하세요."), ChatMessage("user", "예산 편성 일정 알려줘")]


def provider(fake, **kw):
    return build_provider("gpt", model("openai", fake.url + "/v1", **kw), NO_PROXY, ENV)


async def collect(stream) -> list[str]:
    return [delta async for delta in stream]


async def test_stream_arrives_in_order_with_usage(openai_fake):
    openai_fake.push(Reply(chunks=["2027년 ", "예산은 ", "12월에 ", "확정됩니다."], usage=(42, 7)))
    p = provider(openai_fake)
    stream = p.chat(ASK, max_tokens=100, temperature=0.2)
    assert await collect(stream) == ["2027년 ", "예산은 ", "12월에 ", "확정됩니다."]
    assert (stream.usage.input_tokens, stream.usage.output_tokens) == (42, 7)
    assert stream.stop_reason == "stop"
    sent = openai_fake.requests[-1].json
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}
    assert sent["max_completion_tokens"] == 100 and sent["temperature"] == 0.2
    assert sent["messages"][0] == {"role": "system", "content": "간결하게 답하세요."}
    assert openai_fake.requests[-1].headers["Authorization"] == "Bearer test-key-123"
    await p.aclose()


async def test_default_output_limit_comes_from_config(openai_fake):
    p = provider(openai_fake, max_output_tokens=321)
    await collect(p.chat(ASK))
    assert openai_fake.requests[-1].json["max_completion_tokens"] == 321
    await p.aclose()


async def test_429_with_retry_after_is_retried(openai_fake):
    openai_fake.push(Fail(429, headers={"Retry-After": "0.3"}), Reply(chunks=["ok"]))
    p = provider(openai_fake)
    start = time.monotonic()
    assert await collect(p.chat(ASK)) == ["ok"]
    assert time.monotonic() - start >= 0.3  # the server's wait was honoured
    assert len(openai_fake.requests_to("chat/completions")) == 2
    await p.aclose()


async def test_500_then_success(openai_fake):
    openai_fake.push(Fail(500), Fail(503), Reply(chunks=["되었습니다"]))
    p = provider(openai_fake)
    assert await collect(p.chat(ASK)) == ["되었습니다"]
    assert len(openai_fake.requests) == 3
    await p.aclose()


async def test_retries_run_out_as_rate_limited_with_retry_after(openai_fake):
    openai_fake.push(*[Fail(429, headers={"retry-after-ms": "20"})] * 3)
    p = provider(openai_fake, max_retries=2)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "rate_limited" and err.value.status == 429
    assert err.value.retry_after == pytest.approx(0.02)
    assert len(openai_fake.requests) == 3  # one try + two retries, no SDK retries on top
    await p.aclose()


async def test_long_retry_after_fails_at_once(openai_fake):
    openai_fake.push(Fail(429, headers={"Retry-After": "120"}))
    p = provider(openai_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "rate_limited" and err.value.retry_after == 120
    assert len(openai_fake.requests) == 1
    await p.aclose()


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [(401, None, "auth"), (400, None, "bad_request"), (429, "insufficient_quota", "quota")],
)
async def test_non_retryable_statuses(openai_fake, status, code, kind):
    body = {"error": {"message": "x", "type": "invalid_request_error", "param": None, "code": code}}
    openai_fake.push(Fail(status, body=body))
    p = provider(openai_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == kind and err.value.status == status
    assert len(openai_fake.requests) == 1
    await p.aclose()


async def test_wrong_key_is_auth_error():
    with OpenAIFake(api_key="the-real-key") as fake:
        p = provider(fake)
        with pytest.raises(ProviderError) as err:
            await collect(p.chat(ASK))
        assert err.value.kind == "auth"
        await p.aclose()


async def test_stalled_server_times_out(openai_fake):
    openai_fake.push(Reply(delay_s=3))
    p = provider(openai_fake, timeout_s=0.3, max_retries=0)
    start = time.monotonic()
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "timeout"
    assert time.monotonic() - start < 2
    await p.aclose()


async def test_stall_mid_stream_times_out_after_partial_text(openai_fake):
    openai_fake.push(Reply(chunks=["a", "b", "c"], stall_after=2, stall_s=3))
    p = provider(openai_fake, timeout_s=0.3)
    got = []
    with pytest.raises(ProviderError) as err:
        async for delta in p.chat(ASK):
            got.append(delta)
    assert got == ["a", "b"] and err.value.kind == "timeout"
    assert len(openai_fake.requests) == 1  # never retried once text was shown
    await p.aclose()


@pytest.mark.parametrize("abort", [False, True], ids=["clean-eof", "connection-reset"])
async def test_cut_stream_yields_partial_then_cut(openai_fake, abort):
    openai_fake.push(Reply(chunks=["첫째 ", "둘째 ", "셋째"], cut_after=2, abort=abort))
    p = provider(openai_fake)
    got = []
    with pytest.raises(ProviderError) as err:
        async for delta in p.chat(ASK):
            got.append(delta)
    assert got == ["첫째 ", "둘째 "]
    assert err.value.kind == "cut"
    assert len(openai_fake.requests) == 1
    await p.aclose()


async def test_stream_cut_before_any_text_is_retried(openai_fake):
    openai_fake.push(Reply(chunks=["x"], cut_after=0), Reply(chunks=["다시 ", "성공"]))
    p = provider(openai_fake)
    assert await collect(p.chat(ASK)) == ["다시 ", "성공"]
    assert len(openai_fake.requests) == 2
    await p.aclose()


async def test_malformed_chunk_is_provider_error(openai_fake):
    openai_fake.push(Reply(chunks=["a", "b"], malformed_after=1))
    p = provider(openai_fake)
    got = []
    with pytest.raises(ProviderError) as err:
        async for delta in p.chat(ASK):
            got.append(delta)
    assert got == ["a"] and err.value.kind == "bad_response"
    assert err.value.__cause__ is None  # the SDK exception (and its data) is not carried along
    await p.aclose()


async def test_error_event_inside_stream(openai_fake):
    openai_fake.push(Reply(chunks=["a", "b"], error_after=1))
    p = provider(openai_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "unavailable"
    await p.aclose()


async def test_plain_json_to_stream_request_is_cut_not_silence(openai_fake):
    # Zero chunks and no error from the SDK: only the missing finish_reason tells.
    openai_fake.push(*[Raw(body=b'{"id": "x", "choices": []}')] * 3)
    p = provider(openai_fake)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "cut"
    await p.aclose()


async def test_connection_refused_is_unavailable():
    with OpenAIFake() as fake:
        url = fake.url
    p = build_provider("gpt", model("openai", url + "/v1", max_retries=1), NO_PROXY, ENV)
    with pytest.raises(ProviderError) as err:
        await collect(p.chat(ASK))
    assert err.value.kind == "unavailable"
    await p.aclose()


async def test_aclose_mid_stream_releases_the_response(openai_fake):
    openai_fake.push(Reply(chunks=[f"{i} " for i in range(50)]))
    p = provider(openai_fake)
    stream = p.chat(ASK)
    async for _ in stream:
        break
    await stream.aclose()
    # The connection went back to the pool: a second call works normally.
    assert await collect(p.chat(ASK))
    await p.aclose()


async def test_image_b64(openai_fake):
    p = provider(openai_fake, model="dall-e-3", tasks=[Task.IMAGE])
    assert p.capabilities == {Capability.IMAGE}
    image = await p.image("청사 전경", size="1024x1024")
    assert image.data == TINY_PNG and image.mime_type == "image/png"
    sent = openai_fake.requests[-1].json
    assert sent["response_format"] == "b64_json" and sent["size"] == "1024x1024" and sent["prompt"] == "청사 전경"
    await p.aclose()


async def test_image_url_is_fetched_through_the_same_client():
    with OpenAIFake(api_key="test-key-123", image_as_url=True) as fake:
        p = provider(fake, model="gpt-image-1")
        image = await p.image("로고")
        assert image.data == TINY_PNG
        assert "response_format" not in fake.requests_to("images")[0].json
        assert fake.requests_to("/files/")
        await p.aclose()


async def test_image_retries_500(openai_fake):
    openai_fake.push(Fail(500, headers={"Retry-After": "0"}), path="images")
    p = provider(openai_fake, model="dall-e-3")
    assert (await p.image("x")).data == TINY_PNG
    assert len(openai_fake.requests_to("images")) == 2
    await p.aclose()


async def test_unsupported_task_fails_before_network(openai_fake):
    p = provider(openai_fake, tasks=[Task.CHAT, Task.SUMMARIZE])
    assert not p.supports(Capability.IMAGE)
    with pytest.raises(ProviderError) as err:
        await p.image("x")
    assert err.value.kind == "unsupported"
    with pytest.raises(ProviderError) as err:
        await p.translate(["x"], target_lang="EN")
    assert err.value.kind == "unsupported"
    image_only = provider(openai_fake, tasks=[Task.IMAGE])
    with pytest.raises(ProviderError) as err:
        image_only.chat(ASK)
    assert err.value.kind == "unsupported"
    assert openai_fake.requests == []
    await p.aclose()
    await image_only.aclose()


async def test_openai_compatible_server(openai_fake):
    m = model("openai_compatible", openai_fake.url + "/v1", model="qwen2.5-32b", label="내부 LLM")
    p = build_provider("local", m, NO_PROXY, ENV)
    assert p.service == "내부 LLM"
    assert await collect(p.chat([ChatMessage("user", "안녕")])) == ["echo: ", "안녕"]
    assert openai_fake.requests[-1].json["max_tokens"] == m.max_output_tokens  # vLLM/llama.cpp spelling
    await p.aclose()


async def test_compatible_server_without_usage_support(openai_fake):
    m = model("openai_compatible", openai_fake.url + "/v1", options={"stream_usage": False})
    p = build_provider("local", m, NO_PROXY, ENV)
    stream = p.chat(ASK)
    assert await collect(stream)
    assert "stream_options" not in openai_fake.requests[-1].json
    assert stream.usage.output_tokens == 0
    await p.aclose()


async def test_aclose_from_another_task_ends_iteration_with_provider_error():
    import asyncio

    with OpenAIFake(api_key="test-key-123", chunk_delay_s=0.05) as fake:
        p = provider(fake)
        stream = p.chat(ASK)
        fake.push(Reply(chunks=[f"{i} " for i in range(40)]))
        got: list[str] = []

        async def consume() -> None:
            async for delta in stream:
                got.append(delta)

        task = asyncio.create_task(consume())
        while len(got) < 2:
            await asyncio.sleep(0.01)
        await stream.aclose()  # the user cancelled the request
        with pytest.raises(ProviderError) as err:
            await asyncio.wait_for(task, 2)
        assert err.value.kind in ("cut", "unavailable")
        assert 2 <= len(got) < 40
        await p.aclose()
