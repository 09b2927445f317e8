"""Base class for the Korean pattern recognisers.

Presidio's ``PatternRecognizer`` can only keep, drop or max out a score after
validation. Korean identifiers need graded scores (a post-2020 RRN that fails
its checksum is still an RRN), so subclasses score each match themselves.
Context words are applied afterwards by ``KoreanContextEnhancer``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

import regex

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from safety.pii.context import IGNORE_NEGATIVE_KEY, NO_CONTEXT, ContextWords

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

Span = tuple[int, int]
# Patterns are compiled with ``re`` or ``regex`` (see compile_pattern).
Match = re.Match | regex.Match

# Separator between digit groups after normalisation (dashes are already '-').
SEP = r"(?: ?[-.] ?| )?"


def compile_pattern(source: str):
    """Compile with the engine that is faster for this kind of pattern.

    Measured on Korean administrative text: the ``regex`` module (already a
    Presidio dependency) scans digit patterns that start with a lookbehind
    2-30x faster than ``re``, while ``re`` is about 3x faster on patterns built
    from Hangul alternations. Both give identical matches for these patterns.
    """
    if any("가" <= ch <= "힣" for ch in source):
        return re.compile(source, re.ASCII)
    return regex.compile(source, regex.ASCII | regex.V0)


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if "0" <= ch <= "9")


class KoreanPatternRecognizer(PatternRecognizer):
    """Regex recogniser with per-match scoring and Korean context metadata.

    Class attributes configure subclasses:
      ENTITY            the entity type reported
      PATTERNS          Presidio ``Pattern``s; the score is the pattern's base score
      CONTEXT           words that raise the score when near a match
      NEGATIVE_CONTEXT  words that lower it when no positive word is near
      GATE              if set, the recogniser runs only when one of these words
                        occurs in the text (identifiers that mean nothing alone)
      CONTEXT_BOOST     how much a context word adds
      NO_NEGATIVE_PATTERNS  names of patterns whose matches negative words nearby never
                        lower; only NEGATIVE_LABELS right before (or after) the value do

    ``min_score``: a match scoring below it is dropped at once unless a
    context word is near, since context is the only way it could reach the
    detector's threshold (saves work on every unlabelled number).
    """

    ENTITY: str = ""
    PATTERNS: tuple[Pattern, ...] = ()
    CONTEXT: tuple[str, ...] = ()
    NEGATIVE_CONTEXT: tuple[str, ...] = ()
    GATE: tuple[str, ...] = ()
    CONTEXT_BOOST: float = 0.35
    NO_NEGATIVE_PATTERNS: tuple[str, ...] = ()
    NEGATIVE_LABELS: tuple[str, ...] = ()

    def __init__(self, *, min_score: float = 0.0) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language="ko",
            patterns=list(self.PATTERNS),
            # Lower-cased once: the context window is lower-cased per match.
            context=[word.lower() for word in self.CONTEXT],
            global_regex_flags=re.ASCII,
        )
        self.negative_context = tuple(word.lower() for word in self.NEGATIVE_CONTEXT)
        self.context_words = ContextWords(self.context)
        self.negative_words = ContextWords(self.negative_context)
        self.negative_labels = ContextWords(word.lower() for word in self.NEGATIVE_LABELS)
        self.context_boost = self.CONTEXT_BOOST
        self.min_score = min_score
        self._compiled = []
        for pattern in self.patterns:
            compiled = compile_pattern(pattern.regex)
            # Presidio reuses these and does not recompile with its own flags.
            pattern.compiled_regex = compiled
            pattern.compiled_with_flags = re.ASCII
            self._compiled.append((pattern, compiled))

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        """Score for one regex match; None or 0 drops it."""
        return pattern.score

    def span_of(self, match: Match) -> Span:
        """The reported span: the named group ``v`` when the pattern has one."""
        if "v" in match.re.groupindex:
            return match.span("v")
        return match.span()

    def result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Optional["NlpArtifacts"] = None,
        regex_flags: Optional[int] = None,
    ) -> list[RecognizerResult]:
        if self.GATE and not any(word in text for word in self.GATE):
            return []
        results = []
        for pattern, compiled in self._compiled:
            for match in compiled.finditer(text):
                score = self.score_match(match, pattern)
                if not score:
                    continue
                start, end = self.span_of(match)
                if score < self.min_score and self.context_words.distance(text, start, end) == NO_CONTEXT:
                    continue
                result = self.result(start, end, score)
                if pattern.name in self.NO_NEGATIVE_PATTERNS:
                    result.recognition_metadata[IGNORE_NEGATIVE_KEY] = True
                results.append(result)
        return results
