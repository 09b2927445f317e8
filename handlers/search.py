"""검색: a web-search model (Perplexity) answers with its sources."""

from __future__ import annotations

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from handlers.common import SYSTEM_PROMPT, is_offline, needs_input, offline_unsupported


async def run(ctx: HandlerContext) -> Answer:
    if is_offline(ctx):
        return offline_unsupported(ctx)
    if not ctx.text.strip():
        return needs_input("검색", M.HINT_TEXT.format(example="검색 2025년 청년 월세 지원 기준"))
    text, citations = await ctx.chat([ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", ctx.text)])
    return Answer(text, citations=citations)
