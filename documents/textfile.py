"""Plain text formats: TXT, MD and CSV, in UTF-8 or the Korean legacy CP949/EUC-KR."""

from __future__ import annotations

import csv
import io
import unicodedata

from documents.errors import DocumentError
from documents.limits import DEFAULT_LIMITS, ExtractLimits
from documents.model import Document, Section, Table

# Paragraph groups of about this many characters become one citable section.
SECTION_CHARS = 2000


def decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError("encoding", name) from None
    # CP949 is a superset of EUC-KR; UTF-8 first because a valid UTF-8 Korean
    # text is almost never also valid CP949 and vice versa.
    for encoding in ("utf-8", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    raise DocumentError("encoding", name)


def split_sections(text: str, size: int = SECTION_CHARS) -> tuple[Section, ...]:
    """Group paragraphs into numbered sections so answers can cite "2절"."""
    sections: list[Section] = []
    buf: list[str] = []
    length = 0
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        if buf and length + len(para) > size:
            sections.append(Section("\n\n".join(buf), f"{len(sections) + 1}절"))
            buf, length = [], 0
        buf.append(para)
        length += len(para)
    if buf:
        sections.append(Section("\n\n".join(buf), f"{len(sections) + 1}절"))
    return tuple(sections)


def read_text(data: bytes, name: str, kind: str, limits: ExtractLimits = DEFAULT_LIMITS) -> Document:
    text = decode(data, name)
    if not text.strip():
        raise DocumentError("empty", name)
    if kind == "csv":
        return read_csv_text(text, name, limits)
    notices: tuple[str, ...] = ()
    if len(text) > limits.max_chars:
        text, notices = text[: limits.max_chars], ("truncated",)
    return Document(name=name, kind=kind, sections=split_sections(text), notices=notices)


def read_csv_text(text: str, name: str, limits: ExtractLimits = DEFAULT_LIMITS) -> Document:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[str, ...]] = []
    cells = chars = 0
    truncated = False
    # Row by row, stopping at the caps: the table and its text stay bounded however big the file.
    for raw in csv.reader(io.StringIO(text), dialect):
        if not raw:
            continue
        row = tuple(cell.strip() for cell in raw)
        if (len(rows) >= limits.max_table_rows or cells + len(row) > limits.max_table_cells
                or chars + sum(map(len, row)) + 3 * len(row) > limits.max_chars):
            truncated = True
            if not rows:  # one row alone past the caps: keep what fits of it
                rows.append(_clip_row(row, limits))
            break
        rows.append(row)
        cells += len(row)
        chars += sum(map(len, row)) + 3 * len(row)
    if not rows:
        raise DocumentError("empty", name)
    table = Table(name=name, rows=tuple(rows))
    body = "\n".join(" | ".join(row) for row in rows)
    return Document(name=name, kind="csv", sections=(Section(body, "표 1"),), unit="개 표", tables=(table,),
                    notices=("truncated",) if truncated else ())


def _clip_row(row: tuple[str, ...], limits: ExtractLimits) -> tuple[str, ...]:
    kept: list[str] = []
    chars = 0
    for cell in row[: limits.max_table_cells]:
        room = limits.max_chars - chars - 3
        if room <= 0:
            break
        kept.append(cell[:room])
        chars += len(kept[-1]) + 3
    return tuple(kept)
