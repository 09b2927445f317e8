"""Money amounts written in Hangul numerals, as 시행규칙 제2조② requires next to the digits.

Every unit carries its digit, ``일`` included (``일십일만``), the forgery-resistant style of the
statute's own example ``금113,560원(금일십일만삼천오백육십원)``. Reading accepts both styles.
"""

from __future__ import annotations

_DIGITS = "영일이삼사오육칠팔구"
_SMALL_UNITS = ("천", "백", "십", "")
_LARGE_UNITS = ("", "만", "억", "조", "경")
_SMALL_VALUES = {"십": 10, "백": 100, "천": 1000}
_LARGE_VALUES = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}


def to_hangul(number: int) -> str:
    """113560 -> '일십일만삼천오백육십'."""
    if number < 0:
        raise ValueError("negative amount")
    if number == 0:
        return "영"
    if number >= 10**20:
        raise ValueError("amount too large")
    groups: list[str] = []
    unit_index = 0
    while number:
        number, group = divmod(number, 10000)
        if group:
            text = ""
            for place, digit in zip(_SMALL_UNITS, f"{group:04d}"):
                if digit != "0":
                    text += _DIGITS[int(digit)] + place
            groups.append(text + _LARGE_UNITS[unit_index])
        unit_index += 1
    return "".join(reversed(groups))


def parse_hangul(text: str) -> int | None:
    """'일십일만삼천오백육십' or '십일만삼천오백육십' -> 113560; None when it is not a numeral."""
    text = text.replace(" ", "")
    if not text:
        return None
    if text == "영":
        return 0
    total = 0
    section = 0
    digit: int | None = None
    for char in text:
        if char in _DIGITS and char != "영":
            if digit is not None:
                return None
            digit = _DIGITS.index(char)
        elif char in _SMALL_VALUES:
            section += (1 if digit is None else digit) * _SMALL_VALUES[char]
            digit = None
        elif char in _LARGE_VALUES:
            section += digit or 0
            if section == 0:
                section = 1
            total += section * _LARGE_VALUES[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def group_digits(number: int) -> str:
    return f"{number:,}"
