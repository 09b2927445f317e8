"""대화: plain chat with the default (or chosen) model, with the thread as context."""

from __future__ import annotations

from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from handlers.common import SYSTEM_PROMPT, history


async def run(ctx: HandlerContext) -> Answer:
    budget = ctx.input_budget() - ctx.count_tokens(ctx.text)
    messages = [ChatMessage("system", SYSTEM_PROMPT), *history(ctx, max(0, budget)),
                ChatMessage("user", ctx.text)]
    text, citations = await ctx.chat(messages)
    return Answer(text, citations=citations)
