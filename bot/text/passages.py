"""Find the passages of a text that best answer a question (offline Q&A)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.text.features import bigrams
from bot.text.sentences import split_sentences


SHORT_UNIT = 15  # characters; shorter units are headings or labels


@dataclass(frozen=True)
class Passage:
    text: str
    label: str  # where it came from: "3쪽", "2절", "스레드"
    score: float


def best_passages(question: str, sources: list[tuple[str, str]], limit: int = 3) -> list[Passage]:
    """``sources`` are (label, text) pairs; passages are sentences scored by
    IDF-weighted bigram overlap with the question."""
    units: list[tuple[str, str, set[str]]] = []
    for label, text in sources:
        for sentence in split_sentences(text):
            units.append((label, sentence, bigrams(sentence)))
    if not units:
        return []
    q = bigrams(question)
    df: dict[str, int] = {}
    for _, _, feats in units:
        for g in feats & q:
            df[g] = df.get(g, 0) + 1
    n = len(units)
    scored: list[Passage] = []
    for label, sentence, feats in units:
        score = sum(math.log(1 + n / df[g]) for g in feats & q)
        if score > 0:
            # Normalise lightly so a long run-on sentence doesn't win on size alone,
            # and let headings ("3. 주민 만족도") yield to the sentences that answer.
            score /= math.sqrt(1 + len(feats) / 40)
            if len(sentence) < SHORT_UNIT:
                score *= 0.5
            scored.append(Passage(sentence, label, score))
    scored.sort(key=lambda p: p.score, reverse=True)
    return scored[:limit]
