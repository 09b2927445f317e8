"""The offline provider: no network, no model — extractive methods that still help.

Registered as ``offline``; every reply it produces is labelled as offline mode.
Handlers use its extractive methods (``Capability.EXTRACTIVE``) where a language
model would summarise, answer or draft.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from bot import messages as M
from bot.config import ModelSettings
from bot.providers.base import Capability, ChatMessage, ChatStream, Provider
from bot.text.passages import Passage, best_passages
from bot.text.textrank import summarize

SUMMARY_SENTENCES = {"short": 3, "normal": 5, "long": 10}


class _TextStream(ChatStream):
    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    async def _deltas(self) -> AsyncIterator[str]:
        yield self._text


class OfflineProvider(Provider):
    capabilities = frozenset({Capability.CHAT, Capability.EXTRACTIVE})
    service = "오프라인"

    def __init__(self, name: str = "offline", settings: ModelSettings | None = None) -> None:
        self.name = name
        self.settings = settings

    def chat(self, messages: list[ChatMessage], *, max_tokens: int | None = None,
             temperature: float | None = None) -> ChatStream:
        return _TextStream(M.OFFLINE_CHAT)

    def summarize(self, text: str, length: str = "normal") -> list[str]:
        return summarize(text, SUMMARY_SENTENCES.get(length, 5))

    def answer(self, question: str, sources: list[tuple[str, str]], limit: int = 3) -> list[Passage]:
        return best_passages(question, sources, limit)
