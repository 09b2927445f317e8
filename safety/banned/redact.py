"""Masking spans of text."""

from __future__ import annotations


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping or touching spans joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """One ``*`` per character in each span; whitespace is kept so layout survives."""
    if not spans:
        return text
    out: list[str] = []
    done = 0
    for start, end in merge_spans(spans):
        out.append(text[done:start])
        out.append("".join(c if c.isspace() else "*" for c in text[start:end]))
        done = end
    out.append(text[done:])
    return "".join(out)
