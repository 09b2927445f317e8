"""Perplexity: web-search-grounded chat on the OpenAI SDK with Perplexity's base URL.

Perplexity adds ``search_results`` (title, url, date) and the older ``citations`` (bare
URLs) to the streamed chunks; they are surfaced as ``ChatStream.citations``, in the
order the answer's [1], [2] … markers refer to. Search parameters such as
``search_recency_filter`` go in ``options.extra_body``.
"""

from __future__ import annotations

from typing import Any

from bot.config import ModelSettings
from bot.providers.base import Capability, Citation
from bot.providers.openai_chat import OpenAIChatProvider, OpenAIChatStream

PERPLEXITY_DEFAULT_BASE_URL = "https://api.perplexity.ai"  # documented default; config base_url overrides


def citations_from(extra: dict[str, Any]) -> list[Citation]:
    found: list[Citation] = []
    seen: set[str] = set()
    for item in extra.get("search_results") or []:
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"] not in seen:
            seen.add(item["url"])
            found.append(Citation(url=item["url"], title=str(item.get("title") or "")))
    for url in extra.get("citations") or []:
        if isinstance(url, str) and url not in seen:
            seen.add(url)
            found.append(Citation(url=url))
    return found


class PerplexityProvider(OpenAIChatProvider):
    API_CAPABILITIES = frozenset({Capability.CHAT, Capability.SEARCH})
    default_base_url = PERPLEXITY_DEFAULT_BASE_URL
    default_max_tokens_param = "max_tokens"

    def _capabilities_for(self, model: ModelSettings) -> frozenset[Capability]:
        return self.API_CAPABILITIES

    def on_chunk(self, stream: OpenAIChatStream, chunk: Any) -> None:
        extra = chunk.model_extra or {}
        if extra.get("search_results") or extra.get("citations"):
            # Every chunk repeats the full list; the latest one is the most complete.
            stream.citations = citations_from(extra)
