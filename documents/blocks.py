"""From a reader's stream of blocks (paragraphs, table rows) to citable sections.

Readers that know page boundaries (PDF, HWP/HWPX line layout, Word's rendered page
breaks) emit one section per page, labelled "N쪽". The others group paragraphs into
sections of about SECTION_CHARS, starting a new one at a heading, labelled "N절".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from documents.model import Section, Table

SECTION_CHARS = 2000
MAX_INDENT = 8
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """NFC, control characters out, runs of spaces folded, at most one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_fold(line) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _fold(line: str) -> str:
    # Leading spaces are structure in Korean documents ("  가.", "    1)"): keep
    # up to MAX_INDENT of them, fold every other run to one space.
    body = line.lstrip(" \t\u00a0\u3000")
    indent = min(len(line) - len(body), MAX_INDENT)
    body = _SPACES.sub(" ", body).rstrip()
    return " " * indent + body if body else ""


def clean_cell(text: str) -> str:
    return _SPACES.sub(" ", clean(text).replace("\n", " ")).strip()


def table_text(rows: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> str:
    """Rows as ``a | b | c`` lines: cheap for a model to read, cells stay in order."""
    return "\n".join(" | ".join(row) for row in rows if any(row))


@dataclass
class Collector:
    """Accumulates blocks and tables while a reader walks a document.

    ``max_chars`` bounds the text kept; the reader checks ``full`` to stop early.
    """

    max_chars: int
    blocks: list[tuple[str, int, bool]] = field(default_factory=list)  # text, page, heading
    tables: list[Table] = field(default_factory=list)
    chars: int = 0
    truncated: bool = False

    @property
    def full(self) -> bool:
        return self.truncated

    def add(self, text: str, page: int = 0, *, heading: bool = False) -> None:
        text = clean(text)
        if not text or self.truncated:
            return
        if self.chars + len(text) > self.max_chars:
            text = text[: max(0, self.max_chars - self.chars)]
            self.truncated = True
        self.chars += len(text)
        if text:
            self.blocks.append((text, page, heading))

    def add_table(self, name: str, rows: list[tuple[str, ...]], page: int = 0, *, as_text: bool = True) -> None:
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        # One-cell and one-row "tables" are layout boxes in HWP documents, not data.
        if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
            self.tables.append(Table(name=name, rows=tuple(rows), has_header=True))
        if as_text:
            self.add(table_text(rows), page)

    def sections(self, *, paged: bool) -> tuple[Section, ...]:
        if paged:
            return by_page(self.blocks)
        return by_size(self.blocks)


def by_page(blocks: list[tuple[str, int, bool]]) -> tuple[Section, ...]:
    pages: dict[int, list[str]] = {}
    for text, page, _ in blocks:
        pages.setdefault(page, []).append(text)
    return tuple(Section("\n".join(texts), f"{page}쪽") for page, texts in sorted(pages.items()))


def by_size(blocks: list[tuple[str, int, bool]], size: int = SECTION_CHARS) -> tuple[Section, ...]:
    sections: list[Section] = []
    buf: list[str] = []
    length = 0

    def flush() -> None:
        nonlocal buf, length
        if buf:
            sections.append(Section("\n".join(buf), f"{len(sections) + 1}절"))
        buf, length = [], 0

    for text, _, heading in blocks:
        if buf and (heading or length + len(text) > size):
            flush()
        buf.append(text)
        length += len(text)
    flush()
    return tuple(sections)
