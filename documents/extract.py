"""Turn an uploaded file's bytes into a Document, choosing the reader by content."""

from __future__ import annotations

from documents.errors import DocumentError
from documents.model import Document
from documents.textfile import read_text

TEXT_KINDS = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md", "csv": "csv"}


def detect_kind(data: bytes, name: str) -> str | None:
    """Content decides; the extension only separates text formats from each other."""
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return None  # binary office formats: readers arrive with the documents work
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TEXT_KINDS.get(ext, "txt" if not ext else None)


def extract_sync(name: str, data: bytes, max_bytes: int) -> Document:
    if not data:
        raise DocumentError("empty", name)
    if len(data) > max_bytes:
        raise DocumentError("too_large", name, limit=f"{max_bytes // 1_000_000}MB")
    kind = detect_kind(data, name)
    if kind is None:
        raise DocumentError("unsupported", name)
    return read_text(data, name, kind)


async def extract_document(name: str, data: bytes, *, max_bytes: int) -> Document:
    return extract_sync(name, data, max_bytes)
