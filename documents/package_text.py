"""All the text inside an OOXML package (DOCX, PPTX, XLSX): body, headers, footers,
footnotes, comments, text boxes, notes and properties.

The readers extract what a summary needs; before a whole file is sent on (e.g. to
a document-translation service), everything in it must pass the filter, including
the parts nobody reads. Tags are stripped by pattern, never parsed, so no entity
or DTD can expand; the archive was already checked by the reader's zip guard.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

MAX_TOTAL_BYTES = 64_000_000
MAX_MEMBERS = 5_000
# Paragraph, cell and line ends in WordprocessingML / DrawingML / SpreadsheetML.
_BREAKS = re.compile(r"</(?:w:p|a:p|w:tc|w:br|a:br|si|c|row|dc:\w+|cp:\w+)>|<(?:w:br|a:br|w:tab)\b[^>]*/>")
_TAG = re.compile(r"<[^>]*>")


class PackageTooLarge(Exception):
    pass


def package_text(data: bytes) -> str:
    """Text of every XML member, paragraphs on their own lines. Raises PackageTooLarge
    or zipfile.BadZipFile; callers treat either as "not safe to send whole"."""
    parts: list[str] = []
    budget = MAX_TOTAL_BYTES
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if m.filename.endswith(".xml")]
        if len(members) > MAX_MEMBERS:
            raise PackageTooLarge(len(members))
        for member in members:
            if member.file_size > budget:
                raise PackageTooLarge(member.filename)
            with archive.open(member) as fh:
                raw = fh.read(budget + 1)
            budget -= len(raw)
            if budget < 0:
                raise PackageTooLarge(member.filename)
            xml = raw.decode("utf-8", "replace")
            text = _TAG.sub("", _BREAKS.sub("\n", xml))
            text = html.unescape(text).strip()
            if text:
                parts.append(text)
    return "\n".join(parts)
