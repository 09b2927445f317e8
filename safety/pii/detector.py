"""PiiDetector: normalise, analyse with Presidio, resolve overlaps, map offsets back."""

from __future__ import annotations

import datetime
from bisect import bisect_left
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult

from safety.pii.context import CONTEXT_DISTANCE_KEY, NO_CONTEXT
from safety.pii.engine import LANGUAGE, build_analyzer, build_recognizers
from safety.pii.normalize import normalize

# Reported types. The order doubles as the tie-break between types that claim
# the same characters with the same score: the more specific shape wins.
ENTITY_TYPES: tuple[str, ...] = (
    "KR_RRN",
    "KR_FRN",
    "KR_PASSPORT",
    "KR_DRIVER_LICENSE",
    "CREDIT_CARD",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "KR_CRN",
    "KR_BRN",
    "KR_HEALTH_INSURANCE",
    "KR_BANK_ACCOUNT",
    "IP_ADDRESS",
    "KR_VEHICLE_PLATE",
    "ADDRESS",
    "PERSON",
)
_PRIORITY = {t: i for i, t in enumerate(ENTITY_TYPES)}

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_THRESHOLD = 0.4


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: offsets are Python string indices into the original text."""

    type: str
    start: int
    end: int
    score: float


class InputTooLarge(ValueError):
    """The text is longer than the detector's ``max_chars``; nothing was analysed."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"input of {size} characters exceeds the limit of {limit}")
        self.size = size
        self.limit = limit


class PiiDetector:
    """Korean personal-data detector. Build once; ``detect`` is safe to call from many threads."""

    def __init__(
        self,
        *,
        detect_staff_names: bool = True,
        max_chars: int = DEFAULT_MAX_CHARS,
        threshold: float = DEFAULT_THRESHOLD,
        latest_birth_year: int | None = None,
    ) -> None:
        """
        :param detect_staff_names: report names marked only by a staff title or
            approval-block label (김철수 주무관, 기안자 김철수).
        :param max_chars: longer input raises ``InputTooLarge`` before any work.
        :param threshold: minimum score of a reported finding.
        :param latest_birth_year: resident numbers born later than this are not
            dates of birth; defaults to the current year at construction.
        """
        if max_chars <= 0:
            raise ValueError("max_chars must be positive")
        self.detect_staff_names = detect_staff_names
        self.max_chars = max_chars
        self.threshold = threshold
        self.latest_birth_year = latest_birth_year or datetime.date.today().year
        self._analyzer = build_analyzer(
            build_recognizers(
                detect_staff_names=detect_staff_names,
                latest_birth_year=self.latest_birth_year,
                threshold=threshold,
            ),
            threshold=threshold,
        )

    def detect(self, text: str) -> list[Finding]:
        """Findings at or above the threshold, sorted by start, never overlapping."""
        if not isinstance(text, str):
            raise TypeError("text must be str")
        if len(text) > self.max_chars:
            raise InputTooLarge(len(text), self.max_chars)
        if not text:
            return []
        norm = normalize(text)
        results = self._analyzer.analyze(norm.text, language=LANGUAGE, score_threshold=self.threshold)
        findings = []
        for result in _without_overlaps(results):
            start, end = norm.span(result.start, result.end)
            if end > start:
                findings.append(Finding(result.entity_type, start, end, round(result.score, 3)))
        findings.sort(key=lambda f: (f.start, f.end))
        return findings


def _without_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep the best claim on every character: score, then nearest context, then length, then type."""

    def rank(r: RecognizerResult):
        distance = r.recognition_metadata.get(CONTEXT_DISTANCE_KEY, NO_CONTEXT)
        return (-r.score, distance, -(r.end - r.start), _PRIORITY.get(r.entity_type, len(_PRIORITY)), r.start)

    starts: list[int] = []  # kept intervals, sorted and disjoint
    ends: list[int] = []
    kept = []
    for r in sorted(results, key=rank):
        i = bisect_left(starts, r.start)
        if i > 0 and ends[i - 1] > r.start:
            continue
        if i < len(starts) and starts[i] < r.end:
            continue
        starts.insert(i, r.start)
        ends.insert(i, r.end)
        kept.append(r)
    return kept
