"""The whole pipeline with real model SDKs talking HTTP to fake API servers on 127.0.0.1."""

import io
import json

import pytest

from bot.app import build_pipeline
from bot.config import Settings
from tests.fakes.base import Fail, Reply
from tests.fakes.deepl_server import DeepLFake
from tests.fakes.openai_server import OpenAIFake
from tests.helpers import RecordingReply, make_request

KEY = "e2e-key"
PHONE = "010-2345-6789"
FAST = {"retry_base_delay_s": 0.01, "retry_max_delay_s": 0.05}


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv("DASAN_E2E_KEY", KEY)


@pytest.fixture
def openai_fake():
    with OpenAIFake(api_key=KEY) as fake:
        yield fake


def model(provider, url, tasks, **extra):
    return {"provider": provider, "model": "m-1", "base_url": url, "api_key_env": "DASAN_E2E_KEY",
            "tasks": tasks, "options": dict(FAST), **extra}


async def handle(pipeline, text, **kw):
    reply = RecordingReply()
    await pipeline.handle(make_request(text, **kw), reply)
    return reply


def sent_bodies(fake) -> str:
    return "\n".join(r.body.decode("utf-8", "replace") for r in fake.requests)


async def test_chat_streams_through_openai_and_records_usage(openai_fake):
    models = {"gpt": model("openai", openai_fake.url + "/v1", ["chat"], price_in_per_1k=1.0, price_out_per_1k=2.0)}
    pipeline = build_pipeline(Settings(models=models, defaults={"chat": "gpt"},
                                       departments={"smart": {"name": "스마트정보과"}}))
    openai_fake.push(Reply(chunks=["안녕하세요, ", "무엇을 ", "도와드릴까요?"], usage=(30, 12)))
    reply = await handle(pipeline, "안녕", department="smart")
    kind, text = reply.final
    assert kind == "finish" and text.startswith("안녕하세요, 무엇을 도와드릴까요?")
    updates = [t for k, t in reply.events if k == "update"]
    assert updates[0] == "안녕하세요, " and updates[-1] == "안녕하세요, 무엇을 도와드릴까요?"
    assert await pipeline.ledger.user_tokens_today("U1") == 42
    assert await pipeline.ledger.department_cost_today("smart") == pytest.approx(0.054)


async def test_masked_value_never_reaches_the_external_server_and_is_restored(openai_fake):
    pipeline = build_pipeline(Settings(models={"gpt": model("openai", openai_fake.url + "/v1", ["chat"])},
                                       defaults={"chat": "gpt"}))
    reply = await handle(pipeline, f"담당자 연락처 {PHONE} 로 안내 문자 문구를 써 주세요")
    assert PHONE not in sent_bodies(openai_fake)
    assert "<전화번호_1>" in sent_bodies(openai_fake)
    kind, text = reply.final  # the fake echoes the message back, placeholder included
    assert kind == "finish" and PHONE in text and "<전화번호_1>" not in text


async def test_server_errors_then_fallback_to_internal_model(openai_fake):
    with OpenAIFake(api_key=KEY) as internal:
        models = {
            "gpt": model("openai", openai_fake.url + "/v1", ["chat"], fallback="local", max_retries=1),
            "local": model("openai_compatible", internal.url + "/v1", ["chat"]),
        }
        pipeline = build_pipeline(Settings(models=models, defaults={"chat": "gpt"}))
        openai_fake.push(Fail(500), Fail(503))
        internal.push(Reply(chunks=["내부 모델 답변"]))
        reply = await handle(pipeline, "질문합니다")
        kind, text = reply.final
        assert kind == "finish" and "내부 모델 답변" in text
        assert len(openai_fake.requests_to("chat/completions")) == 2


async def test_cut_stream_keeps_text_and_says_so(openai_fake):
    pipeline = build_pipeline(Settings(models={"gpt": model("openai", openai_fake.url + "/v1", ["chat"])},
                                       defaults={"chat": "gpt"}))
    openai_fake.push(Reply(chunks=["첫째 ", "둘째 ", "셋째"], cut_after=2))
    reply = await handle(pipeline, "안녕")
    kind, text = reply.final
    assert kind == "finish" and text.startswith("첫째 둘째") and "끊겼습니다" in text


async def test_rate_limited_service_gives_korean_message(openai_fake):
    pipeline = build_pipeline(Settings(models={"gpt": model("openai", openai_fake.url + "/v1", ["chat"],
                                                             max_retries=0)},
                                       defaults={"chat": "gpt"}))
    openai_fake.push(Fail(429, headers={"Retry-After": "0"}))
    reply = await handle(pipeline, "안녕")
    kind, text = reply.final
    assert kind == "fail" and "OpenAI" in text
    assert "rate_limit" not in text and "429" not in text  # no raw upstream error


async def test_search_shows_citations(openai_fake):
    pipeline = build_pipeline(Settings(models={"pplx": model("perplexity", openai_fake.url, ["search"])},
                                       defaults={"search": "pplx"}))
    openai_fake.push(Reply(chunks=["청년 월세 지원은 ", "소득 기준이 있습니다."],
                           extra={"citations": ["https://www.example.go.kr/youth"],
                                  "search_results": [{"title": "청년 월세 지원", "url": "https://www.example.go.kr/youth"}]}))
    reply = await handle(pipeline, "검색 청년 월세 지원 기준")
    kind, text = reply.final
    assert kind == "finish" and "https://www.example.go.kr/youth" in text and "청년 월세 지원 —" in text


async def test_image_is_attached(openai_fake):
    pipeline = build_pipeline(Settings(models={"img": model("openai", openai_fake.url + "/v1", ["image"])},
                                       defaults={"image": "img"}))
    reply = await handle(pipeline, "그림 벚꽃길 포스터")
    assert reply.final[0] == "finish"
    assert reply.files and reply.files[0].data.startswith(b"\x89PNG")


async def test_translation_through_deepl():
    with DeepLFake(auth_key=KEY) as fake:
        models = {"deepl": {"provider": "deepl", "base_url": fake.url, "api_key_env": "DASAN_E2E_KEY",
                            "tasks": ["translate"], "options": dict(FAST)}}
        pipeline = build_pipeline(Settings(models=models, defaults={"translate": "deepl"}))
        reply = await handle(pipeline, f"번역 --to en 담당자 번호는 {PHONE}입니다")
        kind, text = reply.final
        assert kind == "finish"
        body = sent_bodies(fake)
        assert PHONE not in body
        assert json.loads(fake.requests_to("translate")[0].body)["target_lang"] == "EN-US"


async def test_clean_docx_is_translated_as_a_file_and_masked_one_as_text():
    import docx

    def make_docx(text, header=""):
        d = docx.Document()
        d.add_paragraph(text)
        if header:
            d.sections[0].header.paragraphs[0].text = header
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()

    from tests.helpers import bytes_attachment

    with DeepLFake(auth_key=KEY) as fake:
        models = {"deepl": {"provider": "deepl", "base_url": fake.url, "api_key_env": "DASAN_E2E_KEY",
                            "tasks": ["translate"], "options": dict(FAST)}}
        pipeline = build_pipeline(Settings(models=models, defaults={"translate": "deepl"}))
        clean = bytes_attachment("안내문.docx", make_docx("구민 여러분께 정보화 교육을 안내합니다."))
        reply = RecordingReply()
        await pipeline.handle(make_request("번역 --to en", attachments=[clean]), reply)
        assert reply.final[0] == "finish", reply.events
        assert [f.name for f in reply.files] == ["안내문_en.docx"]
        assert reply.files[0].data[:2] == b"PK"
        assert fake.requests_to("document")

        before = len(fake.requests_to("document"))
        risky = bytes_attachment("연락처.docx", make_docx(f"담당자 전화 {PHONE} 로 문의 바랍니다."))
        reply = RecordingReply()
        await pipeline.handle(make_request("번역 --to en", attachments=[risky]), reply)
        assert reply.final[0] == "finish"
        assert len(fake.requests_to("document")) == before  # the file itself was not sent
        assert PHONE not in sent_bodies(fake)

        # Personal data or a classification mark only in the header, which the reader skips.
        for header in (f"담당자 {PHONE}", "대외비"):
            hidden = bytes_attachment("홍길동_안내.docx", make_docx("구민 여러분께 안내합니다.", header=header))
            reply = RecordingReply()
            await pipeline.handle(make_request("번역 --to en", attachments=[hidden]), reply)
            assert reply.final[0] == "finish"
            assert len(fake.requests_to("document")) == before
        assert PHONE not in sent_bodies(fake) and "홍길동" not in sent_bodies(fake)


async def test_hwpx_translation_comes_back_as_hwpx():
    from hwpx import HwpxDocument

    from documents.official.hwpx_writer import paragraphs_to_hwpx
    from tests.helpers import bytes_attachment

    source = paragraphs_to_hwpx(["정보화 교육 안내", "교육은 12월에 열립니다."])
    with DeepLFake(auth_key=KEY) as fake:
        models = {"deepl": {"provider": "deepl", "base_url": fake.url, "api_key_env": "DASAN_E2E_KEY",
                            "tasks": ["translate"], "options": dict(FAST)}}
        pipeline = build_pipeline(Settings(models=models, defaults={"translate": "deepl"}))
        reply = RecordingReply()
        await pipeline.handle(make_request("번역 --to en", attachments=[bytes_attachment("안내.hwpx", source)]), reply)
        assert reply.final[0] == "finish", reply.events
        out = [f for f in reply.files if f.name.endswith(".hwpx")]
        assert out
        assert HwpxDocument.open(io.BytesIO(out[0].data)).text.plain().strip()


async def test_model_draft_is_rendered_fixed_and_attached(openai_fake):
    draft = {
        "title": "2026년 구민 정보화 교육 실시 계획 보고",
        "fields": {"수신": "○○주민센터장", "경유": "", "수신자": ""},
        "sections": [{"heading": None, "items": [
            {"depth": 1, "text": "관련: 「지능정보화 기본법」 제24조"},
            {"depth": 1, "text": "구민 정보화 교육을 다음과 같이 실시하고자 합니다."},
            {"depth": 2, "text": "교육 일시: 2026년 3월 5일 오후 2시"},
            {"depth": 2, "text": "장소:구청 대회의실"},
        ]}],
        "attachments": [{"name": "교육 운영 계획서", "count": 1, "unit": "부"}],
    }
    models = {"gpt": model("openai", openai_fake.url + "/v1", ["draft"])}
    pipeline = build_pipeline(Settings(models=models, defaults={"draft": "gpt"},
                                       departments={"smart": {"sender": "○○구청장", "name": "스마트정보과"}}))
    openai_fake.push(Reply(chunks=["```json\n", json.dumps(draft, ensure_ascii=False), "\n```"]))
    reply = await handle(pipeline, "초안 기안문 구민 정보화 교육 실시 계획", department="smart")
    kind, text = reply.final
    assert kind == "finish", reply.events
    assert "2026. 3. 5." in text and "14:00" in text  # the fixer rewrote the model's date and time
    assert "장소: 구청 대회의실" in text
    assert "고쳤습니다" in text and "○○구청장" in text
    assert "```" not in text  # raw model JSON never shown
    assert any(f.name.endswith(".hwpx") for f in reply.files)
    sent = sent_bodies(openai_fake)
    assert "JSON" in sent or "json" in sent


async def test_unusable_model_draft_gets_korean_error(openai_fake):
    models = {"gpt": model("openai", openai_fake.url + "/v1", ["draft"])}
    pipeline = build_pipeline(Settings(models=models, defaults={"draft": "gpt"}))
    openai_fake.push(Reply(chunks=["죄송하지만 도와드릴 수 없습니다."]))
    reply = await handle(pipeline, "초안 보도자료 벚꽃축제")
    assert reply.final[0] == "fail" and "초안" in reply.final[1]


async def test_draft_files_restore_values_and_redact_banned_words(openai_fake, tmp_path):
    from hwpx import HwpxDocument

    banned = tmp_path / "banned.txt"
    banned.write_text("시발\n", encoding="utf-8")
    draft = {"title": "민원 회신", "fields": {"수신": "○○○ 님"},
             "sections": [{"heading": None, "items": [
                 {"depth": 1, "text": "문의는 <전화번호_1>로 해 주십시오."},
                 {"depth": 1, "text": "시발 같은 표현은 쓰지 않습니다."}]}],
             "attachments": []}
    models = {"gpt": model("openai", openai_fake.url + "/v1", ["draft"])}
    pipeline = build_pipeline(Settings(models=models, defaults={"draft": "gpt"},
                                       safety={"banned_words_file": str(banned)}))
    openai_fake.push(Reply(chunks=[json.dumps(draft, ensure_ascii=False)]))
    reply = await handle(pipeline, f"초안 민원회신문 연락처 {PHONE} 안내")
    assert reply.final[0] == "finish", reply.events
    hwpx = next(f for f in reply.files if f.name.endswith(".hwpx"))
    text = HwpxDocument.open(io.BytesIO(hwpx.data)).text.plain()
    assert PHONE in text and "<전화번호" not in text
    assert "시발" not in text
    assert PHONE not in sent_bodies(openai_fake)
