"""Plain-text fallback for HWP 5 files python-hwpx cannot convert (olefile only).

Reads ``BodyText/Section*`` records and decodes every HWPTAG_PARA_TEXT, table-cell
and footnote paragraphs included (they are nested records in the same stream), so
no table structure, just all the words. Format: Hancom 「한글 문서 파일 형식 5.0」.
Callers have already run ``olecheck.check_hwp`` (flags, inflate caps).
"""

from __future__ import annotations

import re
import struct
import zlib

from documents.blocks import Collector
from documents.errors import DocumentError
from documents.limits import ExtractLimits
from documents.model import Document
from documents.olecheck import FLAG_COMPRESSED, open_ole

HWPTAG_PARA_TEXT = 0x10 + 51
# Control characters that occupy 8 UTF-16 units (the code, 6 units of payload, the code again).
EXTENDED_CONTROLS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}
SECTION = re.compile(r"^Section(\d+)$")


def read_hwp5_text(data: bytes, name: str, limits: ExtractLimits) -> Document:
    ole = open_ole(data, name)
    try:
        header = ole.openstream("FileHeader").read(256)
        (flags,) = struct.unpack_from("<I", header, 36)
        compressed = bool(flags & FLAG_COMPRESSED)
        sections = sorted(
            (int(m.group(1)), "/".join(path))
            for path in ole.listdir(streams=True, storages=False)
            if len(path) == 2 and path[0] == "BodyText" and (m := SECTION.match(path[1]))
        )
        collector = Collector(max_chars=limits.max_chars)
        for _, stream in sections:
            raw = ole.openstream(stream).read(limits.hwp_max_stream_bytes)
            body = _inflate(raw, limits.hwp_max_stream_bytes) if compressed else raw
            for text in paragraph_texts(body):
                collector.add(text)
                if collector.full:
                    break
    except DocumentError:
        raise
    except Exception:
        raise DocumentError("broken", name) from None
    finally:
        ole.close()
    result = collector.sections(paged=False)
    if not result:
        raise DocumentError("no_text", name)
    return Document(name=name, kind="hwp", sections=result, unit="절",
                    notices=("truncated",) if collector.truncated else ())


def _inflate(raw: bytes, cap: int) -> bytes:
    inflater = zlib.decompressobj(-15)
    out = inflater.decompress(raw, cap + 1)
    if len(out) > cap or inflater.unconsumed_tail:
        raise DocumentError("archive_limits", "")
    return out


def paragraph_texts(body: bytes):  # type: ignore[no-untyped-def]
    at = 0
    end = len(body)
    while at + 4 <= end:
        (header,) = struct.unpack_from("<I", body, at)
        at += 4
        tag = header & 0x3FF
        size = header >> 20
        if size == 0xFFF:
            if at + 4 > end:
                return
            (size,) = struct.unpack_from("<I", body, at)
            at += 4
        if tag == HWPTAG_PARA_TEXT:
            yield decode_para_text(body[at : at + size])
        at += size


def decode_para_text(payload: bytes) -> str:
    units = struct.unpack(f"<{len(payload) // 2}H", payload[: len(payload) // 2 * 2])
    out: list[str] = []
    i = 0
    while i < len(units):
        code = units[i]
        if code >= 32:
            out.append(chr(code))
            i += 1
        elif code in EXTENDED_CONTROLS:
            if code == 9:
                out.append("\t")
            i += 8
        else:
            if code in (10, 13):
                out.append("\n")
            elif code in (24, 30, 31):
                out.append(" " if code != 24 else "-")
            i += 1
    # Surrogate pairs arrive as two units; join them back into one character.
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")
