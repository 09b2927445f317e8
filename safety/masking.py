"""Typed Korean placeholders for one request, and putting the values back.

The mapping lives only in this object: create one ``Masker`` per request and
drop it with the request. Nothing is written anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol

from bot.messages import ENTITY_LABEL_FALLBACK, ENTITY_LABELS
from safety.pii.normalize import normalize

_PLACEHOLDER = re.compile(r"<([가-힣A-Za-z]+)_([0-9]{1,6})>")
# A tail that may still grow into a placeholder: "<", "<전화", "<전화번호_1".
_PARTIAL = re.compile(r"<(?:[가-힣A-Za-z]+(?:_[0-9]{0,6})?)?")

# Types whose value is its digits: "010-1234-5678" and "01012345678" are one value.
_DIGIT_TYPES = frozenset({
    "KR_RRN", "KR_FRN", "KR_DRIVER_LICENSE", "KR_BRN", "KR_CRN", "KR_HEALTH_INSURANCE",
    "KR_BANK_ACCOUNT", "PHONE_NUMBER", "CREDIT_CARD",
})
_SPACES = re.compile(r"\s+")


class Span(Protocol):
    type: str
    start: int
    end: int


def _canonical(entity_type: str, value: str) -> str:
    text = normalize(value).text
    if entity_type in _DIGIT_TYPES:
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits:
            return digits
    return _SPACES.sub(" ", text).strip().casefold()


class Masker:
    """Replaces findings with placeholders such as ``<전화번호_1>``; the same value
    gets the same placeholder for the life of the object."""

    def __init__(self, labels: Mapping[str, str] | None = None) -> None:
        self._labels = dict(ENTITY_LABELS if labels is None else labels)
        self._placeholder_by_key: dict[tuple[str, str], str] = {}
        self._value_by_placeholder: dict[str, str] = {}
        self._next_number: dict[str, int] = {}
        self.counts: dict[str, int] = {}  # masked occurrences per entity type

    def _placeholder(self, entity_type: str, value: str, text: str) -> str:
        key = (entity_type, _canonical(entity_type, value))
        existing = self._placeholder_by_key.get(key)
        if existing is not None:
            return existing
        label = self._labels.get(entity_type, ENTITY_LABEL_FALLBACK)
        number = self._next_number.get(label, 0)
        while True:
            number += 1
            placeholder = f"<{label}_{number}>"
            # Skip numbers the text already contains literally, so restore()
            # cannot turn the user's own text into a value.
            if placeholder not in text and placeholder not in self._value_by_placeholder:
                break
        self._next_number[label] = number
        self._placeholder_by_key[key] = placeholder
        self._value_by_placeholder[placeholder] = value
        return placeholder

    def mask(self, text: str, findings: Iterable[Span]) -> str:
        """Text with every finding replaced. Overlapping findings merge into one
        placeholder of the earliest finding's type, so no character leaks."""
        spans: list[list] = []
        for f in sorted(findings, key=lambda f: (f.start, -f.end)):
            if not 0 <= f.start < f.end <= len(text):
                raise ValueError(f"finding span {f.start}:{f.end} outside text of length {len(text)}")
            if spans and f.start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], f.end)
                continue
            spans.append([f.start, f.end, f.type])
        out = []
        pos = 0
        for start, end, entity_type in spans:
            out.append(text[pos:start])
            out.append(self._placeholder(entity_type, text[start:end], text))
            self.counts[entity_type] = self.counts.get(entity_type, 0) + 1
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def restore(self, text: str) -> str:
        """Put original values back for placeholders this Masker issued."""
        if not self._value_by_placeholder or "<" not in text:
            return text
        return _PLACEHOLDER.sub(lambda m: self._value_by_placeholder.get(m.group(0), m.group(0)), text)

    def stream_restorer(self) -> "StreamRestorer":
        return StreamRestorer(self)

    @property
    def max_placeholder_length(self) -> int:
        return max((len(p) for p in self._value_by_placeholder), default=0)


class StreamRestorer:
    """Restores placeholders in streamed text without ever emitting half of one."""

    def __init__(self, masker: Masker) -> None:
        self._masker = masker
        self._buffer = ""

    def _safe_length(self) -> int:
        i = self._buffer.rfind("<")
        if i < 0:
            return len(self._buffer)
        tail = self._buffer[i:]
        limit = self._masker.max_placeholder_length
        if len(tail) < limit and _PARTIAL.fullmatch(tail):
            return i
        return len(self._buffer)

    def feed(self, delta: str) -> str:
        self._buffer += delta
        cut = self._safe_length()
        ready, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return self._masker.restore(ready)

    def flush(self) -> str:
        rest, self._buffer = self._buffer, ""
        return self._masker.restore(rest)
