"""XLSX through openpyxl (read-only, cached values): every sheet a Table and a section.

Values are rendered as a person sees them in the sheet: whole numbers without
".0", dates as ISO dates, formulas as their last computed value.
"""

from __future__ import annotations

import datetime as dt
import io

from documents.blocks import clean_cell, table_text
from documents.errors import DocumentError
from documents.limits import ExtractLimits
from documents.model import Document, Section, Table


def read_xlsx(data: bytes, name: str, limits: ExtractLimits) -> Document:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise DocumentError("broken", name) from None
    sections: list[Section] = []
    tables: list[Table] = []
    truncated = False
    cells_left = limits.max_table_cells
    chars_left = limits.max_chars
    try:
        for sheet in workbook.worksheets:
            rows, cut = _sheet_rows(sheet, limits.max_table_rows, cells_left)
            truncated |= cut
            cells_left -= sum(len(row) for row in rows)
            if not rows:
                continue
            label = f"시트 '{sheet.title}'"
            tables.append(Table(name=sheet.title, rows=tuple(rows)))
            text = table_text(rows)
            if len(text) > chars_left:
                text, truncated = text[:chars_left], True
            chars_left -= len(text)
            sections.append(Section(text, label))
            if cells_left <= 0 or chars_left <= 0:
                truncated = True
                break
    except DocumentError:
        raise
    except Exception:
        raise DocumentError("broken", name) from None
    finally:
        workbook.close()
    if not sections:
        raise DocumentError("no_text", name)
    return Document(
        name=name,
        kind="xlsx",
        sections=tuple(sections),
        unit="시트",
        tables=tuple(tables),
        notices=("truncated",) if truncated else (),
    )


def _sheet_rows(sheet, max_rows: int, max_cells: int) -> tuple[list[tuple[str, ...]], bool]:  # type: ignore[no-untyped-def]
    rows: list[tuple[str, ...]] = []
    cells = 0
    blank_before = False
    # A sheet's <dimension> may claim A1:XFD1048576; openpyxl would then pad every
    # gap with 16,384-cell empty rows. Forget the claim and read what is there.
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    for values in sheet.iter_rows(values_only=True):
        row = [cell_text(v) for v in values]
        while row and not row[-1]:
            row.pop()
        if not row:
            blank_before = True
            continue
        if blank_before and rows:
            rows.append(())  # keep one empty row: it often separates blocks
        blank_before = False
        rows.append(tuple(row))
        cells += len(row)
        if len(rows) >= max_rows or cells >= max_cells:
            return rows, True
    return rows, False


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return clean_cell(str(value))
