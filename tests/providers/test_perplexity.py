"""Perplexity provider: OpenAI wire protocol at Perplexity's base URL, with citations."""

from __future__ import annotations

import pytest

from bot.providers.base import Capability, ChatMessage, Citation, ProviderError
from bot.providers.factory import build_provider
from bot.providers.perplexity import PERPLEXITY_DEFAULT_BASE_URL
from tests.fakes.base import Fail, Reply
from tests.providers.conftest import ENV, NO_PROXY, model

ASK = [ChatMessage("user", "2026년 최저임금은?")]
SEARCH_RESULTS = [
    {"title": "최저임금위원회 고시", "url": "https://www.minimumwage.go.kr/a", "date": "2026-08-05"},
    {"title": "고용노동부 보도자료", "url": "https://www.moel.go.kr/b", "date": "2026-08-06"},
]


def provider(fake, **kw):
    # Perplexity serves /chat/completions at the root, without /v1.
    return build_provider("pplx", model("perplexity", fake.url, model="sonar-pro", **kw), NO_PROXY, ENV)


async def test_citations_surface_from_search_results(openai_fake):
    openai_fake.push(
        Reply(
            chunks=["시간당 ", "10,320원입니다 [1][2]."],
            usage=(12, 8),
            extra={
                "search_results": SEARCH_RESULTS,
                "citations": [SEARCH_RESULTS[0]["url"], SEARCH_RESULTS[1]["url"], "https://example.org/c"],
            },
        )
    )
    p = provider(openai_fake)
    stream = p.chat(ASK)
    assert [d async for d in stream] == ["시간당 ", "10,320원입니다 [1][2]."]
    assert stream.citations == [
        Citation(url="https://www.minimumwage.go.kr/a", title="최저임금위원회 고시"),
        Citation(url="https://www.moel.go.kr/b", title="고용노동부 보도자료"),
        Citation(url="https://example.org/c"),
    ]
    assert (stream.usage.input_tokens, stream.usage.output_tokens) == (12, 8)
    assert openai_fake.requests[-1].path == "/chat/completions"
    assert openai_fake.requests[-1].json["max_tokens"] == p.model.max_output_tokens
    await p.aclose()


async def test_bare_citation_urls_are_enough(openai_fake):
    openai_fake.push(Reply(chunks=["답"], extra={"citations": ["https://a.go.kr", "https://b.go.kr"]}))
    p = provider(openai_fake)
    stream = p.chat(ASK)
    assert [d async for d in stream] == ["답"]
    assert [c.url for c in stream.citations] == ["https://a.go.kr", "https://b.go.kr"]
    await p.aclose()


async def test_capabilities_and_default_url(openai_fake):
    p = provider(openai_fake)
    assert p.capabilities == {Capability.CHAT, Capability.SEARCH}
    assert p.service == "Perplexity"
    with pytest.raises(ProviderError) as err:
        await p.image("x")
    assert err.value.kind == "unsupported"
    await p.aclose()
    default = build_provider("pplx", model("perplexity", None, model="sonar"), NO_PROXY, ENV)
    assert str(default.client.base_url).rstrip("/") == PERPLEXITY_DEFAULT_BASE_URL
    await default.aclose()


async def test_search_options_pass_through_extra_body(openai_fake):
    p = provider(openai_fake, options={"extra_body": {"search_recency_filter": "month"}})
    assert [d async for d in p.chat(ASK)]
    assert openai_fake.requests[-1].json["search_recency_filter"] == "month"
    await p.aclose()


async def test_retry_then_citations(openai_fake):
    openai_fake.push(Fail(503), Reply(chunks=["ok"], extra={"citations": ["https://c.go.kr"]}))
    p = provider(openai_fake)
    stream = p.chat(ASK)
    assert [d async for d in stream] == ["ok"]
    assert [c.url for c in stream.citations] == ["https://c.go.kr"]
    await p.aclose()
