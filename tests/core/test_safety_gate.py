"""The safety stage inside the pipeline: what a model receives and what a user sees."""

import pytest

from bot.app import build_pipeline
from bot.config import Settings
from bot.providers.base import Capability, ChatStream, Provider
from tests.helpers import RecordingReply, bytes_attachment, make_request

PHONE = "010-2345-6789"
RRN = "900101-1234568"


class EchoStream(ChatStream):
    def __init__(self, text, pieces=3):
        super().__init__()
        self.text = text
        self.pieces = pieces

    async def _deltas(self):
        step = max(1, len(self.text) // self.pieces)
        for i in range(0, len(self.text), step):
            yield self.text[i:i + step]


class RecordingProvider(Provider):
    """A fake model that remembers every message it was sent and echoes the last one."""

    capabilities = frozenset({Capability.CHAT})
    service = "기록모델"

    def __init__(self, answer=None):
        self.received: list[str] = []
        self.answer = answer

    def chat(self, messages, **kw):
        self.received.extend(m.content for m in messages)
        return EchoStream(self.answer if self.answer is not None else "답변: " + messages[-1].content)


def pipeline_with(model: dict, tmp_path=None, banned: str | None = None, **safety):
    if banned is not None:
        path = tmp_path / "banned.txt"
        path.write_text(banned, encoding="utf-8")
        safety["banned_words_file"] = str(path)
    models = {"m": {"provider": "openai", "model": "x", "tasks": ["chat", "summarize", "ask"], **model}}
    pipeline = build_pipeline(Settings(models=models, defaults={"chat": "m", "ask": "m", "summarize": "m"}, safety=safety))
    provider = RecordingProvider()
    pipeline.registry._providers["m"] = provider
    return pipeline, provider


async def ask(pipeline, text, **kw):
    reply = RecordingReply()
    await pipeline.handle(make_request(text, **kw), reply)
    return reply


async def test_masked_value_never_reaches_external_model_and_is_restored():
    pipeline, provider = pipeline_with({})
    reply = await ask(pipeline, f"민원인 연락처 {PHONE}로 회신 문자를 보내 주세요")
    sent = "\n".join(provider.received)
    assert PHONE not in sent and "<전화번호_1>" in sent
    kind, text = reply.final
    assert kind == "finish" and PHONE in text  # restored for the person who asked
    assert "🔒 개인정보 1건 가림" in text
    for kind, shown in reply.events:  # the streamed updates show restored text, never half a placeholder
        if kind == "update":
            assert "<전화" not in shown or "<전화번호_1>" in shown


async def test_unique_identifier_blocked_for_external_naming_type_not_value():
    pipeline, provider = pipeline_with({})
    reply = await ask(pipeline, f"주민등록번호 {RRN} 확인 부탁")
    kind, text = reply.final
    assert kind == "fail" and "주민등록번호" in text and RRN not in text
    assert provider.received == []


async def test_internal_model_gets_masked_and_raw_model_gets_raw():
    pipeline, provider = pipeline_with({"provider": "openai_compatible"})
    reply = await ask(pipeline, f"주민번호 {RRN} 인 민원인")
    assert reply.final[0] == "finish"
    assert RRN not in "\n".join(provider.received)
    pipeline, provider = pipeline_with({"provider": "openai_compatible", "raw_pii_ok": True})
    await ask(pipeline, f"주민번호 {RRN} 인 민원인")
    assert RRN in "\n".join(provider.received)


async def test_document_text_is_filtered_before_the_model():
    pipeline, provider = pipeline_with({})
    body = f"회의 결과 보고\n담당자 연락처는 {PHONE}입니다. 다음 회의는 12월에 열린다.".encode()
    reply = await ask(pipeline, "질문 담당자 연락처는?", attachments=[bytes_attachment("a.txt", body)])
    assert reply.final[0] == "finish"
    assert PHONE not in "\n".join(provider.received)


async def test_thread_context_is_masked_not_blocked():
    from bot.request import ThreadMessage

    async def thread():
        return [ThreadMessage("김주무관", f"민원인 주민번호는 {RRN} 입니다")]

    pipeline, provider = pipeline_with({})
    reply = await ask(pipeline, "앞 내용 정리해 줄래요?", thread=thread)
    assert reply.final[0] == "finish"
    assert RRN not in "\n".join(provider.received)


async def test_banned_word_blocks_input_and_is_redacted_in_output(tmp_path):
    pipeline, provider = pipeline_with({}, tmp_path, banned="시발\n!시발점\n")
    blocked = await ask(pipeline, "이 시1발 민원 처리해")
    assert blocked.final[0] == "fail" and "금칙어" in blocked.final[1]
    assert provider.received == []
    clean = await ask(pipeline, "사업의 시발점은 어디인가요")
    assert clean.final[0] == "finish"
    provider.answer = "그건 시발 이라는 표현입니다"
    redacted = await ask(pipeline, "안녕하세요")
    assert "시발" not in redacted.final[1]
    assert all("시발" not in shown for kind, shown in redacted.events if kind == "update")


async def test_classified_document_refused_for_external_only():
    body = "대외비\n\n2026년 조직 개편안 검토 결과를 보고합니다.".encode()
    pipeline, provider = pipeline_with({})
    reply = await ask(pipeline, "요약", attachments=[bytes_attachment("a.txt", body)])
    assert reply.final[0] == "fail" and "대외비" in reply.final[1]
    pipeline, provider = pipeline_with({"provider": "openai_compatible"})
    reply = await ask(pipeline, "요약", attachments=[bytes_attachment("a.txt", body)])
    assert reply.final[0] == "finish"


async def test_filter_failure_fails_closed(monkeypatch):
    pipeline, provider = pipeline_with({})
    detector = pipeline.gate.detector()

    def broken(text):
        raise RuntimeError("engine down")

    monkeypatch.setattr(detector, "detect", broken)
    reply = await ask(pipeline, "평범한 질문입니다")
    assert reply.final[0] == "fail" and "필터" in reply.final[1]
    assert provider.received == []


@pytest.mark.parametrize("action,expect", [("block", "fail"), ("allow", "finish")])
async def test_configured_actions(action, expect):
    pipeline, provider = pipeline_with({}, pii_actions={"PHONE_NUMBER": action})
    reply = await ask(pipeline, f"연락처 {PHONE}")
    assert reply.final[0] == expect
    # even "allow" never sends raw personal data to an external model
    assert PHONE not in "\n".join(provider.received)
