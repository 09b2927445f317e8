"""PPTX through python-pptx: one section per slide, shapes read top to bottom.

Paragraph levels become indentation, tables become rows (and ``Table``s), group
shapes are opened, and speaker notes follow the slide text.
"""

from __future__ import annotations

import io

from documents.blocks import clean, clean_cell, table_text
from documents.errors import DocumentError
from documents.limits import ExtractLimits
from documents.model import Document, Section, Table


def read_pptx(data: bytes, name: str, limits: ExtractLimits) -> Document:
    from pptx import Presentation

    try:
        presentation = Presentation(io.BytesIO(data))
    except Exception:
        raise DocumentError("broken", name) from None
    sections: list[Section] = []
    tables: list[Table] = []
    chars = 0
    truncated = False
    try:
        for number, slide in enumerate(presentation.slides, start=1):
            lines: list[str] = []
            for shape in _ordered(slide.shapes):
                _shape_lines(shape, lines, tables, number)
            if slide.has_notes_slide:
                notes = slide.notes_slide.notes_text_frame
                if notes is not None and notes.text.strip():
                    lines.append("(발표자 메모) " + notes.text.strip())
            text = clean("\n".join(lines))
            if not text:
                continue
            if chars + len(text) > limits.max_chars:
                text, truncated = text[: limits.max_chars - chars], True
            chars += len(text)
            sections.append(Section(text, f"{number}번 슬라이드"))
            if truncated:
                break
    except Exception:
        raise DocumentError("broken", name) from None
    if not sections:
        raise DocumentError("no_text", name)
    return Document(
        name=name,
        kind="pptx",
        sections=tuple(sections),
        unit="슬라이드",
        tables=tuple(tables),
        notices=("truncated",) if truncated else (),
    )


def _ordered(shapes):  # type: ignore[no-untyped-def]
    return sorted(shapes, key=lambda s: ((s.top or 0) // 50_000, s.left or 0))


def _shape_lines(shape, lines: list[str], tables: list[Table], slide: int) -> None:  # type: ignore[no-untyped-def]
    if shape.shape_type is not None and getattr(shape, "shapes", None) is not None:
        for inner in _ordered(shape.shapes):  # group shape
            _shape_lines(inner, lines, tables, slide)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = [tuple(clean_cell(cell.text) for cell in row.cells) for row in shape.table.rows]
        rows = [row for row in rows if any(row)]
        if rows:
            tables.append(Table(name=f"표 {len(tables) + 1} ({slide}번 슬라이드)", rows=tuple(rows)))
            lines.append(table_text(rows))
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            text = "".join(run.text for run in paragraph.runs) or paragraph.text
            if text.strip():
                lines.append("  " * (paragraph.level or 0) + text.strip())
