"""Test fixtures made in memory: real files written by the real libraries, and hostile ones."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from functools import lru_cache

from documents.fonts import bundled_font_path

FONT = str(bundled_font_path())


# --- well-formed documents --------------------------------------------------------


def hwpx_bytes(pages: list[list[str]], table: list[list[str]] | None = None, *, fmt: str = "hwpx") -> bytes:
    """An HWPX (or, with fmt="hwp", HWP 5) file: one list of paragraphs per page."""
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    for number, paragraphs in enumerate(pages):
        for index, text in enumerate(paragraphs):
            paragraph = doc.add_paragraph(text)
            if number and index == 0:
                paragraph.element.set("pageBreak", "1")
        if number == 0 and table:
            grid = doc.add_table(len(table), len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    grid.set_cell_text(r, c, cell)
    return doc.to_bytes(format=fmt)


def docx_bytes(heading: str, paragraphs: list[str], table: list[list[str]] | None = None,
               bullets: list[str] | None = None) -> bytes:
    import docx

    doc = docx.Document()
    doc.add_heading(heading, level=1)
    for text in paragraphs:
        doc.add_paragraph(text)
    for text in bullets or []:
        doc.add_paragraph(text, style="List Bullet")
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pptx_bytes(slides: list[tuple[str, list[str]]], table: list[list[str]] | None = None) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    for number, (title, bullets) in enumerate(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for text in bullets[1:]:
            para = body.add_paragraph()
            para.text = text
            para.level = 1
        if number == 0 and table:
            shape = slide.shapes.add_table(len(table), len(table[0]), Inches(1), Inches(4), Inches(6), Inches(1.5))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    shape.table.cell(r, c).text = cell
        slide.notes_slide.notes_text_frame.text = f"{number + 1}번 발표 메모"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def pdf_bytes(pages: list[str], *, table: list[list[str]] | None = None, password: str | None = None,
              owner_only: bool = False) -> bytes:
    """A text PDF drawn with the bundled Korean font (fpdf2 embeds a subset)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("nanum", fname=FONT)
    pdf.add_font("nanum", style="B", fname=FONT)  # table headings ask for bold
    pdf.set_font("nanum", size=12)
    for number, text in enumerate(pages):
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
        if number == 0 and table:
            pdf.ln(4)
            with pdf.table() as grid:
                for row in table:
                    cells = grid.row()
                    for cell in row:
                        cells.cell(cell)
    if password is not None or owner_only:
        pdf.set_encryption(owner_password="owner-secret", user_password="" if owner_only else password)
    return bytes(pdf.output())


def scanned_pdf_bytes(lines: list[str]) -> bytes:
    """An image-only PDF, as a scanner makes: a text page rendered to pixels, no text layer."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf_bytes(["\n".join(lines)]))
    image = source[0].render(scale=200 / 72, grayscale=True).to_pil()
    source.close()
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200)
    return out.getvalue()


# --- hostile files ----------------------------------------------------------------


def many_pages_pdf(count: int) -> bytes:
    """A tiny PDF with ``count`` real (empty) pages: hand-written objects and xref."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for index in range(count):
        kids.append(f"{index + 3} 0 R".encode())
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count " + str(count).encode() + b" >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


@lru_cache(maxsize=2)
def _deflate_repeated(block: bytes, total: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = block * (1024 * 1024 // len(block))
    parts = [packer.compress(chunk) for _ in range(total // len(chunk))]
    parts.append(packer.flush())
    return b"".join(parts)


def zip_with_bomb(base: bytes, member: str, inflated_bytes: int, *, lie: bool = False) -> bytes:
    """``base`` (a real DOCX/HWPX) with ``member`` replaced by a deflate bomb.

    The bomb is ``inflated_bytes`` of XML-ish filler compressed ~1000:1. With ``lie``
    the central directory declares a small size, as crafted bombs do.
    """
    payload = _deflate_repeated(b"<a>" + b" " * 61, inflated_bytes)
    crc = 0  # a bomb's CRC is irrelevant: it must be refused before anyone checks it
    declared = 4096 if lie else inflated_bytes
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
    return _append_raw_member(out.getvalue(), member, payload, declared, crc)


def _append_raw_member(archive: bytes, name: str, payload: bytes, size: int, crc: int) -> bytes:
    """Add a pre-compressed member by hand, so its header can say anything."""
    eocd_at = archive.rfind(b"PK\x05\x06")
    (entries, cd_size, cd_offset) = struct.unpack_from("<HII", archive, eocd_at + 10)
    body = archive[:cd_offset]
    central = archive[cd_offset : cd_offset + cd_size]
    encoded = name.encode()
    local_at = len(body)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(payload), size, len(encoded), 0)
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(payload), size,
                        len(encoded), 0, 0, 0, 0, 0, local_at)
    body += local + encoded + payload
    new_central = central + entry + encoded
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(new_central), len(body), 0)
    return body + new_central + eocd


def replace_member(base: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == member else source.read(info))
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def with_hwp_flags(hwp: bytes, flags: int) -> bytes:
    """Set FileHeader property bits in an HWP 5 file (bit 1 password, bit 2 배포용)."""
    at = hwp.find(b"HWP Document File")
    assert at >= 0
    (current,) = struct.unpack_from("<I", hwp, at + 36)
    patched = bytearray(hwp)
    struct.pack_into("<I", patched, at + 36, current | flags)
    return bytes(patched)


def hwp_with_bomb(hwp: bytes, inflated_bytes: int) -> bytes:
    """An HWP 5 file whose BodyText/Section0 is a raw-deflate bomb (OLE rebuilt by python-hwpx)."""
    import olefile
    from hwpx.hwp5.cfb import build_compound_file

    ole = olefile.OleFileIO(hwp)
    streams = []
    for path in ole.listdir(streams=True, storages=False):
        name = "/".join(path)
        data = ole.openstream(name).read()
        if name == "BodyText/Section0":
            data = _deflate_repeated(b"\x43\x00\x00\x00" + b"\x00" * 60, inflated_bytes)
        streams.append((name, data))
    ole.close()
    return build_compound_file(streams)


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A compound (OLE) file with the given streams, e.g. a password-protected DOCX's shape."""
    from hwpx.hwp5.cfb import build_compound_file

    return build_compound_file(list(streams.items()))
