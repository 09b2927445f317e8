"""Small pieces several handlers share: where the source text comes from, prompts, offline checks."""

from __future__ import annotations

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import Capability, ChatMessage
from bot.providers.offline import OfflineProvider

SYSTEM_PROMPT = (
    "당신은 대한민국 지방자치단체 공무원을 돕는 업무 도우미 '다산'입니다. "
    "정확하고 간결한 한국어 존댓말로 답하고, 모르는 것은 모른다고 말하세요. "
    "<전화번호_1>처럼 꺾쇠로 표시된 자리표시자는 가려진 개인정보이니 그대로 두세요."
)


def is_offline(ctx: HandlerContext) -> bool:
    return ctx.provider is not None and ctx.provider.supports(Capability.EXTRACTIVE)


def offline_provider(ctx: HandlerContext) -> OfflineProvider:
    assert isinstance(ctx.provider, OfflineProvider)
    return ctx.provider


def offline_unsupported(ctx: HandlerContext) -> Answer:
    need = M.OFFLINE_NEED.get(ctx.command.name, M.OFFLINE_NEED["대화"])
    return Answer(M.ERR_OFFLINE_UNSUPPORTED.format(command=ctx.command.name, need=need))


def thread_text(ctx: HandlerContext) -> str:
    return "\n".join(f"{m.author}: {m.text}" for m in ctx.thread)


def sources(ctx: HandlerContext) -> list[tuple[str, str]]:
    """(label, text) pairs to work from: files first, else the thread, else the message text."""
    if ctx.documents:
        many = len(ctx.documents) > 1
        return [((f"{d.name} {s.label}" if many else s.label), s.text) for d in ctx.documents for s in d.sections]
    if ctx.thread:
        return [(M.SUMMARY_OF_THREAD, thread_text(ctx))]
    return []


def history(ctx: HandlerContext, budget_tokens: int) -> list[ChatMessage]:
    """Earlier thread messages as chat turns, newest kept when the budget runs out."""
    turns: list[ChatMessage] = []
    used = 0
    for m in reversed(ctx.thread):
        cost = ctx.count_tokens(m.text)
        if used + cost > budget_tokens:
            break
        used += cost
        turns.append(ChatMessage("assistant" if m.is_bot else "user",
                                 m.text if m.is_bot else f"{m.author}: {m.text}"))
    turns.reverse()
    return turns


def quote_passages(passages) -> str:
    """Offline answers quote what they found, each with where it came from."""
    return "\n".join(f"> {p.text}\n  — {p.label}" for p in passages)


def needs_input(command: str, hint: str) -> Answer:
    from bot.pipeline import UserError

    raise UserError(M.ERR_NEEDS_INPUT.format(command=command, hint=hint), "needs_input")
