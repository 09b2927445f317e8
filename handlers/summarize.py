"""요약: files, the message's own text, or the thread — map-reduce for long sources."""

from __future__ import annotations

import asyncio

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from documents.chunking import chunk_document, progress_text
from documents.model import Document, Section
from documents.textfile import split_sections
from handlers.common import SYSTEM_PROMPT, is_offline, needs_input, offline_provider, thread_text

# The offline summariser ranks sentences in one graph up to this size; longer
# documents go chunk by chunk (TextRank's cost grows with the square of sentences).
OFFLINE_SINGLE_PASS = 30_000
OFFLINE_CHUNK_TOKENS = 6_000

LENGTH_WORDS = {"short": "3문장 이내로 짧게", "normal": "5~7개 항목으로", "long": "10개 항목 안팎으로 자세히"}


def _targets(ctx: HandlerContext) -> list[tuple[Document, str]]:
    """(document, size label) for each thing to summarise: files, else long text, else the thread."""
    if ctx.documents:
        return [(d, d.size_label) for d in ctx.documents]
    if ctx.text and (not ctx.thread or len(ctx.text) > 200):
        return [(Document(M.SUMMARY_OF_TEXT, "txt", split_sections(ctx.text)), f"{len(ctx.text):,}자")]
    if ctx.thread:
        return [(Document(M.SUMMARY_OF_THREAD, "thread", (Section(thread_text(ctx), M.SUMMARY_OF_THREAD),)),
                 f"{len(ctx.thread)}개 메시지")]
    return []


async def _model_summary(ctx: HandlerContext, doc: Document, length: str) -> str:
    """Map-reduce: each chunk that fits the model's window is summarised, then the summaries."""
    chunks = await asyncio.to_thread(chunk_document, doc, ctx.input_budget(), ctx.count_tokens)
    text = chunks[0].text if chunks else doc.text
    if len(chunks) > 1:
        partials = []
        for chunk in chunks:
            await ctx.status(M.PROGRESS_SUMMARY.format(progress=progress_text(doc, chunk)))
            part, _ = await ctx.chat([
                ChatMessage("system", SYSTEM_PROMPT),
                ChatMessage("user", f"다음은 '{doc.name}'의 {chunk.label} 부분입니다. 핵심 내용을 항목으로 요약하고 "
                                    f"각 항목 끝에 [쪽·절 표시]를 남기세요.\n\n{chunk.text}"),
            ], stream=False)
            partials.append(part)
        text = "\n\n".join(partials)
    answer, _ = await ctx.chat([
        ChatMessage("system", SYSTEM_PROMPT),
        ChatMessage("user", f"다음 '{doc.name}'의 내용을 {LENGTH_WORDS[length]} 요약하세요. "
                            f"숫자와 날짜는 정확히 옮기세요.\n\n{text}"),
    ])
    return answer


def _offline_summary(ctx: HandlerContext, doc: Document, length: str) -> list[str]:
    """Extractive over the same chunks a model would get: central sentences of each
    chunk, then the most central of those, so a 100-page file stays fast."""
    provider = offline_provider(ctx)
    chunks = chunk_document(doc, OFFLINE_CHUNK_TOKENS, ctx.count_tokens) if len(doc.text) > OFFLINE_SINGLE_PASS else []
    if len(chunks) <= 1:
        return provider.summarize(doc.text, length)
    picked = [s for chunk in chunks for s in provider.summarize(_unmarked(chunk.text), "short")]
    return provider.summarize("\n".join(picked), length)


def _unmarked(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not (line.startswith("[") and line.endswith("]")))


async def run(ctx: HandlerContext) -> Answer:
    targets = _targets(ctx)
    if not targets:
        return needs_input("요약", M.HINT_SUMMARIZE)
    length = ctx.command.options.get("length", "normal")
    if length not in LENGTH_WORDS:
        length = "normal"
    parts: list[str] = []
    notes: list[str] = []
    for doc, size in targets:
        if is_offline(ctx):
            # CPU-bound ranking: off the event loop so other conversations keep flowing.
            sentences = await asyncio.to_thread(_offline_summary, ctx, doc, length)
            body = "\n".join(f"• {s}" for s in sentences)
        else:
            body = await _model_summary(ctx, doc, length)
        parts.append(f"{M.SUMMARY_TITLE} — {doc.name} ({size})\n{body}")
        notes.extend(M.DOCUMENT_NOTICES[n] for n in doc.notices if n in M.DOCUMENT_NOTICES)
    return Answer("\n\n".join(parts), notes=list(dict.fromkeys(notes)))
