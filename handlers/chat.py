"""대화: plain chat with the default (or chosen) model, with the thread as context."""

from __future__ import annotations

import asyncio

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from handlers.common import SYSTEM_PROMPT, history, is_offline, offline_provider, quote_passages, sources


async def run(ctx: HandlerContext) -> Answer:
    if is_offline(ctx):
        answer = await _from_thread(ctx)
        if answer is not None:
            return answer
    budget = ctx.input_budget() - ctx.count_tokens(ctx.text)
    messages = [ChatMessage("system", SYSTEM_PROMPT), *history(ctx, max(0, budget)),
                ChatMessage("user", ctx.text)]
    text, citations = await ctx.chat(messages)
    return Answer(text, citations=citations)


async def _from_thread(ctx: HandlerContext) -> Answer | None:
    """No model to talk to; a question in a thread can still be answered from the thread."""
    srcs = sources(ctx)
    if srcs and ctx.text.strip():
        passages = await asyncio.to_thread(offline_provider(ctx).answer, ctx.text, srcs)
        if passages:
            quoted = quote_passages(passages)
            return Answer(f"{M.OFFLINE_THREAD_ANSWER}\n{quoted}")
    return None  # the offline provider's chat explains what works without a model
