"""HWPX and HWP 5 through python-hwpx, which turns both into the same OWPML tree.

One walker then reads that tree in document order: paragraph text, tables as rows
of cells (also kept as ``Table``s), text boxes and footnotes; headers, footers and
picture captions ("그림입니다.") are skipped. Pages come from the layout cache 한/글
stores with each paragraph (``lineseg/@vertpos`` restarts at the top of a page) and
from explicit page breaks; a file without that cache is cut into "N절" instead.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

from documents.blocks import Collector, clean_cell
from documents.errors import DocumentError
from documents.limits import ExtractLimits
from documents.model import Document

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
P, RUN, T, TBL, TR, TC, SUBLIST = (HP + n for n in ("p", "run", "t", "tbl", "tr", "tc", "subList"))
LINESEG = HP + "linesegarray/" + HP + "lineseg"
SPACE_TAGS = {HP + "tab", HP + "nbSpace", HP + "fwSpace"}
BREAK_TAGS = {HP + "lineBreak"}
NOTE_TAGS = {HP + "footNote", HP + "endNote"}
SKIPPED_CTRL = {HP + "header", HP + "footer"}  # repeated on every page: noise for a model
DRAWING_TAGS = {HP + n for n in ("rect", "ellipse", "polygon", "curve", "arc", "container", "textart")}

logging.getLogger("hwpx").setLevel(logging.CRITICAL)


def read_hwp_family(data: bytes, name: str, kind: str, limits: ExtractLimits) -> Document:
    try:
        from hwpx import HwpxDocument
        from hwpx.errors import HwpxError
        from hwpx.opc.security import HwpxSecurityError
    except ImportError:  # pragma: no cover - dependency missing
        raise DocumentError("unsupported", name) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hwpx_doc = HwpxDocument.open(data)
    except HwpxSecurityError:
        raise DocumentError("archive_limits", name) from None
    except HwpxError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise DocumentError("hwp_password", name) from None
        if "distribution" in text:
            raise DocumentError("hwp_distribution", name) from None
        if "limit" in getattr(exc, "code", ""):
            raise DocumentError("archive_limits", name) from None
        return _fallback(data, name, kind, limits)
    except MemoryError:
        raise
    except Exception:
        return _fallback(data, name, kind, limits)
    try:
        return walk_document(hwpx_doc, name, kind, limits)
    finally:
        hwpx_doc.close()


def _fallback(data: bytes, name: str, kind: str, limits: ExtractLimits) -> Document:
    if kind != "hwp":
        raise DocumentError("broken", name)
    from documents.hwp5_text import read_hwp5_text

    return read_hwp5_text(data, name, limits)


@dataclass
class PageTracker:
    page: int = 1
    last_vertpos: int = -1
    seen_layout: int = 0
    breaks: int = 0
    started: bool = False

    def enter(self, paragraph) -> int:  # type: ignore[no-untyped-def]
        """Page of this top-level paragraph; advance for any page it runs onto."""
        if paragraph.get("pageBreak") == "1" and self.started:
            self.page += 1
            self.breaks += 1
            self.last_vertpos = -1
        self.started = True
        positions = [_int(seg.get("vertpos")) for seg in paragraph.iterfind(LINESEG)]
        positions = [p for p in positions if p is not None]
        if not positions:
            return self.page
        self.seen_layout += 1
        if self.last_vertpos >= 0 and positions[0] < self.last_vertpos:
            self.page += 1
        start = self.page
        for before, after in zip(positions, positions[1:]):
            if after < before:
                self.page += 1  # the paragraph runs over onto the next page
        self.last_vertpos = positions[-1]
        return start


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def walk_document(hwpx_doc, name: str, kind: str, limits: ExtractLimits) -> Document:  # type: ignore[no-untyped-def]
    collector = Collector(max_chars=limits.max_chars)
    tracker = PageTracker()
    paragraphs = 0
    for number, section in enumerate(hwpx_doc.sections):
        if number and tracker.last_vertpos >= 0:
            tracker.page += 1  # a new HWP section starts on a new page
            tracker.last_vertpos = -1
        for paragraph in section.element.iterchildren(P):
            paragraphs += 1
            page = tracker.enter(paragraph)
            _paragraph(paragraph, page, collector, limits)
            if collector.full:
                break
        if collector.full:
            break
    paged = tracker.seen_layout * 2 >= max(paragraphs, 1) or tracker.breaks > 0
    sections = collector.sections(paged=paged)
    if not sections:
        raise DocumentError("no_text", name)
    notices = ("truncated",) if collector.truncated else ()
    return Document(
        name=name,
        kind=kind,
        sections=sections,
        unit="쪽" if paged else "절",
        tables=tuple(collector.tables),
        notices=notices,
    )


def _paragraph(paragraph, page: int, collector: Collector, limits: ExtractLimits) -> None:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    notes: list[str] = []
    for run in paragraph.iterchildren(RUN):
        for child in run:
            tag = child.tag
            if tag == T:
                parts.append(_t_text(child))
            elif tag == TBL:
                collector.add("".join(parts), page)
                parts = []
                rows = _table_rows(child, limits)
                collector.add_table(f"표 {len(collector.tables) + 1}", rows, page)
            elif tag in DRAWING_TAGS:
                parts.append(" ".join(_sublist_texts(child)))
            elif tag == HP + "ctrl":
                for ctrl in child:
                    if ctrl.tag in NOTE_TAGS:
                        notes.extend(_sublist_texts(ctrl))
    collector.add("".join(parts), page)
    for note in notes:
        collector.add(f"주) {note}", page)


def _t_text(element) -> str:  # type: ignore[no-untyped-def]
    out = [element.text or ""]
    for child in element:
        if child.tag in SPACE_TAGS:
            out.append(" ")
        elif child.tag in BREAK_TAGS:
            out.append("\n")
        out.append(child.tail or "")
    return "".join(out)


def _plain_paragraph(paragraph) -> str:  # type: ignore[no-untyped-def]
    """All text of a nested paragraph, nested tables flattened into it."""
    parts: list[str] = []
    for run in paragraph.iterchildren(RUN):
        for child in run:
            if child.tag == T:
                parts.append(_t_text(child))
            elif child.tag == TBL:
                for row in _table_rows(child, None):
                    parts.append(" " + " / ".join(cell for cell in row if cell) + " ")
            elif child.tag in DRAWING_TAGS:
                parts.append(" ".join(_sublist_texts(child)))
    return "".join(parts)


def _sublist_texts(element) -> list[str]:  # type: ignore[no-untyped-def]
    texts = []
    for sublist in element.iter(SUBLIST):
        for paragraph in sublist.iterchildren(P):
            text = _plain_paragraph(paragraph).strip()
            if text:
                texts.append(text)
        break  # nested sublists are reached through _plain_paragraph
    return texts


def _table_rows(table, limits: ExtractLimits | None) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    rows: list[tuple[str, ...]] = []
    max_rows = limits.max_table_rows if limits else 10_000
    for row in table.iterchildren(TR):
        cells = []
        for cell in row.iterchildren(TC):
            texts = []
            for sublist in cell.iterchildren(SUBLIST):
                texts.extend(_plain_paragraph(p) for p in sublist.iterchildren(P))
            cells.append(clean_cell(" ".join(texts)))
        rows.append(tuple(cells))
        if len(rows) >= max_rows:
            break
    return rows
