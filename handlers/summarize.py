"""요약: files, the message's own text, or the thread — map-reduce for long sources."""

from __future__ import annotations

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from handlers.common import SYSTEM_PROMPT, is_offline, needs_input, offline_provider, thread_text

LENGTH_WORDS = {"short": "3문장 이내로 짧게", "normal": "5~7개 항목으로", "long": "10개 항목 안팎으로 자세히"}


def _targets(ctx: HandlerContext) -> list[tuple[str, str, str]]:
    """(title, size label, text) for each thing to summarise."""
    if ctx.documents:
        return [(d.name, d.size_label, d.text) for d in ctx.documents]
    if ctx.text and (not ctx.thread or len(ctx.text) > 200):
        return [(M.SUMMARY_OF_TEXT, f"{len(ctx.text):,}자", ctx.text)]
    if ctx.thread:
        return [(M.SUMMARY_OF_THREAD, f"{len(ctx.thread)}개 메시지", thread_text(ctx))]
    return []


def _chunks(text: str, budget: int, count) -> list[str]:
    """Split on paragraph boundaries so each piece fits the model's input budget."""
    pieces: list[str] = []
    buf: list[str] = []
    used = 0
    for para in text.split("\n"):
        cost = count(para) + 1
        if buf and used + cost > budget:
            pieces.append("\n".join(buf))
            buf, used = [], 0
        if cost > budget:  # one enormous paragraph: cut by characters
            step = max(200, int(len(para) * budget / cost))
            pieces.extend(para[i : i + step] for i in range(0, len(para), step))
            continue
        buf.append(para)
        used += cost
    if buf:
        pieces.append("\n".join(buf))
    return [p for p in pieces if p.strip()]


async def _model_summary(ctx: HandlerContext, title: str, text: str, length: str) -> str:
    budget = ctx.input_budget()
    chunks = _chunks(text, budget, ctx.count_tokens)
    if len(chunks) > 1:
        partials = []
        for i, chunk in enumerate(chunks, 1):
            await ctx.status(M.PROGRESS_CHUNKS.format(total=len(chunks), done=i))
            part, _ = await ctx.chat([
                ChatMessage("system", SYSTEM_PROMPT),
                ChatMessage("user", f"다음은 '{title}'의 일부({i}/{len(chunks)})입니다. 핵심 내용을 항목으로 요약하세요.\n\n{chunk}"),
            ], stream=False)
            partials.append(part)
        text = "\n\n".join(partials)
    answer, _ = await ctx.chat([
        ChatMessage("system", SYSTEM_PROMPT),
        ChatMessage("user", f"다음 '{title}'의 내용을 {LENGTH_WORDS[length]} 요약하세요. 숫자와 날짜는 정확히 옮기세요.\n\n{text}"),
    ])
    return answer


async def run(ctx: HandlerContext) -> Answer:
    targets = _targets(ctx)
    if not targets:
        return needs_input("요약", M.HINT_SUMMARIZE)
    length = ctx.command.options.get("length", "normal")
    if length not in LENGTH_WORDS:
        length = "normal"
    parts: list[str] = []
    for title, size, text in targets:
        if is_offline(ctx):
            body = "\n".join(f"• {s}" for s in offline_provider(ctx).summarize(text, length))
        else:
            body = await _model_summary(ctx, title, text, length)
        parts.append(f"{M.SUMMARY_TITLE} — {title} ({size})\n{body}")
    return Answer("\n\n".join(parts))
