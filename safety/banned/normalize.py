"""Text -> folded text ("T"), the same length as the input, for matching.

Steps after the per-character fold (``chars.fold``), each one length-preserving:

1. look-alike letters next to loose jamo become jamo (``ㅅl발``, ``人ㅣ발``);
2. runs of loose jamo are composed into syllables (``ㅅㅣㅂㅏㄹ`` -> ``시발``); a
   syllable sits at the position of its first jamo and the positions of its other
   jamo become ``INVISIBLE``, so a hit still covers every original character;
3. vowel stretching is dropped (``시이이발`` -> ``시발``).

The keyboard view additionally turns Latin words typed in English mode into
Hangul (``tlqkf`` -> ``시발``); it is a separate text so English stays English in
the main view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safety.banned.chars import INVISIBLE, fold
from safety.banned.jamo import CHOSEONG, COMPAT_JAMO_CLASS, JUNGSEONG, compose, join_syllable
from safety.banned.keyboard import convert_word

_CONSONANT_LOOKALIKES = {"人": "ㅅ", "^": "ㅅ", "∧": "ㅅ", "己": "ㄹ", "乙": "ㄹ", "口": "ㅁ", "ロ": "ㅁ",
                         "甘": "ㅂ", "廿": "ㅂ", "匚": "ㄷ"}
_VOWEL_LOOKALIKES = {"1": "ㅣ", "l": "ㅣ", "I": "ㅣ", "|": "ㅣ", "!": "ㅣ", "卜": "ㅏ", "ト": "ㅏ",
                     "一": "ㅡ", "ー": "ㅡ"}
_C_LIKE = re.escape("".join(_CONSONANT_LOOKALIKES))
_V_LIKE = re.escape("".join(_VOWEL_LOOKALIKES))
_LOOKALIKE_HINT_RE = re.compile(f"[{COMPAT_JAMO_CLASS}{_C_LIKE}]")
_CONSONANT_LIKE_RE = re.compile(f"[{_C_LIKE}](?=[\u314f-\u3163{_V_LIKE}])")
# Only between a loose consonant and more Hangul, so "ㄴ!" at a sentence end stays punctuation.
_VOWEL_LIKE_RE = re.compile(f"(?<=[\u3131-\u314e])[{_V_LIKE}](?=[\uac00-\ud7a3{COMPAT_JAMO_CLASS}])")

# Loose jamo, allowing one visible separator (and any invisibles) between them so
# "ㅅ ㅣ ㅂ ㅏ ㄹ" composes as well. Newlines break a run.
_JAMO_RUN_RE = re.compile(
    f"[{COMPAT_JAMO_CLASS}](?:\x00*(?:[^\\w\\n]|[\\d_])?\x00*[{COMPAT_JAMO_CLASS}])*"
)


def _elongation_pattern() -> re.Pattern[str]:
    # "이" after a syllable with the same vowel and no final: 시이, 기이, 이이 ...
    branches = []
    for vowel in JUNGSEONG:
        stretch = join_syllable("ㅇ", vowel)
        same_vowel = "".join(join_syllable(lead, vowel) for lead in CHOSEONG)
        branches.append(f"{stretch}(?<=[{same_vowel}]{stretch})")
    heads = "".join(join_syllable("ㅇ", v) for v in JUNGSEONG)
    return re.compile(f"(?=[{heads}])(?:{'|'.join(branches)})")


_ELONGATION_RE = _elongation_pattern()
# Latin words shaped like 두벌식 syllables (consonant key, 1-2 vowel keys, up to 2
# final keys, repeated): a cheap filter before the exact composer in ``keyboard``.
_C_KEYS, _V_KEYS = "rsefaqtdwczxvg", "yuiophjklbnm"
_C, _V = _C_KEYS + _C_KEYS.upper(), _V_KEYS + _V_KEYS.upper()
# The look-behind sits after the first letter so the regex engine can skip ahead
# on that letter class instead of testing the look-behind at every position.
_TYPED_WORD_RE = re.compile(
    f"[{_C}](?<![A-Za-z].)[{_V}]{{1,2}}[{_C}]{{0,2}}(?:[{_C}][{_V}]{{1,2}}[{_C}]{{0,2}})*(?![A-Za-z])"
)
_JAMO_HINT_RE = re.compile(f"[{COMPAT_JAMO_CLASS}]")


def _replace_lookalikes(text: str) -> str:
    if not _LOOKALIKE_HINT_RE.search(text):
        return text
    text = _CONSONANT_LIKE_RE.sub(lambda m: _CONSONANT_LOOKALIKES[m.group()], text)
    return _VOWEL_LIKE_RE.sub(lambda m: _VOWEL_LOOKALIKES[m.group()], text)


def _compose_run(run: str) -> str:
    jamo = [(ch, i) for i, ch in enumerate(run) if "\u3131" <= ch <= "\u3163"]
    units = compose(jamo)
    if all(len(u.positions) == 1 for u in units):
        return run
    out = list(run)
    for unit in units:
        first, last = unit.positions[0], unit.positions[-1]
        out[first] = unit.text
        for p in range(first + 1, last + 1):
            out[p] = INVISIBLE
    return "".join(out)


def _compose_jamo(text: str) -> str:
    if not _JAMO_HINT_RE.search(text):
        return text
    return _JAMO_RUN_RE.sub(lambda m: _compose_run(m.group()), text)


def _collapse_elongation(text: str) -> str:
    return _ELONGATION_RE.sub(INVISIBLE, text)


def _convert_keyboard(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Typed-in-English-mode words -> Hangul; also returns the converted spans."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    done = 0
    for m in _TYPED_WORD_RE.finditer(text):
        units = convert_word(m.group())
        if units is None:
            continue
        out = list(m.group())
        for syllable, positions in units:
            out[positions[0]] = syllable
            for p in range(positions[0] + 1, positions[-1] + 1):
                out[p] = INVISIBLE
        pieces += [text[done : m.start()], "".join(out)]
        done = m.end()
        spans.append((m.start(), m.end()))
    if not spans:
        return text, spans
    pieces.append(text[done:])
    return "".join(pieces), spans


@dataclass(frozen=True, slots=True)
class FoldedText:
    main: str  # same length as the input
    keyboard: str | None  # same length; None when no Latin word looked like typed Hangul
    typed: tuple[tuple[int, int], ...] = ()  # spans of the words converted in ``keyboard``


def fold_text(text: str, *, keyboard: bool = True) -> FoldedText:
    folded = fold(text)
    folded = _replace_lookalikes(folded)
    folded = _compose_jamo(folded)
    folded = _collapse_elongation(folded)
    if not keyboard:
        return FoldedText(folded, None)
    typed, spans = _convert_keyboard(folded)
    if not spans:
        return FoldedText(folded, None)
    return FoldedText(folded, _collapse_elongation(typed), tuple(spans))
