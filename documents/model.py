"""The in-memory shape of an extracted document, shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One addressable part of a document: a page, a section, a sheet, a slide.

    ``label`` is how a reply cites it to a person ("3쪽", "시트 '예산'").
    """

    text: str
    label: str


@dataclass(frozen=True)
class Table:
    """A sheet or CSV as rows of cell strings; the first row is the header when ``has_header``."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    has_header: bool = True


@dataclass(frozen=True)
class Document:
    name: str
    kind: str  # detected content type: "txt", "md", "csv", "pdf", "hwp", "hwpx", ...
    sections: tuple[Section, ...]
    unit: str = "절"  # counting word for sections in replies: 쪽, 절, 시트, 슬라이드
    tables: tuple[Table, ...] = field(default=())
    # Codes keying bot.messages.DOCUMENT_NOTICES ("ocr", "truncated", ...): things
    # the reply should mention because the text is not the whole, exact file.
    notices: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections if s.text)

    @property
    def size_label(self) -> str:
        return f"{len(self.sections)}{self.unit}"
