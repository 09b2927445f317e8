"""Korean typed with the keyboard left in English mode (두벌식): ``tlqkf`` -> ``시발``.

Only a Latin word that composes completely into Hangul syllables (no letter left
over) is converted; ordinary English words almost never do, so they stay Latin.
"""

from __future__ import annotations

from safety.banned.jamo import compose

# Standard 두벌식 layout; Shift changes only these seven keys.
_KEYS = {
    "q": "ㅂ", "w": "ㅈ", "e": "ㄷ", "r": "ㄱ", "t": "ㅅ", "y": "ㅛ", "u": "ㅕ", "i": "ㅑ", "o": "ㅐ", "p": "ㅔ",
    "a": "ㅁ", "s": "ㄴ", "d": "ㅇ", "f": "ㄹ", "g": "ㅎ", "h": "ㅗ", "j": "ㅓ", "k": "ㅏ", "l": "ㅣ",
    "z": "ㅋ", "x": "ㅌ", "c": "ㅊ", "v": "ㅍ", "b": "ㅠ", "n": "ㅜ", "m": "ㅡ",
}
_SHIFTED = {"Q": "ㅃ", "W": "ㅉ", "E": "ㄸ", "R": "ㄲ", "T": "ㅆ", "O": "ㅒ", "P": "ㅖ"}


def key_to_jamo(key: str) -> str:
    return _SHIFTED.get(key) or _KEYS[key.lower()]


def convert_word(word: str) -> list[tuple[str, tuple[int, ...]]] | None:
    """Syllables typed by ``word`` with the indices of the keys each used, or None.

    None when any key is left over (an orphan jamo), which is what English looks like.
    """
    if len(word) < 2:
        return None
    units = compose([(key_to_jamo(k), i) for i, k in enumerate(word)])
    if any(len(u.positions) < 2 for u in units):
        return None
    return [(u.text, u.positions) for u in units]
