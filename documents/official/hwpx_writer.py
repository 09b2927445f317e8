"""DraftDoc → HWPX bytes with python-hwpx (OWPML), in memory.

Each text line of ``render_text`` becomes one paragraph with the same characters (indentation
spaces included), so the file and the proofread text agree; centred lines are centred by
paragraph alignment instead of spaces. The 회의록 attendee list becomes a real table.
python-hwpx is Alpha and moves names between majors, so its use stays inside this module.
"""

from __future__ import annotations

import datetime as dt

from documents.official.department import DepartmentInfo
from documents.official.draft_model import DraftDoc
from documents.official.render import Block, render_blocks

# 편람 서식 설계기준: A4, margins top 20 / bottom 10 / left 20 / right 20 mm.
PAGE_MARGINS_MM = {"top": 20.0, "bottom": 10.0, "left": 20.0, "right": 20.0}
_STYLE = {"agency": (True, 20), "sender": (True, 18), "title": (True, 16), "subtitle": (False, 12)}


def to_hwpx(draft: DraftDoc, dept: DepartmentInfo, today: dt.date) -> bytes:
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    doc.page.setup(paper_size="A4", orientation="portrait", margins_mm=PAGE_MARGINS_MM)
    char_styles: dict[str, str] = {}
    centred = []
    first = True
    for block in render_blocks(draft, dept, today):
        if block.role == "table":
            _table(doc, block)
            continue
        style = _char_style(doc, block, char_styles)
        if first:
            paragraph = doc.paragraphs[0]  # the blank template's one paragraph holds the section setup
            paragraph.text = block.text
            if style:
                paragraph.char_pr_id_ref = style
            first = False
        else:
            paragraph = doc.add_paragraph(block.text, char_pr_id_ref=style, inherit_style=False)
        if block.align == "center":
            centred.append(paragraph)
    if centred:
        doc.styles.apply_paragraph_format(paragraphs=centred, alignment="center")
    return doc.to_bytes()


def paragraphs_to_hwpx(lines: list[str]) -> bytes:
    """Plain paragraphs on an A4 page: for text that is not a draft (e.g. a translation)."""
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    doc.page.setup(paper_size="A4", orientation="portrait", margins_mm=PAGE_MARGINS_MM)
    lines = lines or [""]
    doc.paragraphs[0].text = lines[0]  # the template's paragraph holds the section setup
    for line in lines[1:]:
        doc.add_paragraph(line, inherit_style=False)
    return doc.to_bytes()


def _char_style(doc: object, block: Block, cache: dict[str, str]) -> str | None:
    if block.role not in _STYLE:
        return None
    if block.role not in cache:
        bold, size = _STYLE[block.role]
        cache[block.role] = doc.styles.ensure_run(bold=bold, size=size)  # type: ignore[attr-defined]
    return cache[block.role]


def _table(doc: object, block: Block) -> None:
    rows, cols = len(block.rows), max(len(r) for r in block.rows)
    table = doc.add_table(rows, cols)  # type: ignore[attr-defined]
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            table.set_cell_text(r, c, text)
