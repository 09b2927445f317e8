"""그림: an image model draws from the description; the picture is attached to the thread."""

from __future__ import annotations

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.request import OutFile
from handlers.common import is_offline, needs_input, offline_unsupported

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


async def run(ctx: HandlerContext) -> Answer:
    if is_offline(ctx):
        return offline_unsupported(ctx)
    prompt = ctx.text.strip()
    if not prompt:
        return needs_input("그림", M.HINT_TEXT.format(example="그림 구청 앞 벚꽃길 홍보 포스터"))
    assert ctx.provider is not None
    size = ctx.command.options.get("size") or (ctx.model.settings.options.get("size") if ctx.model else None)
    result = await ctx.provider.image(await ctx.guard.ainbound(prompt, source="prompt"), size=size or "1024x1024")
    ext = EXTENSIONS.get(result.mime_type, "png")
    return Answer(M.IMAGE_DONE, files=[OutFile(f"dasan-image.{ext}", result.mime_type, result.data, M.IMAGE_TITLE)])
