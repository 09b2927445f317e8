"""What a handler sees: its inputs (already through the input filter), the chosen
model, and ways to answer. Handlers know the task; this hides the platform,
the safety filters and the provider plumbing (retries, fallback, usage)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from bot.commands import ParsedCommand
from bot.config import Settings
from bot.providers.base import ChatMessage, ChatStream, Citation, Provider, ProviderError
from bot.registry import ModelInfo, ModelRegistry
from bot.request import OutFile, Reply, Request, ThreadMessage
from bot.usage import UsageLedger, UsageRecord
from documents.model import Document
from safety.gate import RequestGuard

log = logging.getLogger(__name__)


@dataclass
class Answer:
    """A handler's result. ``text`` is model-side text: the pipeline runs it through
    the output filter once before the user sees it."""

    text: str
    files: list[OutFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # short lines for the footer
    citations: list[Citation] = field(default_factory=list)
    show_model: bool = True  # False for answers that used no model (help, models, proofread)


def _level(info: ModelInfo) -> int:
    """How strictly text must be filtered for a model: external 2, internal masked 1, internal raw 0."""
    if info.external:
        return 2
    return 0 if info.raw_pii_ok else 1


@dataclass
class HandlerContext:
    request: Request
    command: ParsedCommand
    settings: Settings
    registry: ModelRegistry
    model: ModelInfo | None
    provider: Provider | None
    guard: RequestGuard
    reply: Reply
    ledger: UsageLedger
    text: str  # the command's argument text, filtered
    documents: list[Document] = field(default_factory=list)  # filtered
    thread: list[ThreadMessage] = field(default_factory=list)  # filtered, oldest first
    get_provider: Callable[[ModelInfo], Provider] | None = None
    # Indexes of attachments whose text the input filter left unchanged: only
    # those may be sent on as whole files (e.g. document translation).
    pristine_documents: set[int] = field(default_factory=set)
    used_models: list[str] = field(default_factory=list)

    async def status(self, text: str) -> None:
        await self.reply.status(text)

    async def show(self, deltas: AsyncIterator[str]) -> str:
        """Stream text to the user through the output filter; returns the raw text."""
        raw: list[str] = []
        shown = ""
        out = self.guard.stream_filter()
        async for delta in deltas:
            raw.append(delta)
            piece = out.feed(delta)
            if piece:
                shown += piece
                await self.reply.update(shown)
        return "".join(raw)

    async def chat(self, messages: list[ChatMessage], *, stream: bool = True) -> tuple[str, list[Citation]]:
        """Ask the chosen model; on failure before any text was shown, try the
        configured fallback if its data policy allows the same (already filtered) text."""
        assert self.model is not None and self.provider is not None
        info, provider = self.model, self.provider
        tried: set[str] = set()
        while True:
            tried.add(info.name)
            shown_before = self.reply.shown_text
            try:
                return await self._chat_once(info, provider, messages, stream)
            except ProviderError as exc:
                fallback = self._fallback(info, tried)
                if fallback is None or self.reply.shown_text != shown_before or exc.kind in ("cut", "bad_request"):
                    raise
                log.warning("model %s failed (%s); falling back to %s", info.name, exc.kind, fallback.name)
                assert self.get_provider is not None
                try:
                    provider = self.get_provider(fallback)
                except ProviderError:
                    raise exc from None
                info = fallback

    def _fallback(self, info: ModelInfo, tried: set[str]) -> ModelInfo | None:
        name = info.settings.fallback
        if not name or name in tried or self.model is None:
            return None
        candidate = self.registry.get(name)
        if candidate is None or _level(candidate) > _level(self.model):
            return None
        return candidate

    async def _chat_once(
        self, info: ModelInfo, provider: Provider, messages: list[ChatMessage], stream: bool
    ) -> tuple[str, list[Citation]]:
        # The one choke point before any model: everything sent is filtered here,
        # even text derived from inputs that were filtered already (cheap: the
        # guard recognises its own output).
        safe = [ChatMessage(m.role, await self.guard.ainbound(m.content, source="prompt")) for m in messages]
        chat: ChatStream = provider.chat(safe, max_tokens=info.settings.max_output_tokens)
        self.used_models.append(info.label)
        try:
            if stream and self.settings.bot.stream:
                text = await self.show(aiter(chat))
            else:
                text = "".join([d async for d in chat])
        finally:
            await self._record(info, chat)
        return text, chat.citations

    async def _record(self, info: ModelInfo, chat: ChatStream) -> None:
        u = chat.usage
        if u.input_tokens or u.output_tokens:
            await self.ledger.record(
                UsageRecord(
                    user_id=self.request.user_id,
                    department=self.request.department,
                    model=info.name,
                    input_tokens=u.input_tokens,
                    output_tokens=u.output_tokens,
                    cost=info.cost(u.input_tokens, u.output_tokens),
                )
            )

    async def record_usage(self, input_tokens: int, output_tokens: int) -> None:
        """For non-chat calls (translation, images) that report their own usage."""
        if self.model is not None:
            await self.ledger.record(
                UsageRecord(self.request.user_id, self.request.department, self.model.name,
                            input_tokens, output_tokens, self.model.cost(input_tokens, output_tokens))
            )

    def count_tokens(self, text: str) -> int:
        if self.model is None:
            return len(text)
        try:
            from bot.providers.tokens import count_tokens
        except ImportError:  # providers work not landed: a conservative Korean estimate
            return int(len(text) / 1.2) + 1
        return count_tokens(text, self.model.settings)

    def input_budget(self) -> int:
        """Tokens available for source text, leaving room for instructions and the answer."""
        if self.model is None:
            return 8000
        s = self.model.settings
        return max(512, s.context_tokens - s.max_output_tokens - 600)


Runner = Callable[[HandlerContext], Awaitable[Answer]]
