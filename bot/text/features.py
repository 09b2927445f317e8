"""Character-bigram features: a tokenizer-free similarity basis that suits Korean,
where particles glue onto nouns (예산은/예산을/예산이 share 예산)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[0-9A-Za-z가-힣]+")


def bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if len(word) == 1:
            grams.add(word)
        else:
            grams.update(word[i : i + 2] for i in range(len(word) - 1))
    return grams
