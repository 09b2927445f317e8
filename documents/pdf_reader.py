"""PDF through PDFium (pypdfium2): text per page, tables by pdfplumber, OCR as fallback.

PDFium is fast (a 100-page text PDF in well under a second) and reads the file from
memory. pdfplumber, much slower, only looks at pages that have ruling lines (path
objects), and only at the first ``pdf_table_pages`` of them. Pages without a usable
text layer are rendered and read by Tesseract when it is installed.
"""

from __future__ import annotations

import io
import logging
import time

from documents.blocks import Collector, clean_cell
from documents.errors import DocumentError
from documents.limits import ExtractLimits
from documents.model import Document
from documents.ocr import find_tesseract, ocr_png
from documents.textquality import PageText, judge

logging.getLogger("pdfminer").setLevel(logging.ERROR)
TABLE_MIN_PATHS = 6  # fewer ruling objects than this is not a table worth pdfplumber's time
# More objects than this on one page and pdfplumber's cost explodes (a 4 KB page of
# 2 MB of path operators took it 31 s): such a page keeps its text, not its tables.
TABLE_MAX_OBJECTS = 5000


def read_pdf(data: bytes, name: str, limits: ExtractLimits) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError("encrypted", name) from None
        raise DocumentError("broken", name) from None
    try:
        count = len(pdf)
        if count == 0:
            raise DocumentError("broken", name)
        if count > limits.pdf_max_pages:
            raise DocumentError("too_many_pages", name, pages=count, limit=limits.pdf_max_pages)
        texts, states, table_pages = _read_pages(pdf, count, limits, pdfium_c)
        ocr_done, ocr_skipped = _ocr_pages(pdf, texts, states, limits)
    finally:
        pdf.close()
    return _assemble(name, data, texts, states, table_pages, ocr_done, ocr_skipped, limits)


def _read_pages(pdf, count: int, limits: ExtractLimits, pdfium_c):  # type: ignore[no-untyped-def]
    texts: list[str] = []
    states: list[PageText] = []
    table_pages: list[int] = []
    for index in range(count):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
            state = judge(text)
            if state is PageText.EMPTY and not _has_image(page, pdfium_c):
                state = PageText.OK  # a blank or nearly blank page, nothing to recognise
            if state is PageText.OK and len(table_pages) < limits.pdf_table_pages:
                if pdfium_c.FPDFPage_CountObjects(page.raw) > TABLE_MAX_OBJECTS:
                    pass  # cheap: PDFium already holds the page's object list
                elif _count_objects(page, pdfium_c.FPDF_PAGEOBJ_PATH, TABLE_MIN_PATHS) >= TABLE_MIN_PATHS:
                    table_pages.append(index)
        finally:
            page.close()
        texts.append(text)
        states.append(state)
    return texts, states, table_pages


def _has_image(page, pdfium_c) -> bool:  # type: ignore[no-untyped-def]
    return _count_objects(page, pdfium_c.FPDF_PAGEOBJ_IMAGE, 1) > 0


def _count_objects(page, kind: int, enough: int) -> int:  # type: ignore[no-untyped-def]
    found = 0
    for _ in page.get_objects(filter=[kind], max_depth=2):
        found += 1
        if found >= enough:
            break
    return found


def _ocr_pages(pdf, texts: list[str], states: list[PageText], limits: ExtractLimits) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    wanted = [i for i, state in enumerate(states) if state is not PageText.OK]
    if not wanted or not limits.ocr_enabled:
        return 0, len(wanted)
    binary = find_tesseract(limits.ocr_binary, limits.ocr_language)
    if binary is None:
        return 0, len(wanted)
    deadline = time.monotonic() + limits.ocr_total_timeout_s
    done = 0
    for index in wanted[: limits.ocr_max_pages]:
        remaining = deadline - time.monotonic()
        if remaining <= 1:
            break
        page = pdf[index]
        try:
            image = page.render(scale=limits.ocr_dpi / 72, grayscale=True).to_pil()
        finally:
            page.close()
        png = io.BytesIO()
        image.save(png, format="PNG")
        del image
        text = ocr_png(png.getvalue(), binary, limits.ocr_language, limits.ocr_dpi,
                       min(limits.ocr_page_timeout_s, remaining))
        if text and text.strip() and judge(text) is not PageText.GARBAGE:
            texts[index] = text
            states[index] = PageText.OK
            done += 1
    return done, sum(1 for state in states if state is not PageText.OK)


def _assemble(name, data, texts, states, table_pages, ocr_done, ocr_skipped, limits) -> Document:  # type: ignore[no-untyped-def]
    collector = Collector(max_chars=limits.max_chars)
    tables = _tables(data, table_pages, limits) if table_pages else {}
    for index, (text, state) in enumerate(zip(texts, states)):
        if state is PageText.OK:
            collector.add(text, index + 1)
        for rows in tables.get(index, []):
            # The page text already holds these words: keep the rows as a Table only.
            collector.add_table(f"표 {len(collector.tables) + 1} ({index + 1}쪽)", rows, index + 1, as_text=False)
        if collector.full:
            break
    if not collector.blocks:
        if any(state is not PageText.OK for state in states):
            raise DocumentError("no_text_layer", name)
        raise DocumentError("no_text", name)
    notices: list[str] = []
    if ocr_done:
        notices.append("ocr")
    if ocr_skipped:
        notices.append("pages_without_text")
    if collector.truncated:
        notices.append("truncated")
    return Document(
        name=name,
        kind="pdf",
        sections=collector.sections(paged=True),
        unit="쪽",
        tables=tuple(collector.tables),
        notices=tuple(notices),
    )


def _tables(data: bytes, pages: list[int], limits: ExtractLimits) -> dict[int, list[list[tuple[str, ...]]]]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - optional
        return {}
    found: dict[int, list[list[tuple[str, ...]]]] = {}
    cells = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            for index in pages:
                for raw in plumber.pages[index].extract_tables():
                    rows = [tuple(clean_cell(cell or "") for cell in row) for row in raw]
                    rows = [row for row in rows if any(row)]
                    cells += sum(len(row) for row in rows)
                    if len(rows) >= 2 and cells <= limits.max_table_cells:
                        found.setdefault(index, []).append(rows)
    except Exception:
        # Tables are a bonus on top of PDFium's text; a pdfminer failure costs only them.
        return found
    return found

