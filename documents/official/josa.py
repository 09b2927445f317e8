"""Pick 을/를, 은/는, 이/가 after a word by its last syllable, as templates join words."""

from __future__ import annotations

import re

_PAIRS = {"을(를)": ("을", "를"), "은(는)": ("은", "는"), "이(가)": ("이", "가"), "과(와)": ("과", "와")}
_MARK = re.compile(r"(을\(를\)|은\(는\)|이\(가\)|과\(와\))")


def has_final_consonant(word: str) -> bool | None:
    """None when the last character is not a Hangul syllable (digits, placeholders)."""
    if not word:
        return None
    last = word.rstrip()[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    return None


def attach(text: str, word: str) -> str:
    """Replace the first "을(를)"-style mark after ``word`` in ``text`` by the right particle."""
    m = re.search(re.escape(word) + _MARK.pattern, text)
    if not m:
        return text
    final = has_final_consonant(word)
    if final is None:
        return text
    with_final, without = _PAIRS[m.group(1)]
    return text[: m.start(1)] + (with_final if final else without) + text[m.end(1):]
