"""The result type of a search."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BannedHit:
    term: str  # the list entry as the admin wrote it
    start: int  # Python string indices into the original text
    end: int
