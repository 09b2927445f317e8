"""번역: a translation service (DeepL) when the model is one, else a chat model with a prompt."""

from __future__ import annotations

import re

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import Capability, ChatMessage
from handlers.common import is_offline, needs_input, offline_unsupported

_HANGUL = re.compile(r"[가-힣]")
LANG_ALIASES = {
    "en": "EN-US", "영어": "EN-US", "english": "EN-US", "ko": "KO", "한국어": "KO", "korean": "KO",
    "ja": "JA", "일본어": "JA", "zh": "ZH", "중국어": "ZH", "vi": "VI", "베트남어": "VI",
    "fr": "FR", "프랑스어": "FR", "de": "DE", "독일어": "DE", "es": "ES", "스페인어": "ES", "ru": "RU", "러시아어": "RU",
}


def target_language(option: str | None, text: str) -> str:
    if option:
        return LANG_ALIASES.get(option.lower(), option.upper())
    hangul = len(_HANGUL.findall(text[:2000]))
    return "EN-US" if hangul > len(text[:2000]) * 0.2 else "KO"


async def run(ctx: HandlerContext) -> Answer:
    if is_offline(ctx):
        return offline_unsupported(ctx)
    text = ctx.text or "\n\n".join(d.text for d in ctx.documents)
    if not text.strip():
        return needs_input("번역", M.HINT_TEXT.format(example="번역 --to en 안녕하세요"))
    target = target_language(ctx.command.options.get("to"), text)
    assert ctx.provider is not None
    if ctx.provider.supports(Capability.TRANSLATE):
        safe = ctx.guard.inbound(text, source="prompt")
        glossary = (ctx.model.settings.options.get("glossary") if ctx.model else None) or None
        result = await ctx.provider.translate(
            [safe], target_lang=target, source_lang=ctx.command.options.get("from"),
            formality=ctx.command.options.get("formality"), glossary=glossary,
        )
        await ctx.record_usage(result.billed_characters, 0)
        return Answer("\n".join(result.texts))
    answer, _ = await ctx.chat([
        ChatMessage("system", "You are a professional translator for a Korean public agency. "
                              "Translate faithfully; keep numbers, names and placeholders like <전화번호_1> unchanged. "
                              "Output only the translation."),
        ChatMessage("user", f"Translate into {target}:\n\n{text}"),
    ])
    return Answer(answer)
