"""Vet an OLE compound file: HWP 5, or an Office file we cannot or must not read.

HWP 5 keeps its FileHeader flags in the clear: bit 1 means a password, bit 2 a
배포용 (distribution) document whose body is AES-encrypted. Every other stream may
be raw deflate, so each is inflated here with a cap before python-hwpx sees the file;
python-hwpx bounds its section streams but not all the others (scripts, history).
"""

from __future__ import annotations

import struct
import zlib

import olefile

from documents.errors import DocumentError
from documents.limits import ExtractLimits

HWP_SIGNATURE = b"HWP Document File"
FLAG_COMPRESSED = 0x1
FLAG_PASSWORD = 0x2
FLAG_DISTRIBUTION = 0x4
FLAG_DRM = 0x10
BLOCK = 64 * 1024
UNCOMPRESSED_STREAMS = {"FileHeader", "\x05HwpSummaryInformation", "PrvImage", "PrvText"}
LEGACY_OFFICE_STREAMS = ("WordDocument", "Workbook", "Book", "PowerPoint Document")


def open_ole(data: bytes, name: str) -> olefile.OleFileIO:
    try:
        return olefile.OleFileIO(data)
    except Exception:  # olefile raises a zoo of types on damaged input
        raise DocumentError("broken", name) from None


def ole_kind(ole: olefile.OleFileIO, name: str) -> str:
    """Return "hwp", or raise the error that tells the user what to do instead."""
    if ole.exists("FileHeader"):
        return "hwp"
    if ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"):
        raise DocumentError("encrypted", name)  # password-protected DOCX/XLSX/PPTX
    if any(ole.exists(stream) for stream in LEGACY_OFFICE_STREAMS):
        raise DocumentError("legacy_office", name)
    raise DocumentError("unsupported", name)


def check_hwp(ole: olefile.OleFileIO, name: str, limits: ExtractLimits) -> None:
    header = _read_stream(ole, "FileHeader", name, 256)
    if not header.startswith(HWP_SIGNATURE) or len(header) < 40:
        raise DocumentError("broken", name)
    (flags,) = struct.unpack_from("<I", header, 36)
    if flags & FLAG_PASSWORD:
        raise DocumentError("hwp_password", name)
    if flags & (FLAG_DISTRIBUTION | FLAG_DRM):
        raise DocumentError("hwp_distribution", name)
    if flags & FLAG_COMPRESSED:
        _check_inflated_sizes(ole, name, limits)


def _check_inflated_sizes(ole: olefile.OleFileIO, name: str, limits: ExtractLimits) -> None:
    total = 0
    for path in ole.listdir(streams=True, storages=False):
        if path[-1] in UNCOMPRESSED_STREAMS:
            continue
        stream = "/".join(path)
        if ole.get_size(stream) > limits.hwp_max_stream_bytes:
            raise DocumentError("archive_limits", name)
        raw = _read_stream(ole, stream, name, limits.hwp_max_stream_bytes)
        total += _inflated_size(raw, limits.hwp_max_stream_bytes, name)
        if total > limits.hwp_max_total_bytes:
            raise DocumentError("archive_limits", name)


def _inflated_size(raw: bytes, cap: int, name: str) -> int:
    """How much a raw-deflate stream inflates to; streams that are not deflate count as stored."""
    inflater = zlib.decompressobj(-15)
    produced = 0
    view = memoryview(raw)
    try:
        for offset in range(0, len(view), BLOCK):
            pending: bytes | memoryview = view[offset : offset + BLOCK]
            while pending:
                produced += len(inflater.decompress(pending, BLOCK))
                pending = inflater.unconsumed_tail
                if produced > cap:
                    raise DocumentError("archive_limits", name)
                if inflater.eof:
                    return produced
    except zlib.error:
        return len(raw)
    return produced


def _read_stream(ole: olefile.OleFileIO, stream: str, name: str, cap: int) -> bytes:
    try:
        with ole.openstream(stream) as handle:
            return handle.read(cap)
    except Exception:
        raise DocumentError("broken", name) from None
