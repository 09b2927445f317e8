"""First look at an upload: which container its bytes are, whatever its name says.

Only magic bytes are read here, so this is safe in the bot's own process. What is
inside a ZIP or OLE container is decided later, inside the worker.
"""

from __future__ import annotations

from documents.errors import DocumentError

PDF = "pdf"
ZIP = "zip"
OLE = "ole"
TEXT = "text"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # the second is an empty archive
HWP3_MAGIC = b"HWP Document File V3"

TEXT_KINDS = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md", "csv": "csv", "tsv": "csv"}
# Names whose extension promises a binary format: text content under such a name
# is a mislabelled or broken file, not something to read as text.
BINARY_EXTENSIONS = {
    "pdf": "PDF",
    "hwp": "HWP",
    "hwpx": "HWPX",
    "docx": "DOCX",
    "xlsx": "XLSX",
    "pptx": "PPTX",
    "doc": "DOC",
    "xls": "XLS",
    "ppt": "PPT",
    "hwt": "HWP",
}
# Formats we recognise but do not read; each has its own advice for the user.
OTHER_MAGICS = (
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def container(data: bytes, name: str) -> str:
    """Return PDF, ZIP, OLE, or a text kind ("txt", "md", "csv"); raise for the rest."""
    if not data:
        raise DocumentError("empty", name)
    head = data[:1024]
    # Some generators put junk before the header; PDF readers accept it within 1 KB.
    if head.startswith(b"%PDF") or b"%PDF-" in head:
        return PDF
    if head.startswith(ZIP_MAGICS):
        return ZIP
    if head.startswith(OLE_MAGIC):
        return OLE
    if head.startswith(HWP3_MAGIC):
        raise DocumentError("hwp3", name)
    for magic, kind in OTHER_MAGICS:
        if head.startswith(magic):
            raise DocumentError("image" if kind == "image" else "unsupported", name)
    return text_kind(data, name)


def text_kind(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_what_it_says(name) or DocumentError("unsupported", name)
    ext = extension(name)
    if ext in TEXT_KINDS:
        return TEXT_KINDS[ext]
    mislabelled = _not_what_it_says(name)
    if mislabelled is not None:
        raise mislabelled
    if not ext or ext in {"log", "json", "xml"}:
        return "txt"
    raise DocumentError("unsupported", name)


def _not_what_it_says(name: str) -> DocumentError | None:
    expected = BINARY_EXTENSIONS.get(extension(name))
    if expected is None:
        return None
    return DocumentError("mismatch", name, expected=expected)
