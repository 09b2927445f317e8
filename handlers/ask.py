"""질문: answer from the attached files or the thread, quoting the passages used."""

from __future__ import annotations

import asyncio

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from handlers.common import SYSTEM_PROMPT, is_offline, needs_input, offline_provider, quote_passages, sources
from bot.text.passages import best_passages


async def run(ctx: HandlerContext) -> Answer:
    question = ctx.text.strip()
    if not question:
        return needs_input("질문", M.HINT_ASK)
    srcs = sources(ctx)
    if not srcs:
        if is_offline(ctx):
            return Answer(M.ANSWER_NO_SOURCE)
        text, cites = await ctx.chat([ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", question)])
        return Answer(text, citations=cites)
    if is_offline(ctx):
        passages = await asyncio.to_thread(offline_provider(ctx).answer, question, srcs)
        if not passages:
            return Answer(M.ANSWER_NO_MATCH)
        quoted = quote_passages(passages)
        return Answer(f"{M.ANSWER_TITLE}\n{M.ANSWER_QUOTES}\n{quoted}")
    # Send the passages most related to the question, as many as fit the budget.
    budget = ctx.input_budget() - ctx.count_tokens(question)
    picked, used = [], 0
    for p in await asyncio.to_thread(best_passages, question, srcs, 200):
        cost = ctx.count_tokens(p.text) + 8
        if used + cost > budget:
            break
        picked.append(p)
        used += cost
    context = "\n".join(f"[{p.label}] {p.text}" for p in picked) or "\n".join(f"[{l}] {t}" for l, t in srcs)[:4000]
    prompt = (
        "아래 자료만 근거로 질문에 답하세요. 답에 쓴 문장을 큰따옴표로 인용하고 [쪽·절 표시]를 붙이세요. "
        "자료에 없으면 없다고 답하세요.\n\n"
        f"자료:\n{context}\n\n질문: {question}"
    )
    text, cites = await ctx.chat([ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", prompt)])
    return Answer(text, citations=cites)
