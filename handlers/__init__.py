"""Handlers: one module per command. A handler knows its task and nothing about the platform."""

from __future__ import annotations

from dataclasses import dataclass

from bot.context import Runner
from bot.providers.base import Capability, Provider
from bot.tasks import Task
from handlers import (
    analyze, ask, chat, draft, help as help_, image, models, proofread, search, summarize, translate,
)


@dataclass(frozen=True)
class HandlerEntry:
    run: Runner
    task: Task
    needs_model: bool = True
    reads_files: bool = False
    reads_thread: bool = False

    def offline_ok(self, provider: Provider) -> bool:
        """The offline provider lacks most capabilities; its handler path explains that itself."""
        return provider.supports(Capability.EXTRACTIVE)


HANDLERS: dict[str, HandlerEntry] = {
    "요약": HandlerEntry(summarize.run, Task.SUMMARIZE, reads_files=True, reads_thread=True),
    "질문": HandlerEntry(ask.run, Task.ASK, reads_files=True, reads_thread=True),
    "초안": HandlerEntry(draft.run, Task.DRAFT, reads_files=True),
    "번역": HandlerEntry(translate.run, Task.TRANSLATE, reads_files=True),
    "검색": HandlerEntry(search.run, Task.SEARCH),
    "그림": HandlerEntry(image.run, Task.IMAGE),
    "분석": HandlerEntry(analyze.run, Task.ANALYZE, reads_files=True),
    "교정": HandlerEntry(proofread.run, Task.PROOFREAD, needs_model=False, reads_files=True),
    "모델": HandlerEntry(models.run, Task.CHAT, needs_model=False),
    "도움말": HandlerEntry(help_.run, Task.CHAT, needs_model=False),
    "대화": HandlerEntry(chat.run, Task.CHAT, reads_thread=True),
}
