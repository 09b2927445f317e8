"""The pipeline's safety stage: one guard per request, filtering what goes to a
model and what comes back.

Knows only the two facts of a model that matter here — whether data leaves the
intranet (``external``) and whether it may see raw text — never which model.
"""

from __future__ import annotations


class Blocked(Exception):
    """Input refused. ``message`` is Korean and names types, never values."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(reason)
        self.message = message
        self.reason = reason  # metadata for logs: "pii:KR_RRN", "banned_word", "classified"


class StreamFilter:
    def feed(self, delta: str) -> str:
        return delta

    def flush(self) -> str:
        return ""


class RequestGuard:
    """Holds one request's placeholder mapping; lives and dies with the request."""

    def __init__(self, *, external: bool, raw_allowed: bool) -> None:
        self.external = external
        self.raw_allowed = raw_allowed and not external

    def inbound(self, text: str, *, source: str = "message") -> str:
        """Filter text bound for a model. ``source`` is message, document, thread or prompt."""
        return text

    def outbound(self, text: str) -> str:
        f = self.stream_filter()
        return f.feed(text) + f.flush()

    def stream_filter(self) -> StreamFilter:
        return StreamFilter()

    def notes(self) -> list[str]:
        return []


class SafetyGate:
    def __init__(self, settings=None) -> None:
        self.settings = settings

    def warm(self) -> None:
        """Load heavy parts ahead of the first request (called from a background thread)."""

    def guard(self, *, external: bool, raw_allowed: bool) -> RequestGuard:
        return RequestGuard(external=external, raw_allowed=raw_allowed)
