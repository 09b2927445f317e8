"""TextRank-style extractive summarisation over character bigrams."""

from __future__ import annotations

import math
from collections import defaultdict

from bot.text.features import bigrams
from bot.text.sentences import split_sentences

# Above this many candidate sentences the similarity graph gets expensive; the
# longer documents are chunked upstream, so this only guards odd inputs.
MAX_SENTENCES = 600
DAMPING = 0.85


def rank_sentences(sentences: list[str], iterations: int = 30) -> list[float]:
    n = len(sentences)
    if n == 0:
        return []
    feats = [bigrams(s) for s in sentences]
    # Inverted index: only pairs that share a bigram get an edge, and bigrams in
    # most sentences carry no signal, so they are skipped.
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for g in f:
            index[g].append(i)
    common = max(2, n // 2)
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) > common:
            continue
        for a_pos, a in enumerate(ids):
            for b in ids[a_pos + 1 :]:
                overlap[(a, b)] += 1
    edges: list[dict[int, float]] = [dict() for _ in range(n)]
    for (a, b), shared in overlap.items():
        denom = math.log(len(feats[a]) + 1) + math.log(len(feats[b]) + 1)
        if denom <= 0:
            continue
        w = shared / denom
        edges[a][b] = w
        edges[b][a] = w
    out_weight = [sum(e.values()) for e in edges]
    scores = [1.0] * n
    for _ in range(iterations):
        new = []
        for i in range(n):
            rank = sum(scores[j] * w / out_weight[j] for j, w in edges[i].items() if out_weight[j])
            new.append((1 - DAMPING) + DAMPING * rank)
        scores = new
    return scores


def _is_summary_candidate(sentence: str) -> bool:
    # Headings and list labels are short; they repeat words without saying much.
    return len(sentence) >= 12


def summarize(text: str, max_sentences: int = 5) -> list[str]:
    """The ``max_sentences`` most central sentences, in document order."""
    sentences = [s for s in split_sentences(text) if _is_summary_candidate(s)]
    if not sentences:
        sentences = split_sentences(text)
    if len(sentences) <= max_sentences:
        return sentences
    sentences = sentences[:MAX_SENTENCES]
    scores = rank_sentences(sentences)
    # A slight lead bias: official documents state their point early.
    n = len(sentences)
    weighted = [s * (1.0 + 0.15 * (1 - i / n)) for i, s in enumerate(scores)]
    best = sorted(range(n), key=lambda i: weighted[i], reverse=True)[:max_sentences]
    return [sentences[i] for i in sorted(best)]
