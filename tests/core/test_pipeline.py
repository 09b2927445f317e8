"""The pipeline's promise: exactly one final reply or one Korean error, whatever happens."""

import asyncio

import pytest

from bot.app import build_pipeline
from bot.config import Settings
from bot.context import Answer
from bot.providers.base import ChatStream, Capability, Provider, ProviderError
from handlers import HANDLERS, HandlerEntry
from bot.tasks import Task
from tests.helpers import RecordingReply, bytes_attachment, make_request


def settings(**sections) -> Settings:
    return Settings(**sections)


@pytest.fixture
def pipeline():
    return build_pipeline(settings())


async def run(pipeline, text, **kw):
    reply = RecordingReply()
    await pipeline.handle(make_request(text, **kw), reply)
    return reply


async def test_help_is_one_final_message(pipeline):
    reply = await run(pipeline, "도움말")
    kind, text = reply.final
    assert kind == "finish" and "다산 사용 안내" in text and "요약" in text


async def test_empty_message_gets_korean_error(pipeline):
    reply = await run(pipeline, "   ")
    assert reply.final[0] == "fail" and "비어 있습니다" in reply.final[1]


async def test_handler_exception_still_ends_in_one_error(pipeline, monkeypatch, caplog):
    async def boom(ctx):
        raise RuntimeError("secret user text 주민번호")

    monkeypatch.setitem(HANDLERS, "도움말", HandlerEntry(boom, Task.CHAT, needs_model=False))
    reply = await run(pipeline, "도움말")
    kind, text = reply.final
    assert kind == "fail" and "문제가 생겼습니다" in text
    assert "secret user text" not in caplog.text  # exception messages may quote users: not logged


async def test_empty_answer_becomes_a_korean_error_not_an_empty_message(pipeline, monkeypatch):
    async def silent(ctx):
        return Answer("   ")

    monkeypatch.setitem(HANDLERS, "도움말", HandlerEntry(silent, Task.CHAT, needs_model=False))
    reply = await run(pipeline, "도움말")
    assert reply.final[0] == "fail" and "답변을 만들지 못했습니다" in reply.final[1]


async def test_reply_left_open_by_a_handler_is_closed_with_an_error(pipeline, monkeypatch):
    from bot import pipeline as pipeline_module

    async def no_deliver(self, ctx, answer, guard):
        return None  # a delivery bug: nothing sent

    monkeypatch.setattr(pipeline_module.Pipeline, "_deliver", no_deliver)
    reply = await run(pipeline, "도움말")
    assert reply.final[0] == "fail" and "문제가 생겼습니다" in reply.final[1]


class CutStream(ChatStream):
    async def _deltas(self):
        yield "첫 부분입니다. "
        yield "둘째 부분"
        raise ProviderError("cut", "테스트모델")


class FailingStream(ChatStream):
    async def _deltas(self):
        raise ProviderError("unavailable", "테스트모델", status=503)
        yield ""  # pragma: no cover


class ScriptedProvider(Provider):
    capabilities = frozenset({Capability.CHAT})
    service = "테스트모델"

    def __init__(self, stream_cls):
        self.stream_cls = stream_cls
        self.calls = 0

    def chat(self, messages, **kw):
        self.calls += 1
        return self.stream_cls()


def with_models(**extra):
    models = {"m1": {"provider": "openai", "model": "x", "tasks": ["chat"], **extra}}
    return build_pipeline(Settings(models=models, defaults={"chat": "m1"}))


async def test_stream_cut_keeps_what_was_shown_and_says_so():
    pipeline = with_models()
    pipeline.registry._providers["m1"] = ScriptedProvider(CutStream)
    reply = await run(pipeline, "안녕하세요")
    kind, text = reply.final
    assert kind == "finish"
    assert text.startswith("첫 부분입니다. 둘째 부분")
    assert "끊겼습니다" in text
    assert ("update", "첫 부분입니다. ") in reply.events


async def test_provider_down_gets_korean_error_naming_service():
    pipeline = with_models()
    pipeline.registry._providers["m1"] = ScriptedProvider(FailingStream)
    reply = await run(pipeline, "안녕하세요")
    kind, text = reply.final
    assert kind == "fail" and "테스트모델" in text


async def test_fallback_used_when_primary_fails_before_output():
    class OkStream(ChatStream):
        async def _deltas(self):
            yield "대체 모델 답변"

    models = {
        "m1": {"provider": "openai", "model": "x", "tasks": ["chat"], "fallback": "m2"},
        "m2": {"provider": "openai", "model": "y", "tasks": ["chat"]},
    }
    pipeline = build_pipeline(Settings(models=models, defaults={"chat": "m1"}))
    pipeline.registry._providers["m1"] = ScriptedProvider(FailingStream)
    pipeline.registry._providers["m2"] = ok = ScriptedProvider(OkStream)
    reply = await run(pipeline, "안녕")
    assert reply.final[0] == "finish" and "대체 모델 답변" in reply.final[1]
    assert ok.calls == 1


async def test_fallback_refused_when_it_is_less_strict():
    # Text prepared for an internal model must not go to an external fallback.
    models = {
        "inside": {"provider": "openai_compatible", "model": "x", "tasks": ["chat"], "fallback": "cloud",
                   "raw_pii_ok": True},
        "cloud": {"provider": "openai", "model": "y", "tasks": ["chat"]},
    }
    pipeline = build_pipeline(Settings(models=models, defaults={"chat": "inside"}))
    pipeline.registry._providers["inside"] = ScriptedProvider(FailingStream)
    pipeline.registry._providers["cloud"] = cloud = ScriptedProvider(FailingStream)
    reply = await run(pipeline, "안녕")
    assert reply.final[0] == "fail"
    assert cloud.calls == 0


async def test_unknown_model_and_wrong_task(pipeline):
    reply = await run(pipeline, "요약 --model nope 본문")
    assert reply.final[0] == "fail" and "등록되어 있지 않습니다" in reply.final[1]


async def test_missing_key_model_is_refused_not_crashed():
    pipeline = with_models(api_key_env="DASAN_TEST_NO_SUCH_KEY")
    reply = await run(pipeline, "안녕")
    assert reply.final[0] == "fail"


async def test_access_policy_refuses_other_channels():
    pipeline = build_pipeline(Settings(access={"channels": ["C-OK"], "allow_dm": False}))
    assert (await run(pipeline, "도움말", channel="C-OTHER")).final[0] == "fail"
    assert (await run(pipeline, "도움말", channel="C-OK")).final[0] == "finish"
    refused = await run(pipeline, "도움말", is_dm=True)
    assert refused.final[0] == "fail" and "DM" in refused.final[1]


async def test_access_policy_workspace():
    pipeline = build_pipeline(Settings(access={"workspaces": ["T-OK"]}))
    assert (await run(pipeline, "도움말", workspace="T-X")).final[0] == "fail"
    assert (await run(pipeline, "도움말", workspace="T-OK")).final[0] == "finish"


async def test_rate_limit_per_user():
    pipeline = build_pipeline(Settings(limits={"requests_per_minute": 2}))
    results = [(await run(pipeline, "도움말")).final[0] for _ in range(3)]
    assert results == ["finish", "finish", "fail"]
    assert (await run(pipeline, "도움말", user="U2")).final[0] == "finish"


async def test_unsupported_file_type_names_supported_ones(pipeline):
    att = bytes_attachment("data.bin", bytes(range(256)) * 4)
    reply = await run(pipeline, "요약", attachments=[att])
    kind, text = reply.final
    assert kind == "fail" and "지원 형식" in text and "TXT" in text


async def test_oversize_file_refused_before_download(pipeline):
    fetched = []

    async def fetch():
        fetched.append(1)
        return b"x"

    from bot.request import Attachment

    att = Attachment("big.txt", "text/plain", size=10**9, fetch=fetch)
    reply = await run(pipeline, "요약", attachments=[att])
    assert reply.final[0] == "fail" and "너무 큽니다" in reply.final[1]
    assert fetched == []


async def test_cp949_text_file_is_read(pipeline):
    body = "구청은 하반기에 야간 챗봇 상담을 시범 운영할 계획이다. 예산은 3억 원이다.".encode("cp949")
    reply = await run(pipeline, "질문 챗봇 상담은 언제 하나요?", attachments=[bytes_attachment("a.txt", body)])
    assert reply.final[0] == "finish" and "야간 챗봇 상담" in reply.final[1]


async def test_slow_handler_times_out_with_one_message(monkeypatch):
    async def slow(ctx):
        await asyncio.sleep(5)
        return Answer("late")

    monkeypatch.setitem(HANDLERS, "도움말", HandlerEntry(slow, Task.CHAT, needs_model=False))
    pipeline = build_pipeline(Settings(limits={"request_timeout_s": 0.05}))
    reply = await run(pipeline, "도움말")
    assert reply.final[0] == "fail" and "시간" in reply.final[1]


async def test_models_command_lists_registry():
    pipeline = with_models()
    reply = await run(pipeline, "모델")
    text = reply.final[1]
    assert "offline" in text and "m1" in text and "외부 서비스" in text


async def test_department_from_membership_counts_quota():
    pipeline = build_pipeline(Settings(
        departments={"smart": {"name": "스마트정보과", "members": ["U1"]}},
        limits={"daily_cost_per_department": 1.0},
    ))
    from bot.usage import UsageRecord

    await pipeline.ledger.record(UsageRecord("U9", "smart", "m", 10, 10, 5.0))
    reply = await run(pipeline, "요약 본문이 있는 글입니다. 두 번째 문장입니다.")
    assert reply.final[0] == "fail" and "부서" in reply.final[1]
    other = await run(pipeline, "요약 본문이 있는 글입니다. 두 번째 문장입니다.", user="U2")
    assert other.final[0] == "finish"
