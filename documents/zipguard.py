"""Vet a ZIP container (HWPX, DOCX, XLSX, PPTX) before any parser opens it.

Three passes, cheapest first:
1. the end-of-central-directory record alone: member count, before ``zipfile`` builds
   one object per member (a million tiny members would cost memory just to list);
2. the central directory: sizes, ratios, compression methods, encryption, paths;
3. every member streamed in 64 KiB blocks with a cap, because headers can lie. After
   this pass the declared sizes are the real ones, so the parsers that call
   ``ZipFile.read()`` (which inflates a member in one go) stay within them. XML
   members also get their prolog checked for DTDs: no OOXML or OWPML part has one,
   and a DTD is how entity-expansion and external-entity attacks start.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import PurePosixPath

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from documents.errors import DocumentError
from documents.limits import ExtractLimits

EOCD = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_EOCD = b"PK\x06\x06"
BLOCK = 64 * 1024
PROLOG_BYTES = 64 * 1024
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
XML_SUFFIXES = (".xml", ".rels", ".hpf", ".rdf")

CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "pptx",
}


def open_checked_zip(data: bytes, name: str, limits: ExtractLimits) -> zipfile.ZipFile:
    _check_member_count(data, name, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DocumentError("broken", name) from None
    _check_headers(archive, name, limits)
    _check_members(archive, data, name, limits)
    return archive


def zip_kind(archive: zipfile.ZipFile, name: str) -> str:
    """hwpx, docx, xlsx or pptx, from the package's own type declarations."""
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.open("mimetype").read(256).strip()
        if mimetype in (b"application/hwp+zip", b"application/haansofthwp+zip"):
            if _hwpx_encrypted(archive, names):
                raise DocumentError("encrypted", name)
            return "hwpx"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise DocumentError("odf", name)
    if "Contents/section0.xml" in names and "Contents/header.xml" in names:
        return "hwpx"  # some generators omit or misspell the mimetype member
    if "[Content_Types].xml" in names:
        root = _parse_small_xml(archive, "[Content_Types].xml", name)
        for element in root.iter():
            kind = CONTENT_TYPES.get(element.get("ContentType", ""))
            if kind is not None:
                return kind
    raise DocumentError("unsupported", name)


def _check_member_count(data: bytes, name: str, limits: ExtractLimits) -> None:
    tail_start = max(0, len(data) - (65535 + 22))
    at = data.rfind(EOCD, tail_start)
    if at < 0 or at + 22 > len(data):
        raise DocumentError("broken", name)
    (entries,) = struct.unpack_from("<H", data, at + 10)
    if entries == 0xFFFF:
        entries = _zip64_entries(data, at)
    if entries > limits.zip_max_members:
        raise DocumentError("archive_limits", name)


def _zip64_entries(data: bytes, eocd_at: int) -> int:
    locator = eocd_at - 20
    if locator < 0 or data[locator : locator + 4] != ZIP64_LOCATOR:
        return 0xFFFF
    (record_at,) = struct.unpack_from("<Q", data, locator + 8)
    if record_at + 56 > len(data) or data[record_at : record_at + 4] != ZIP64_EOCD:
        return 0xFFFF
    (entries,) = struct.unpack_from("<Q", data, record_at + 32)
    return entries


def _check_headers(archive: zipfile.ZipFile, name: str, limits: ExtractLimits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.zip_max_members:
        raise DocumentError("archive_limits", name)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentError("encrypted", name)
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise DocumentError("archive_limits", name)
        if info.compress_type not in ALLOWED_METHODS:
            # CPython inflates bzip2/lzma members without an output bound.
            raise DocumentError("archive_limits", name)
        if info.file_size > limits.zip_max_member_bytes:
            raise DocumentError("archive_limits", name)
        total += info.file_size
        if total > limits.zip_max_total_bytes:
            raise DocumentError("archive_limits", name)
        if info.file_size > limits.zip_ratio_min_bytes:
            if info.file_size / max(info.compress_size, 1) > limits.zip_max_ratio:
                raise DocumentError("archive_limits", name)


def _check_members(archive: zipfile.ZipFile, data: bytes, name: str, limits: ExtractLimits) -> None:
    total = 0
    for info in archive.infolist():
        if info.is_dir() and info.file_size == 0 and info.compress_size == 0:
            continue
        is_xml = info.filename.lower().endswith(XML_SUFFIXES)
        try:
            raw = _raw_member(data, info)
            produced, crc, prolog = _inflate_counting(raw, info, limits, want_prolog=is_xml)
        except _TooBig:
            raise DocumentError("archive_limits", name) from None
        except (zlib.error, ValueError, struct.error):
            raise DocumentError("broken", name) from None
        if produced != info.file_size:
            # More than declared is a bomb hiding behind its header; less is damage.
            raise DocumentError("archive_limits" if produced > info.file_size else "broken", name)
        if crc != info.CRC:
            raise DocumentError("broken", name)
        total += produced
        if total > limits.zip_max_total_bytes:
            raise DocumentError("archive_limits", name)
        if is_xml and _has_dtd(prolog):
            raise DocumentError("xml_entities", name)


class _TooBig(Exception):
    pass


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's stored bytes, located through its local header."""
    at = info.header_offset
    if data[at : at + 4] != b"PK\x03\x04":
        raise ValueError("no local header")
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    end = start + info.compress_size
    if end > len(data):
        raise ValueError("member runs past the end of the file")
    return memoryview(data)[start:end]


def _inflate_counting(
    raw: memoryview, info: zipfile.ZipInfo, limits: ExtractLimits, *, want_prolog: bool
) -> tuple[int, int, bytes]:
    """Inflate in bounded steps, counting output; stop just past the declared size."""
    # Declared size plus one block proves a lie without inflating the whole bomb.
    cap = min(limits.zip_max_member_bytes, info.file_size) + BLOCK
    if info.compress_type == zipfile.ZIP_STORED:
        prolog = bytes(raw[:PROLOG_BYTES]) if want_prolog else b""
        return len(raw), zlib.crc32(raw), prolog
    inflater = zlib.decompressobj(-15)
    produced = 0
    crc = 0
    prolog = b""
    for offset in range(0, len(raw), BLOCK):
        pending: bytes | memoryview = raw[offset : offset + BLOCK]
        while pending:
            out = inflater.decompress(pending, BLOCK)
            pending = inflater.unconsumed_tail
            if want_prolog and len(prolog) < PROLOG_BYTES:
                prolog += out[: PROLOG_BYTES - len(prolog)]
            crc = zlib.crc32(out, crc)
            produced += len(out)
            if produced > cap:
                raise _TooBig
            if inflater.eof:
                break
        if inflater.eof:
            break
    out = inflater.flush()
    produced += len(out)
    crc = zlib.crc32(out, crc)
    if produced > cap:
        raise _TooBig
    return produced, crc, prolog


def _has_dtd(prolog: bytes) -> bool:
    head = prolog.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    # A DTD can only sit before the root element; compare case-insensitively.
    upper = head.upper()
    root_at = _first_element(head)
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        at = upper.find(marker)
        if at >= 0 and (root_at < 0 or at < root_at):
            return True
    return False


def _first_element(text: bytes) -> int:
    at = 0
    while True:
        at = text.find(b"<", at)
        if at < 0 or at + 1 >= len(text):
            return -1
        if text[at + 1 : at + 2] not in (b"?", b"!"):
            return at
        at += 1


def _parse_small_xml(archive: zipfile.ZipFile, member: str, name: str):  # type: ignore[no-untyped-def]
    raw = archive.open(member).read(1024 * 1024 + 1)
    if len(raw) > 1024 * 1024:
        raise DocumentError("archive_limits", name)
    try:
        return SafeET.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        raise DocumentError("xml_entities", name) from None
    except SafeET.ParseError:
        raise DocumentError("broken", name) from None


def _hwpx_encrypted(archive: zipfile.ZipFile, names: set[str]) -> bool:
    manifest = "META-INF/manifest.xml"
    if manifest not in names:
        return False
    raw = archive.open(manifest).read(1024 * 1024)
    return b"encryption-data" in raw or b"encryptionData" in raw
