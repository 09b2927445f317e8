"""Official Korean public-agency documents (공문서): proofreading rules, structured drafts,
and HWPX/DOCX output.

    check(text, doc_type=None) -> list[Violation]
    fix(text, doc_type=None) -> FixResult
    draft_prompt(doc_type, request_text) -> str
    parse_draft(doc_type, model_output) -> DraftDoc          (raises DraftParseError)
    offline_draft(doc_type, request_text) -> DraftDoc
    render_text(draft, dept, today) -> str
    to_hwpx(draft, dept, today) -> bytes / to_docx(draft, dept, today) -> bytes
    proofread_main(argv, stdin, stdout, stderr) -> int       (``dasan proofread``)

Type names accept Korean names and aliases ("기안", "보도자료", "민원답변", "계획(안)");
unknown names raise UnknownDocType, whose ``user_message()`` is Korean;
``normalize_doc_type(None)`` is None. ``DepartmentInfo.from_settings(DepartmentSettings)``
builds the 결문 fields from the bot configuration.
"""

import datetime as _dt
from typing import IO, Any

from documents.official.checker import check
from documents.official.department import DepartmentInfo
from documents.official.doctypes import DOC_TYPES, UnknownDocType, normalize_doc_type, resolve_doc_type
from documents.official.draft import DraftParseError, draft_prompt, offline_draft, parse_draft
from documents.official.draft_model import Attachment, Attendee, DraftDoc, DraftItem, DraftSection
from documents.official.fixer import fix
from documents.official.model import FixResult, Violation
from documents.official.render import render_text

# Canonical type names, for messages that list the choices.
DOC_TYPE_NAMES: tuple[str, ...] = DOC_TYPES


def to_hwpx(draft: DraftDoc, dept: DepartmentInfo, today: _dt.date) -> bytes:
    # Imported on use: python-hwpx is only needed by callers that write files.
    from documents.official.hwpx_writer import to_hwpx as write

    return write(draft, dept, today)


def to_docx(draft: DraftDoc, dept: DepartmentInfo, today: _dt.date) -> bytes:
    from documents.official.docx_writer import to_docx as write

    return write(draft, dept, today)


def proofread_main(argv: list[str], stdin: IO[Any], stdout: IO[str], stderr: IO[str]) -> int:
    from documents.official.cli import proofread_main as run

    return run(argv, stdin, stdout, stderr)


__all__ = [
    "DOC_TYPES", "DOC_TYPE_NAMES", "Attachment", "Attendee", "DepartmentInfo", "DraftDoc", "DraftItem", "DraftParseError",
    "DraftSection", "FixResult", "UnknownDocType", "Violation", "check", "draft_prompt", "fix", "offline_draft",
    "normalize_doc_type", "parse_draft", "proofread_main", "render_text", "resolve_doc_type", "to_docx", "to_hwpx",
]
