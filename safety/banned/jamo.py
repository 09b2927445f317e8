"""Hangul arithmetic: syllable <-> jamo, compatibility jamo, and an IME-style composer.

Typed evasions arrive as loose compatibility jamo (``ㅅㅣㅂㅏㄹ``) or as decomposed
conjoining jamo (NFD text). Both are turned into compatibility jamo first and then
composed the way a 두벌식 input method would, so ``ㅅㅣㅂㅏㄹ`` becomes ``시발``.
"""

from __future__ import annotations

from dataclasses import dataclass

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3

# Compatibility jamo in the order the Unicode syllable formula uses them.
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # index + 1 in the formula

CONSONANTS = frozenset(chr(c) for c in range(0x3131, 0x314F))
VOWELS = frozenset(chr(c) for c in range(0x314F, 0x3164))
COMPAT_JAMO_CLASS = "\u3131-\u3163"

_CHO_INDEX = {c: i for i, c in enumerate(CHOSEONG)}
_JUNG_INDEX = {c: i for i, c in enumerate(JUNGSEONG)}
_JONG_INDEX = {c: i + 1 for i, c in enumerate(JONGSEONG)}

VOWEL_PAIRS = {
    ("ㅗ", "ㅏ"): "ㅘ", ("ㅗ", "ㅐ"): "ㅙ", ("ㅗ", "ㅣ"): "ㅚ",
    ("ㅜ", "ㅓ"): "ㅝ", ("ㅜ", "ㅔ"): "ㅞ", ("ㅜ", "ㅣ"): "ㅟ",
    ("ㅡ", "ㅣ"): "ㅢ",
}
FINAL_PAIRS = {
    ("ㄱ", "ㅅ"): "ㄳ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄴ", "ㅎ"): "ㄶ",
    ("ㄹ", "ㄱ"): "ㄺ", ("ㄹ", "ㅁ"): "ㄻ", ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅅ"): "ㄽ",
    ("ㄹ", "ㅌ"): "ㄾ", ("ㄹ", "ㅍ"): "ㄿ", ("ㄹ", "ㅎ"): "ㅀ", ("ㅂ", "ㅅ"): "ㅄ",
}
FINAL_SPLIT = {v: k for k, v in FINAL_PAIRS.items()}
# People type the plain consonant for a tense one when abbreviating (ㅅㅂ for 씨발).
TENSE_TO_PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}

# Conjoining jamo blocks -> compatibility jamo (modern letters only).
_LEAD_BASE, _VOWEL_BASE, _TAIL_BASE = 0x1100, 0x1161, 0x11A8


def conjoining_to_compat(ch: str) -> str | None:
    cp = ord(ch)
    if _LEAD_BASE <= cp < _LEAD_BASE + 19:
        return CHOSEONG[cp - _LEAD_BASE]
    if _VOWEL_BASE <= cp < _VOWEL_BASE + 21:
        return JUNGSEONG[cp - _VOWEL_BASE]
    if _TAIL_BASE <= cp < _TAIL_BASE + 27:
        return JONGSEONG[cp - _TAIL_BASE]
    return None


def is_syllable(ch: str) -> bool:
    return SYLLABLE_FIRST <= ord(ch) <= SYLLABLE_LAST


def split_syllable(ch: str) -> tuple[str, str, str]:
    """``'발'`` -> ``('ㅂ', 'ㅏ', 'ㄹ')``; the final is ``''`` when absent."""
    index = ord(ch) - SYLLABLE_FIRST
    lead, rest = divmod(index, 21 * 28)
    vowel, tail = divmod(rest, 28)
    return CHOSEONG[lead], JUNGSEONG[vowel], JONGSEONG[tail - 1] if tail else ""


def join_syllable(lead: str, vowel: str, tail: str = "") -> str:
    index = (_CHO_INDEX[lead] * 21 + _JUNG_INDEX[vowel]) * 28 + (_JONG_INDEX[tail] if tail else 0)
    return chr(SYLLABLE_FIRST + index)


def initial_of(ch: str) -> str:
    return split_syllable(ch)[0]


@dataclass(frozen=True, slots=True)
class Unit:
    """One output of the composer: a syllable or a jamo that found no partner.

    ``positions`` are the indices (into the caller's sequence) of the jamo it used.
    """

    text: str
    positions: tuple[int, ...]


class _Syllable:
    __slots__ = ("lead", "vowel", "tail", "pos")

    def __init__(self) -> None:
        self.lead: str = ""
        self.vowel: str = ""
        self.tail: str = ""
        self.pos: list[int] = []  # positions of lead, vowel parts, tail parts in order


def compose(jamo: list[tuple[str, int]]) -> list[Unit]:
    """Compose ``(compat_jamo, position)`` pairs like a 두벌식 IME would.

    A final consonant moves to the next syllable when a vowel follows it, and a
    double final splits (``ㄱㅏㅂㅅㅏ`` -> ``갑사``).
    """
    units: list[Unit] = []
    cur: _Syllable | None = None
    tail_parts: list[tuple[str, int]] = []

    def flush() -> None:
        nonlocal cur, tail_parts
        if cur is not None:
            if cur.vowel:
                units.append(Unit(join_syllable(cur.lead, cur.vowel, cur.tail), tuple(cur.pos)))
            else:
                units.append(Unit(cur.lead, tuple(cur.pos)))
        cur = None
        tail_parts = []

    for ch, pos in jamo:
        if ch in VOWELS:
            if cur is not None and cur.lead and not cur.vowel:
                cur.vowel = ch
                cur.pos.append(pos)
            elif cur is not None and cur.vowel and not cur.tail and (cur.vowel, ch) in VOWEL_PAIRS:
                cur.vowel = VOWEL_PAIRS[(cur.vowel, ch)]
                cur.pos.append(pos)
            elif cur is not None and cur.tail:
                moved_ch, moved_pos = tail_parts[-1]
                if len(tail_parts) == 2:
                    cur.tail = tail_parts[0][0]
                else:
                    cur.tail = ""
                cur.pos.remove(moved_pos)
                flush()
                cur = _Syllable()
                cur.lead, cur.vowel, cur.pos = moved_ch, ch, [moved_pos, pos]
            else:
                flush()
                units.append(Unit(ch, (pos,)))
            continue
        # consonant
        if cur is not None and cur.vowel and not cur.tail and ch in _JONG_INDEX and ch not in FINAL_SPLIT:
            cur.tail = ch
            cur.pos.append(pos)
            tail_parts = [(ch, pos)]
        elif cur is not None and cur.tail and (cur.tail, ch) in FINAL_PAIRS and len(tail_parts) == 1:
            cur.tail = FINAL_PAIRS[(cur.tail, ch)]
            cur.pos.append(pos)
            tail_parts.append((ch, pos))
        else:
            flush()
            if ch in _CHO_INDEX:
                cur = _Syllable()
                cur.lead, cur.pos = ch, [pos]
            else:
                units.append(Unit(ch, (pos,)))  # a cluster letter (ㄳ) cannot lead a syllable
    flush()
    return units
