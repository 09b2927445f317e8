"""DraftDoc → DOCX bytes with python-docx, in memory; same lines and table as the HWPX writer."""

from __future__ import annotations

import datetime as dt
import io

from documents.official.department import DepartmentInfo
from documents.official.draft_model import DraftDoc
from documents.official.hwpx_writer import PAGE_MARGINS_MM
from documents.official.render import render_blocks

_STYLE = {"agency": (True, 20), "sender": (True, 18), "title": (True, 16), "subtitle": (False, 12)}


def to_docx(draft: DraftDoc, dept: DepartmentInfo, today: dt.date) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(PAGE_MARGINS_MM["top"])
    section.bottom_margin = Mm(PAGE_MARGINS_MM["bottom"])
    section.left_margin = Mm(PAGE_MARGINS_MM["left"])
    section.right_margin = Mm(PAGE_MARGINS_MM["right"])
    for block in render_blocks(draft, dept, today):
        if block.role == "table":
            table = doc.add_table(rows=len(block.rows), cols=max(len(r) for r in block.rows))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            continue
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block.text)
        if block.role in _STYLE:
            bold, size = _STYLE[block.role]
            run.bold = bold
            run.font.size = Pt(size)
        if block.align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
