"""The pipeline's safety stage: one guard per request, filtering what goes to a
model and what comes back.

Knows only the two facts of a model that matter here — whether data leaves the
intranet (``external``) and whether it may see raw text — never which model.
Fails closed: if a filter cannot decide, the request is refused.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from collections.abc import Mapping

from bot import messages as M

log = logging.getLogger("dasan.safety")

# Where a text comes from decides what a hit does: the user's own words and
# files are refused; earlier thread messages (other people's words) are masked
# or redacted instead, so a follow-up still works without leaking them.
USER_SOURCES = frozenset({"message", "document", "prompt"})
# Above this size the filter runs in a worker thread, so one long document does
# not stall every other conversation on the event loop (~1 ms per 1,000 chars).
OFFLOAD_CHARS = 20_000


class Blocked(Exception):
    """Input refused. ``message`` is Korean and names types, never values."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(reason)
        self.message = message
        self.reason = reason  # metadata for logs: "pii:KR_RRN", "banned_word", "classified"


class _Chain:
    """Output filter: restore placeholders for the asker, then redact banned words."""

    def __init__(self, restorer, redactor) -> None:
        self._restorer = restorer
        self._redactor = redactor

    def feed(self, delta: str) -> str:
        restored = self._restorer.feed(delta)
        return self._redactor.feed(restored) if restored else ""

    def flush(self) -> str:
        return self._redactor.feed(self._restorer.flush()) + self._redactor.flush()


class RequestGuard:
    """Holds one request's placeholder mapping; lives and dies with the request."""

    def __init__(self, gate: SafetyGate, *, external: bool, raw_allowed: bool) -> None:
        from safety.masking import Masker

        self._gate = gate
        self.external = external
        self.raw_allowed = raw_allowed and not external
        self._masker = Masker(M.ENTITY_LABELS)
        self._banned = gate.banned()  # one list snapshot per request, even if the file changes meanwhile
        self._produced: set[int] = set()  # hashes of texts this guard already returned
        self._banned_redacted = 0
        self._thread_pii = Counter()

    def inbound(self, text: str, *, source: str = "message") -> str:
        """Filter text bound for a model. ``source``: message, document, thread or prompt."""
        if not text or hash(text) in self._produced:
            return text
        try:
            result = self._filter(text, source)
        except Blocked:
            raise
        except Exception as exc:
            from safety.pii import InputTooLarge

            if isinstance(exc, InputTooLarge):
                log.warning("safety refused oversize input chars=%d", len(text))
                raise Blocked(M.ERR_FILTER_TOO_LARGE.format(limit=self._gate.max_chars), "oversize") from None
            log.error("safety filter failed: %s", type(exc).__name__)
            raise Blocked(M.ERR_FILTER_FAILED, f"filter_error:{type(exc).__name__}") from None
        self._produced.add(hash(result))
        return result

    async def ainbound(self, text: str, *, source: str = "message") -> str:
        """``inbound`` for async callers: long texts are filtered off the event loop."""
        if len(text) < OFFLOAD_CHARS:
            return self.inbound(text, source=source)
        return await asyncio.to_thread(self.inbound, text, source=source)

    def is_clean(self, text: str, *, source: str = "document") -> bool:
        """Whether ``text`` would pass unchanged (nothing to mask, redact or refuse),
        without counting anything in this request's notes."""
        probe = RequestGuard(self._gate, external=self.external, raw_allowed=self.raw_allowed)
        try:
            return probe.inbound(text, source=source) == text
        except Blocked:
            return False

    def _filter(self, text: str, source: str) -> str:
        from safety.classification import find_classification_marks
        from safety.policy import decide

        gate = self._gate
        if len(text) > gate.max_chars:
            raise Blocked(M.ERR_FILTER_TOO_LARGE.format(limit=gate.max_chars), "oversize")
        if source in USER_SOURCES:
            # Refused on the first hit: no need to find (and sort) every one.
            if self._banned.contains(text):
                log.info("safety blocked: banned_word source=%s", source)
                raise Blocked(M.ERR_BANNED_WORD, "banned_word")
        else:
            hits = self._banned.find(text)
            if hits:
                self._banned_redacted += len(hits)
                text = self._banned.redact(text)
        if self.external and gate.block_classified and source in ("document", "message"):
            marks = find_classification_marks(text)
            if marks:
                log.info("safety blocked: classified marks=%d source=%s", len(marks), source)
                raise Blocked(M.ERR_CLASSIFIED.format(marks=", ".join(dict.fromkeys(marks))), "classified")
        if self.raw_allowed:
            return text
        findings = gate.detector().detect(text)
        if not findings:
            return text
        decision = decide(findings, external=self.external, raw_allowed=False,
                          actions=gate.actions(external=self.external, for_user_text=source in USER_SOURCES))
        if decision.blocked:
            types = ", ".join(M.ENTITY_LABELS.get(t, t) for t in decision.blocked_types)
            log.info("safety blocked: pii types=%s source=%s", ",".join(decision.blocked_types), source)
            raise Blocked(M.ERR_PII_BLOCKED.format(types=types), "pii:" + ",".join(decision.blocked_types))
        masked = self._masker.mask(text, decision.to_mask)
        log.info("safety masked: %s source=%s",
                 ",".join(f"{t}={n}" for t, n in sorted(Counter(f.type for f in decision.to_mask).items())), source)
        return masked

    def outbound(self, text: str) -> str:
        f = self.stream_filter()
        return f.feed(text) + f.flush()

    def stream_filter(self) -> _Chain:
        return _Chain(self._masker.stream_restorer(), self._banned.stream_redactor())

    def notes(self) -> list[str]:
        notes = []
        masked = sum(self._masker.counts.values())
        if masked:
            notes.append(M.NOTE_PII_MASKED.format(count=masked))
        if self._banned_redacted:
            notes.append(M.NOTE_BANNED_REDACTED.format(count=self._banned_redacted))
        return notes


class SafetyGate:
    """Long-lived: owns the personal-data engine (loaded once) and the banned-word file."""

    def __init__(self, settings=None) -> None:
        from bot.config import SafetySettings

        self.settings = settings or SafetySettings()
        self.max_chars = self.settings.max_chars
        self.block_classified = self.settings.block_classified_for_external
        self._detector = None
        self._lock = threading.Lock()
        self._banned_file = None
        if self.settings.banned_words_file:
            from safety.banned_words import BannedWordsFile

            self._banned_file = BannedWordsFile(self.settings.banned_words_file)

    def detector(self):
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    from safety.pii import PiiDetector

                    self._detector = PiiDetector(detect_staff_names=self.settings.mask_staff_names,
                                                 max_chars=self.max_chars)
        return self._detector

    def banned(self):
        if self._banned_file is not None:
            return self._banned_file.current()
        from safety.banned_words import BannedWords

        return BannedWords.empty()

    def actions(self, *, external: bool, for_user_text: bool) -> Mapping[str, str]:
        from safety.policy import DEFAULT_ACTIONS

        configured = self.settings.pii_actions
        actions = dict(DEFAULT_ACTIONS)
        if not external or not for_user_text:
            # The default blocks protect external services from the user's own
            # text; internal models and other people's thread messages get masks.
            actions = {t: ("mask" if a == "block" else a) for t, a in actions.items()}
        actions.update(configured)
        return actions

    def warm(self) -> None:
        """Load the engine ahead of the first request (called from a background thread)."""
        self.detector().detect("010-0000-0000")
        self.banned()

    def guard(self, *, external: bool, raw_allowed: bool) -> RequestGuard:
        return RequestGuard(self, external=external, raw_allowed=raw_allowed)
