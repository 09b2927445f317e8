"""번역: a translation service (DeepL) when the model is one, else a chat model with a prompt."""

from __future__ import annotations

import asyncio
import re

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import Capability, ChatMessage
from bot.request import OutFile
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


# Formats a translation service returns as the same kind of file.
DOCUMENT_KINDS = {"docx": "docx", "pptx": "pptx", "pdf": "pdf"}
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "hwpx": "application/hwp+zip",
}


def _translated_name(name: str, target: str, ext: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem}_{target.split('-')[0].lower()}.{ext}"


async def _translate_files(ctx: HandlerContext, target: str) -> Answer | None:
    """Whole-file translation where the service supports it and the file carries
    nothing the filter had to mask; otherwise None and the text path runs."""
    assert ctx.provider is not None
    if not ctx.documents or not ctx.provider.supports(Capability.TRANSLATE_DOCUMENT):
        return None
    files, lines = [], []
    for index, doc in enumerate(ctx.documents):
        ext = DOCUMENT_KINDS.get(doc.kind)
        if ext is None or index not in ctx.pristine_documents or index >= len(ctx.request.attachments):
            return None
        data = await ctx.request.attachments[index].read()
        if not await _whole_file_is_clean(ctx, data, ext):
            return None
        await ctx.status(M.TRANSLATING_FILE.format(name=doc.name))
        # A neutral name: the user's file name may itself carry names or numbers.
        result = await ctx.provider.translate_document(
            data, f"document.{ext}", target_lang=target,
            source_lang=ctx.command.options.get("from"), formality=ctx.command.options.get("formality"))
        await ctx.record_usage(result.billed_characters, 0)
        out_name = _translated_name(doc.name, target, ext)
        files.append(OutFile(out_name, MIME[ext], result.data, out_name))
        lines.append(M.TRANSLATED_FILE.format(name=doc.name, out=out_name))
    return Answer("\n".join(lines), files=files)


async def _whole_file_is_clean(ctx: HandlerContext, data: bytes, ext: str) -> bool:
    """The readers skip headers, footers, comments and such; before the whole file
    leaves, every text in it must need no masking for this model."""
    if ext == "pdf":
        return True  # the PDF reader already took every page's whole text layer
    from documents.package_text import package_text

    try:
        full = await asyncio.to_thread(package_text, data)
    except Exception:  # unreadable or oversized package: do not send it whole
        return False
    return await asyncio.to_thread(ctx.guard.is_clean, full, source="document")


def _hwpx_from_text(text: str) -> bytes:
    from documents.official.hwpx_writer import paragraphs_to_hwpx

    return paragraphs_to_hwpx(text.split("\n"))


async def run(ctx: HandlerContext) -> Answer:
    if is_offline(ctx):
        return offline_unsupported(ctx)
    text = ctx.text or "\n\n".join(d.text for d in ctx.documents)
    if not text.strip():
        return needs_input("번역", M.HINT_TEXT.format(example="번역 --to en 안녕하세요"))
    target = target_language(ctx.command.options.get("to"), text)
    assert ctx.provider is not None
    whole = await _translate_files(ctx, target)
    if whole is not None:
        return whole
    answer = await _translate_text(ctx, text, target)
    hwp = [d for d in ctx.documents if d.kind in ("hwp", "hwpx")]
    if hwp and not ctx.text:
        name = _translated_name(hwp[0].name, target, "hwpx")
        # The file carries the answer as the user will see it: placeholders restored.
        data = _hwpx_from_text(ctx.guard.outbound(answer.text))
        answer.files.append(OutFile(name, MIME["hwpx"], data, name))
    return answer


async def _translate_text(ctx: HandlerContext, text: str, target: str) -> Answer:
    assert ctx.provider is not None
    if ctx.provider.supports(Capability.TRANSLATE):
        safe = await ctx.guard.ainbound(text, source="prompt")
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
