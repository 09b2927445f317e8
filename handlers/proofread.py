"""교정: the deterministic official-document checker; no model needed."""

from __future__ import annotations

from bot import messages as M
from bot.context import Answer, HandlerContext
from handlers.common import needs_input


async def run(ctx: HandlerContext) -> Answer:
    from documents.official import DOC_TYPE_NAMES, UnknownDocType, check, fix, normalize_doc_type

    text = ctx.text or "\n\n".join(d.text for d in ctx.documents)
    if not text.strip():
        return needs_input("교정", M.HINT_TEXT.format(example="교정 (검사할 공문 내용)"))
    try:
        doc_type = normalize_doc_type(ctx.command.options.get("type"))
    except UnknownDocType:
        from bot.pipeline import UserError

        raise UserError(M.ERR_PROOFREAD_TYPE.format(types=", ".join(DOC_TYPE_NAMES)), "proofread_type") from None
    violations = check(text, doc_type)
    if not violations:
        return Answer(M.PROOFREAD_CLEAN, show_model=False)
    fixed = fix(text, doc_type)
    lines = [M.PROOFREAD_TITLE.format(
        errors=sum(v.severity == "error" for v in violations),
        warnings=sum(v.severity == "warning" for v in violations))]
    for v in violations:
        mark = "❌" if v.severity == "error" else "💡"
        inline_fix = v.fix and "\n" not in v.fix  # multi-line fixes show in the corrected text below
        lines.append(f"{mark} {v.line}행: {v.message}" + (f" → {v.fix}" if inline_fix else ""))
    if fixed.applied:
        lines += ["", M.PROOFREAD_FIXED.format(count=len(fixed.applied)), "```", fixed.text, "```"]
    return Answer("\n".join(lines), show_model=False)
