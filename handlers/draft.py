"""초안: the model writes structured content; code renders the official format.

Item symbols, indentation, dates, 붙임 and 끝. are produced deterministically,
then the checker's fixer runs over the text, and the 결문 comes from the
department's settings, never from the model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.providers.base import ChatMessage
from bot.request import OutFile
from handlers.common import SYSTEM_PROMPT, is_offline, needs_input

HWPX_MIME = "application/hwp+zip"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _department(ctx: HandlerContext):
    from documents.official import DepartmentInfo

    key = ctx.request.department
    settings = ctx.settings.departments.get(key) if key else None
    if settings is None and len(ctx.settings.departments) == 1:
        settings = next(iter(ctx.settings.departments.values()))
    return DepartmentInfo.from_settings(settings) if settings is not None else DepartmentInfo()


def _map_text(value, fn):
    """Apply ``fn`` to every string inside a draft (dataclasses, lists, dicts)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_map_text(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: _map_text(v, fn) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: _map_text(getattr(value, f.name), fn)
                                             for f in dataclasses.fields(value) if f.name != "doc_type"})
    return value


def _model_faults(draft, check) -> int:
    """Fixable rule errors in the model's own item texts, one line each."""
    lines = [item.text for section in draft.sections for item in section.items]
    lines += [str(v) for v in draft.fields.values() if v]
    return sum(1 for v in check("\n".join(lines)) if v.severity == "error" and v.fix)


def _split_type(option, text, normalize, unknown):
    """The type from --type, or from the first one or two words ("민원 답변 …")."""
    if option:
        try:
            return normalize(option), text
        except unknown:
            return None, text
    words = text.split(" ")
    for n in (2, 1):
        if len(words) >= n:
            try:
                return normalize(" ".join(words[:n])), " ".join(words[n:]).strip()
            except unknown:
                continue
    return None, text


async def run(ctx: HandlerContext) -> Answer:
    from documents.official import (
        UnknownDocType, check, draft_prompt, fix, normalize_doc_type, offline_draft, parse_draft, render_text,
        to_docx, to_hwpx, DraftParseError, DOC_TYPE_NAMES,
    )

    text = ctx.text.strip()
    if not text and not ctx.command.options.get("type"):
        return needs_input("초안", M.ERR_DRAFT_TYPE.format(types=", ".join(DOC_TYPE_NAMES)))
    doc_type, request_text = _split_type(ctx.command.options.get("type"), text, normalize_doc_type, UnknownDocType)
    if doc_type is None:
        from bot.pipeline import UserError

        raise UserError(M.ERR_DRAFT_TYPE.format(types=", ".join(DOC_TYPE_NAMES)), "draft_type")
    request_text = request_text or text
    if is_offline(ctx):
        draft = offline_draft(doc_type, request_text)
    else:
        raw, _ = await ctx.chat([ChatMessage("system", SYSTEM_PROMPT),
                                 ChatMessage("user", draft_prompt(doc_type, request_text))], stream=False)
        try:
            draft = parse_draft(doc_type, raw)
        except DraftParseError:
            from bot.pipeline import UserError

            raise UserError(M.ERR_DRAFT_PARSE, "draft_parse") from None
    # The files are built from the draft, not from the reply text: restore the
    # asker's values and redact banned words in the draft itself first.
    draft = _map_text(draft, ctx.guard.outbound)
    dept = _department(ctx)
    today = dt.date.today()
    # What the model wrote against the rules (dates, times, money, spacing …) is
    # normalised while rendering or by the fixer; count both so the reply says so.
    corrected = 0 if is_offline(ctx) else _model_faults(draft, check)
    rendered = render_text(draft, dept, today)
    fixed = fix(rendered, doc_type)
    corrected += len(fixed.applied)
    notes = [M.DRAFT_FIXED.format(count=corrected)] if corrected else []
    title = M.DRAFT_FILE_TITLE.format(doc_type=doc_type)
    files = [OutFile(f"{doc_type}-초안.hwpx", HWPX_MIME, to_hwpx(draft, dept, today), title)]
    if (ctx.command.options.get("format") or "").lower() == "docx":
        files.append(OutFile(f"{doc_type}-초안.docx", DOCX_MIME, to_docx(draft, dept, today), title))
    return Answer(fixed.text, files=files, notes=notes)
