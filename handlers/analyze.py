"""분석: a table is profiled locally; only the profile and a small sample go to the model."""

from __future__ import annotations

import asyncio

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from bot.request import OutFile
from handlers.common import SYSTEM_PROMPT, is_offline, needs_input


async def run(ctx: HandlerContext) -> Answer:
    tables = [t for d in ctx.documents for t in d.tables]
    if not tables:
        return needs_input("분석", M.HINT_ANALYZE)
    from documents.profile import profile_table, render_chart  # pandas-free, but heavy-ish: load on use

    parts: list[str] = []
    files: list[OutFile] = []
    for table in tables:
        # Profiling and drawing are CPU work: off the event loop.
        profile = await asyncio.to_thread(profile_table, table)
        summary = profile.as_text()
        if is_offline(ctx):
            parts.append(summary)
        else:
            request = ctx.text or "이 표의 구성과 눈에 띄는 특징, 추세를 설명해 주세요."
            # HandlerContext.chat filters this text again for personal data, cell values included.
            answer, _ = await ctx.chat([
                ChatMessage("system", SYSTEM_PROMPT),
                ChatMessage("user", f"다음은 표 '{table.name}'의 통계 요약과 일부 표본입니다.\n\n{summary}\n\n요청: {request}"),
            ])
            parts.append(answer)
        chart = await asyncio.to_thread(render_chart, table, profile)
        if chart:
            files.append(OutFile(f"{table.name}-chart.png", "image/png", chart, M.CHART_TITLE.format(name=table.name)))
    return Answer("\n\n".join(parts), files=files)
