"""DeepL provider against the fake DeepL API, through the real deepl SDK."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from bot.providers.base import Capability, ChatMessage, ProviderError
from bot.providers.deepl_translate import batches, mostly_hangul
from bot.providers.factory import build_provider
from tests.fakes.base import Fail, Reply
from tests.fakes.deepl_server import DeepLFake
from tests.providers.conftest import ENV, KEY, NO_PROXY, model

ADMIN_GLOSSARY = {"ko-en": {"민원": "civil petition", "주무관": "officer in charge"}}


def provider(fake, **kw):
    options = {"document_poll_s": 0.01, "document_poll_max_s": 0.05, **kw.pop("options", {})}
    return build_provider("deepl", model("deepl", fake.url, options=options, **kw), NO_PROXY, ENV)


def docx(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="urn:w"><w:body><w:p><w:r>'
            f"<w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buf.getvalue()


async def test_translate_texts_with_billing(deepl_fake):
    p = provider(deepl_fake)
    result = await p.translate(["안녕하세요", "", "회의는 3시입니다"], target_lang="en", source_lang="ko")
    assert result.texts == ["[EN-US] 안녕하세요", "", "[EN-US] 회의는 3시입니다"]
    assert result.billed_characters == len("안녕하세요") + len("회의는 3시입니다")
    assert result.detected_source_lang == "KO"
    sent = deepl_fake.requests_to("/v2/translate")[0]
    assert sent.json["target_lang"] == "EN-US" and sent.json["text"] == ["안녕하세요", "회의는 3시입니다"]
    assert sent.headers["Authorization"] == f"DeepL-Auth-Key {KEY}"
    await p.aclose()


async def test_formality_is_sent_where_supported_only(deepl_fake):
    # The fake, like DeepL, refuses plain "more" for English; prefer_more always works.
    p = provider(deepl_fake, options={"formality": "more"})
    result = await p.translate(["검토 바랍니다"], target_lang="EN", source_lang="KO")
    assert result.texts == ["[EN-US] 검토 바랍니다"]
    assert deepl_fake.requests[-1].json["formality"] == "prefer_more"
    await p.translate(["검토 바랍니다"], target_lang="DE", formality="less")
    assert deepl_fake.requests[-1].json["formality"] == "prefer_less"
    await p.aclose()


async def test_admin_glossary_is_created_once_and_applied(deepl_fake):
    p = provider(deepl_fake, options={"glossaries": ADMIN_GLOSSARY})
    first = await p.translate(["민원 처리 결과를 주무관에게 보고"], target_lang="EN-US")
    second = await p.translate(["민원 접수"], target_lang="EN-GB", source_lang="KO")
    assert first.texts == ["[EN-US] civil petition 처리 결과를 officer in charge에게 보고"]
    assert second.texts == ["[EN-GB] civil petition 접수"]
    assert len(deepl_fake.requests_to("/v2/glossaries")) == 2  # one list, one create
    (glossary,) = deepl_fake.glossaries.values()
    assert glossary.entries == ADMIN_GLOSSARY["ko-en"]
    assert (glossary.source_lang, glossary.target_lang) == ("KO", "EN")
    # Korean source was inferred from the Hangul text, as a glossary requires it.
    assert deepl_fake.requests_to("/v2/translate")[0].json["source_lang"] == "KO"
    await p.aclose()

    # A restarted bot finds the glossary by name instead of creating another one.
    again = provider(deepl_fake, options={"glossaries": ADMIN_GLOSSARY})
    assert (await again.translate(["민원"], target_lang="EN")).texts == ["[EN-US] civil petition"]
    assert len(deepl_fake.glossaries) == 1
    await again.aclose()


async def test_call_glossary_extends_admin_glossary(deepl_fake):
    p = provider(deepl_fake, options={"glossaries": ADMIN_GLOSSARY})
    result = await p.translate(["민원 담당 부서"], target_lang="EN", glossary={"담당 부서": "responsible department"})
    assert result.texts == ["[EN-US] civil petition responsible department"]
    await p.aclose()


async def test_glossary_not_used_for_non_korean_text_without_source(deepl_fake):
    p = provider(deepl_fake, options={"glossaries": ADMIN_GLOSSARY})
    await p.translate(["Please review the attached plan."], target_lang="EN")
    assert "glossary_id" not in deepl_fake.requests[-1].json
    assert "source_lang" not in deepl_fake.requests[-1].json
    assert deepl_fake.glossaries == {}
    await p.aclose()


async def test_deleted_glossary_is_recreated(deepl_fake):
    p = provider(deepl_fake, options={"glossaries": ADMIN_GLOSSARY})
    await p.translate(["민원"], target_lang="EN")
    deepl_fake.glossaries.clear()
    assert (await p.translate(["민원"], target_lang="EN")).texts == ["[EN-US] civil petition"]
    assert len(deepl_fake.glossaries) == 1
    await p.aclose()


async def test_document_round_trip_docx_with_glossary(deepl_fake):
    p = provider(deepl_fake, options={"glossaries": ADMIN_GLOSSARY})
    original = docx("민원 처리 안내")
    result = await p.translate_document(original, "안내문.docx", target_lang="EN", source_lang="KO")
    assert result.name == "안내문_EN-US.docx"
    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        assert z.namelist() == ["[Content_Types].xml", "word/document.xml"]
        assert "<w:t>civil petition 처리 안내</w:t>" in z.read("word/document.xml").decode()
    assert result.billed_characters == len(original) // 10
    upload = deepl_fake.requests_to("/v2/document")[0]
    assert upload.form["file"] == ("안내문.docx", original)  # name and bytes both arrived
    assert upload.form["target_lang"] == "EN-US" and upload.form["glossary_id"]
    assert len(deepl_fake.requests_to("/result")) == 1
    assert len([r for r in deepl_fake.requests if r.path.count("/") == 3 and "DOC" in r.path]) == 2  # polled twice
    await p.aclose()


@pytest.mark.parametrize("name", ["slides.pptx", "report.PDF"])
async def test_document_other_formats_keep_their_format(deepl_fake, name):
    p = provider(deepl_fake)
    data = docx("x") if name.endswith("pptx") else b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"
    result = await p.translate_document(data, name, target_lang="JA")
    assert result.name.rsplit(".", 1)[1] == name.rsplit(".", 1)[1]
    assert result.data[:4] == data[:4]
    await p.aclose()


async def test_unsupported_document_type_fails_before_network(deepl_fake):
    p = provider(deepl_fake)
    with pytest.raises(ProviderError) as err:
        await p.translate_document(b"HWP Document File", "공문.hwp", target_lang="EN")
    assert err.value.kind == "bad_request"
    assert deepl_fake.requests == []
    await p.aclose()


async def test_document_error_status(deepl_fake):
    deepl_fake.doc_error = "Source and target language are equal."
    p = provider(deepl_fake)
    with pytest.raises(ProviderError) as err:
        await p.translate_document(docx("x"), "a.docx", target_lang="KO")
    assert err.value.kind == "bad_request"
    await p.aclose()


async def test_429_with_retry_after_is_retried_once_by_us(deepl_fake):
    deepl_fake.push(Fail(429, headers={"Retry-After": "0.3"}), path="/v2/translate")
    p = provider(deepl_fake)
    start = time.monotonic()
    assert (await p.translate(["안녕"], target_lang="EN")).texts == ["[EN-US] 안녕"]
    assert time.monotonic() - start >= 0.3
    assert len(deepl_fake.requests) == 2
    await p.aclose()


async def test_sdk_does_not_retry_on_its_own(deepl_fake):
    deepl_fake.push(Fail(500), Fail(500), Fail(500))
    p = provider(deepl_fake, max_retries=0)
    with pytest.raises(ProviderError) as err:
        await p.translate(["안녕"], target_lang="EN")
    assert err.value.kind == "unavailable" and err.value.status == 500
    assert len(deepl_fake.requests) == 1  # deepl's own loop would have made 6
    await p.aclose()


@pytest.mark.parametrize(("status", "kind"), [(456, "quota"), (403, "auth"), (400, "bad_request")])
async def test_non_retryable_statuses(deepl_fake, status, kind):
    deepl_fake.push(Fail(status))
    p = provider(deepl_fake)
    with pytest.raises(ProviderError) as err:
        await p.translate(["안녕"], target_lang="EN")
    assert err.value.kind == kind and err.value.status == status
    assert len(deepl_fake.requests) == 1
    await p.aclose()


async def test_wrong_key_is_auth_error():
    with DeepLFake(auth_key="real-key") as fake:
        p = provider(fake)
        with pytest.raises(ProviderError) as err:
            await p.translate(["안녕"], target_lang="EN")
        assert err.value.kind == "auth"
        await p.aclose()


async def test_stalled_server_times_out(deepl_fake):
    deepl_fake.push(Reply(delay_s=3))
    p = provider(deepl_fake, timeout_s=0.3, max_retries=0)
    start = time.monotonic()
    with pytest.raises(ProviderError) as err:
        await p.translate(["안녕"], target_lang="EN")
    assert err.value.kind == "timeout"
    assert time.monotonic() - start < 2
    await p.aclose()


async def test_missing_billed_characters_is_bad_response(deepl_fake):
    from tests.fakes.base import Raw

    deepl_fake.push(Raw(body=b'{"translations": [{"text": "x", "detected_source_language": "KO"}]}'))
    p = provider(deepl_fake)
    with pytest.raises(ProviderError) as err:
        await p.translate(["안녕"], target_lang="EN")
    assert err.value.kind == "bad_response"
    await p.aclose()


async def test_many_texts_are_sent_in_batches(deepl_fake):
    p = provider(deepl_fake)
    texts = [f"문장 {i}" for i in range(120)]
    result = await p.translate(texts, target_lang="EN")
    assert result.texts == [f"[EN-US] 문장 {i}" for i in range(120)]
    assert [len(r.json["text"]) for r in deepl_fake.requests] == [50, 50, 20]
    await p.aclose()


def test_batches_respect_size():
    big = "가" * 30_000  # 90 kB in UTF-8
    assert batches([big, big, "a"]) == [[0], [1, 2]]


def test_mostly_hangul():
    assert mostly_hangul(["민원 처리 결과 보고 (2026-11-25) report"])
    assert not mostly_hangul(["Please see 첨부"])
    assert not mostly_hangul(["12345"])


async def test_lacks_chat_and_images(deepl_fake):
    p = provider(deepl_fake)
    assert p.capabilities == {Capability.TRANSLATE, Capability.TRANSLATE_DOCUMENT}
    with pytest.raises(ProviderError) as err:
        p.chat([ChatMessage("user", "x")])
    assert err.value.kind == "unsupported"
    with pytest.raises(ProviderError):
        await p.image("x")
    assert deepl_fake.requests == []
    await p.aclose()
