"""List entries -> the letter sequences the automaton looks for.

A term is normalised exactly like text (``fold_text``), then reduced to its
letters. Entries marked ``+초성`` add every spelling with some syllables replaced
by their initial consonant (``시발`` -> ``ㅅㅂ``, ``ㅅ발``, ``시ㅂ``), a tense initial
also written plain (``ㅆㅂ`` -> ``ㅅㅂ``), and adjacent initials also written as one
cluster letter (``ㅂㅅ`` -> ``ㅄ``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from safety.banned.chars import is_key_char
from safety.banned.jamo import CONSONANTS, FINAL_PAIRS, TENSE_TO_PLAIN, initial_of, is_syllable
from safety.banned.normalize import fold_text
from safety.banned.rules import PatternShape

MAX_CHOSUNG_SYLLABLES = 8  # 2^n forms per entry; longer entries get the all-초성 form only


@dataclass(frozen=True, slots=True)
class Pattern:
    term: str  # the entry as written, reported in hits
    exception: bool
    key_length: int  # length of its key string (jamo spelling)
    letters: str  # its letters (syllables, jamo, ASCII, digits), for hold-back and filters
    shape: PatternShape


def letters_of(term: str, *, digits: bool) -> list[str]:
    folded = fold_text(term, keyboard=False).main
    return [c.lower() if c.isascii() else c for c in folded if is_key_char(c, digits=digits)]


def shape_of(letters: list[str]) -> PatternShape:
    first, last = letters[0], letters[-1]
    return PatternShape(
        jamo_only=all(c in CONSONANTS or "\u314f" <= c <= "\u3163" for c in letters),
        latin_start=first.isascii() and first.isalpha(),
        latin_end=last.isascii() and last.isalpha(),
        digit_start=first.isdigit(),
        digit_end=last.isdigit(),
    )


def cluster_forms(seq: list[str]) -> list[list[str]]:
    """Also spell adjacent initials as one cluster letter (ㅂㅅ -> ㅄ)."""
    if len(seq) < 2:
        return [seq]
    head, rest = seq[0], seq[1:]
    forms = [[head, *tail] for tail in cluster_forms(rest)]
    pair = (head, rest[0])
    if head in CONSONANTS and rest[0] in CONSONANTS and pair in FINAL_PAIRS:
        forms += [[FINAL_PAIRS[pair], *tail] for tail in cluster_forms(rest[1:])]
    return forms


def chosung_forms(letters: list[str]) -> list[str]:
    """Every spelling with some syllables replaced by their initial consonant."""
    hangul = [i for i, c in enumerate(letters) if is_syllable(c)]
    if len(hangul) < 2:
        return []
    if len(hangul) > MAX_CHOSUNG_SYLLABLES:
        masks = [tuple(True for _ in hangul)]
    else:
        masks = [m for m in itertools.product((False, True), repeat=len(hangul)) if any(m)]
    forms: set[str] = set()
    for mask in masks:
        choices: list[list[str]] = [[c] for c in letters]
        for index, as_initial in zip(hangul, mask, strict=True):
            if as_initial:
                initial = initial_of(letters[index])
                choices[index] = [initial] + ([TENSE_TO_PLAIN[initial]] if initial in TENSE_TO_PLAIN else [])
        for combo in itertools.product(*choices):
            for form in cluster_forms(list(combo)):
                forms.add("".join(form))
    return sorted(forms)
