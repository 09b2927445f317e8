"""The whole reading pipeline, run inside the worker process: vet, then parse.

Content decides the reader: magic bytes pick PDF / ZIP / OLE / text, then the ZIP's
own type declarations or the OLE's streams pick the format. Every container is vetted
(``zipguard``, ``olecheck``) before a third-party parser sees a byte of it.
"""

from __future__ import annotations

from documents import sniff
from documents.errors import DocumentError
from documents.limits import ExtractLimits
from documents.model import Document


def extract_in_process(name: str, data: bytes, max_bytes: int, limits: ExtractLimits) -> Document:
    """Read one upload in this process. Untrusted input belongs in the worker: see extract.py."""
    if not data:
        raise DocumentError("empty", name)
    if len(data) > max_bytes:
        raise DocumentError("too_large", name, limit=f"{max_bytes // 1_000_000}MB")
    container = sniff.container(data, name)
    if container == sniff.PDF:
        from documents.pdf_reader import read_pdf

        return read_pdf(data, name, limits)
    if container == sniff.ZIP:
        return _read_zip(data, name, limits)
    if container == sniff.OLE:
        return _read_ole(data, name, limits)
    from documents.textfile import read_text

    return read_text(data, name, container, limits)


def _read_zip(data: bytes, name: str, limits: ExtractLimits) -> Document:
    from documents.zipguard import open_checked_zip, zip_kind

    with open_checked_zip(data, name, limits) as archive:
        kind = zip_kind(archive, name)
    if kind == "hwpx":
        from documents.hwp_reader import read_hwp_family

        return read_hwp_family(data, name, "hwpx", limits)
    if kind == "docx":
        from documents.docx_reader import read_docx

        return read_docx(data, name, limits)
    if kind == "xlsx":
        from documents.xlsx_reader import read_xlsx

        return read_xlsx(data, name, limits)
    from documents.pptx_reader import read_pptx

    return read_pptx(data, name, limits)


def _read_ole(data: bytes, name: str, limits: ExtractLimits) -> Document:
    from documents.olecheck import check_hwp, ole_kind, open_ole

    ole = open_ole(data, name)
    try:
        ole_kind(ole, name)
        check_hwp(ole, name, limits)
    finally:
        ole.close()
    from documents.hwp_reader import read_hwp_family

    return read_hwp_family(data, name, "hwp", limits)
