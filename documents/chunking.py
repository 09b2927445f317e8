"""Cut a long Document into chunks that each fit a model's token budget.

Structure first: whole sections (pages, sheets, slides) are packed together while
they fit; a section too big for one chunk is split at paragraphs, then sentences
(documents/sentences.py), and only a sentence longer than a chunk is cut mid-way.
Each chunk starts its sections with a ``[3쪽]`` marker, so the model can cite the
place, and knows which sections it covers, so the bot can say "12쪽 중 6쪽".

``count_tokens`` is called about once per section and once per chunk, not per
candidate join: counts of pieces are summed, then each chunk is checked exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from documents.model import Document
from documents.sentences import split_sentences

MARKER = "[{label}]"


@dataclass(frozen=True)
class Chunk:
    index: int
    text: str
    labels: tuple[str, ...]  # labels of the sections this chunk covers, in order
    first_section: int  # index into Document.sections
    last_section: int
    tokens: int

    @property
    def label(self) -> str:
        return self.labels[0] if len(self.labels) == 1 else f"{self.labels[0]}~{self.labels[-1]}"


@dataclass
class _Piece:
    section: int
    text: str
    tokens: int


def chunk_document(
    doc: Document,
    max_tokens: int,
    count_tokens: Callable[[str], int],
    *,
    mark_labels: bool = True,
) -> list[Chunk]:
    if max_tokens < 16:
        raise ValueError("max_tokens must leave room for a section marker and some text")
    marker_cost = max((count_tokens(MARKER.format(label=s.label) + "\n") for s in doc.sections), default=0)
    if not mark_labels:
        marker_cost = 0
    # Room for one piece: the chunk's marker and a little slack for join effects.
    piece_budget = max(8, max_tokens - marker_cost - 2)
    pieces: list[_Piece] = []
    for number, section in enumerate(doc.sections):
        pieces.extend(_split_section(number, section.text, piece_budget, count_tokens))
    return _pack(doc, pieces, max_tokens, count_tokens, marker_cost if mark_labels else None)


def progress_text(doc: Document, chunk: Chunk) -> str:
    """"12쪽 중 6쪽": how far through the document the bot is after this chunk."""
    from bot.messages import DOCUMENT_PROGRESS

    return DOCUMENT_PROGRESS.format(total=len(doc.sections), done=chunk.last_section + 1, unit=doc.unit)


def _split_section(number: int, text: str, budget: int, count: Callable[[str], int]) -> list[_Piece]:
    if not text.strip():
        return []
    tokens = count(text)
    if tokens <= budget:
        return [_Piece(number, text, tokens)]
    # Group lines by an estimate from this section's own tokens-per-character, then
    # count each group once: a 5,000-row sheet costs a few dozen counts, not 5,000.
    per_char = tokens / max(len(text), 1)
    pieces: list[_Piece] = []
    group: list[str] = []
    estimate = 0.0
    for paragraph in (p for p in text.split("\n") if p.strip()):
        cost = len(paragraph) * per_char + 1
        if group and estimate + cost > 0.9 * budget:
            pieces.extend(_count_group(number, group, budget, count))
            group, estimate = [], 0.0
        group.append(paragraph)
        estimate += cost
    if group:
        pieces.extend(_count_group(number, group, budget, count))
    return _merge_small(pieces, budget)


def _count_group(number: int, group: list[str], budget: int, count: Callable[[str], int]) -> list[_Piece]:
    joined = "\n".join(group)
    tokens = count(joined)
    if tokens <= budget:
        return [_Piece(number, joined, tokens)]
    pieces: list[_Piece] = []
    for paragraph in group:
        tokens = count(paragraph)
        if tokens <= budget:
            pieces.append(_Piece(number, paragraph, tokens))
            continue
        for sentence in split_sentences(paragraph):
            tokens = count(sentence)
            if tokens <= budget:
                pieces.append(_Piece(number, sentence, tokens))
            else:
                pieces.extend(_Piece(number, part, count(part)) for part in _hard_split(sentence, budget, count))
    return pieces


def _merge_small(pieces: list[_Piece], budget: int) -> list[_Piece]:
    """Rejoin neighbouring paragraphs/sentences so later packing sees fewer, fuller pieces."""
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last is not None and last.tokens + piece.tokens + 1 <= budget:
            merged[-1] = _Piece(last.section, last.text + "\n" + piece.text, last.tokens + piece.tokens + 1)
        else:
            merged.append(piece)
    return merged


def _hard_split(text: str, budget: int, count: Callable[[str], int]) -> list[str]:
    """Cut a sentence longer than a chunk at the longest prefix that fits (binary search)."""
    parts: list[str] = []
    while text:
        if count(text) <= budget:
            parts.append(text)
            break
        low, high = 1, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if count(text[:middle]) <= budget:
                low = middle
            else:
                high = middle - 1
        cut = low
        space = text.rfind(" ", 0, cut)
        if space > cut // 2:
            cut = space + 1  # prefer a word boundary when one is close
        parts.append(text[:cut].strip())
        text = text[cut:].lstrip()
    return [p for p in parts if p]


def _pack(
    doc: Document,
    pieces: list[_Piece],
    max_tokens: int,
    count: Callable[[str], int],
    marker_cost: int | None,
) -> list[Chunk]:
    mark_labels = marker_cost is not None
    chunks: list[Chunk] = []
    current: list[_Piece] = []
    estimate = 0

    def render(group: list[_Piece]) -> str:
        out: list[str] = []
        previous = None
        for piece in group:
            if piece.section != previous:
                if out:
                    out.append("")
                if mark_labels:
                    out.append(MARKER.format(label=doc.sections[piece.section].label))
                previous = piece.section
            out.append(piece.text)
        return "\n".join(out)

    def close(group: list[_Piece]) -> list[_Piece]:
        """Emit a chunk from the longest head of ``group`` that truly fits; return the rest."""
        rest: list[_Piece] = []
        while True:
            text = render(group)
            tokens = count(text)
            if tokens <= max_tokens or len(group) == 1:
                break
            rest.insert(0, group.pop())
        sections = sorted({p.section for p in group})
        chunks.append(
            Chunk(
                index=len(chunks),
                text=text,
                labels=tuple(doc.sections[s].label for s in sections),
                first_section=sections[0],
                last_section=sections[-1],
                tokens=tokens,
            )
        )
        return rest

    def cost(group: list[_Piece], piece: _Piece) -> int:
        # A piece opening a section in the chunk brings its marker and a blank line.
        opens = not group or group[-1].section != piece.section
        return piece.tokens + (2 + (marker_cost or 0) if opens else 1)

    for piece in pieces:
        if current and estimate + cost(current, piece) > max_tokens:
            current = close(current)
            estimate = 0
            for index, kept in enumerate(current):
                estimate += cost(current[:index], kept)
        estimate += cost(current, piece)
        current.append(piece)
    while current:
        current = close(current)
    return chunks
