"""Korean context scoring for Presidio results.

The no_op NLP engine yields no tokens, and Korean attaches particles to nouns
(주민등록번호는, 연락처로), so context is matched as a substring within a
character window on both sides of a match rather than by lemma.
"""

from __future__ import annotations

import re
from typing import Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

# Metadata key: distance in characters to the nearest context word, used to
# break ties between types that share a shape (account vs. health insurance).
CONTEXT_DISTANCE_KEY = "kr_context_distance"
NO_CONTEXT = 1 << 30
# Metadata key: set on results whose shape is unambiguous enough that negative
# context words nearby must not lower them (a separated 010 number near "예산").
# Only the recogniser's ``negative_labels`` directly labelling the value still
# count ("문서번호 010-2025-0001").
IGNORE_NEGATIVE_KEY = "kr_ignore_negative"
NEGATIVE_LABEL_GAP = 3

# Labels sit before values ("주민등록번호: ..."), sometimes on the line above;
# trailing context is shorter ("...로 연락 바랍니다").
WINDOW_BEFORE = 30
WINDOW_AFTER = 15


class ContextWords:
    """A set of context words, searched case-insensitively near a span."""

    def __init__(self, words) -> None:
        self.words = tuple(words)
        self._rx = (
            re.compile("|".join(re.escape(w) for w in sorted(set(self.words), key=len, reverse=True)), re.IGNORECASE)
            if self.words
            else None
        )

    def __bool__(self) -> bool:
        return self._rx is not None

    def distance(self, text: str, start: int, end: int) -> int:
        """Characters between [start, end) and the nearest word in the window.

        Korean labels usually precede the value, so a word after it counts double.
        """
        if self._rx is None:
            return NO_CONTEXT
        best = NO_CONTEXT
        last = None
        for last in self._rx.finditer(text, max(0, start - WINDOW_BEFORE), start):
            pass
        if last is not None:
            best = start - last.end()
        m = self._rx.search(text, end, end + WINDOW_AFTER)
        if m is not None:
            best = min(best, 2 * (m.start() - end) + 1)
        return best


_NONE = ContextWords(())


class KoreanContextEnhancer(ContextAwareEnhancer):
    """Raise scores for context words near a match, lower them for negative words.

    Recognisers expose ``context_words`` and optionally ``negative_words``
    (``ContextWords``) and ``context_boost``. Negative words count only when
    no positive word is near: "주민등록번호" next to "문서번호" is still an RRN.
    """

    def __init__(self, *, boost: float = 0.35, penalty: float = 0.45, min_score_with_context: float = 0.4) -> None:
        super().__init__(
            context_similarity_factor=boost,
            min_score_with_context_similarity=min_score_with_context,
            context_prefix_count=WINDOW_BEFORE,
            context_suffix_count=WINDOW_AFTER,
        )
        self.penalty = penalty

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: Optional[list[str]] = None,
    ) -> list[RecognizerResult]:
        by_id = {rec.id: rec for rec in recognizers}
        extra = ContextWords(context or ())
        for result in raw_results:
            rec = by_id.get(result.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            words = getattr(rec, "context_words", _NONE)
            negative = getattr(rec, "negative_words", _NONE)
            if not (words or negative or extra):
                continue
            distance = min(words.distance(text, result.start, result.end), extra.distance(text, result.start, result.end))
            result.recognition_metadata[CONTEXT_DISTANCE_KEY] = distance
            if distance != NO_CONTEXT:
                boost = getattr(rec, "context_boost", self.context_similarity_factor)
                result.score = min(
                    self.MAX_SCORE,
                    max(round(result.score + boost, 6), self.min_score_with_context_similarity),
                )
            elif (
                getattr(rec, "negative_labels", _NONE).distance(text, result.start, result.end) <= NEGATIVE_LABEL_GAP
                if result.recognition_metadata.get(IGNORE_NEGATIVE_KEY)
                else negative.distance(text, result.start, result.end) != NO_CONTEXT
            ):
                # Rounded so 0.85 - 0.45 compares equal to a 0.4 threshold, as written.
                result.score = max(self.MIN_SCORE, round(result.score - self.penalty, 6))
        return raw_results
