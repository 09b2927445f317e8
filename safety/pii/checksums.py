"""Check digits and plausibility checks for Korean identifiers.

All functions take a string of ASCII digits of the right length.
"""

from __future__ import annotations

import calendar

_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3)
# 법인등록번호 digits 5-6: the registry office's corporate type code.
_CRN_TYPE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 71, 81, 82, 83, 84, 85, 86} | set(range(31, 54))
)
# Seventh digit (gender/century) -> century of birth.
_CENTURY = {"1": 1900, "2": 1900, "5": 1900, "6": 1900,
            "3": 2000, "4": 2000, "7": 2000, "8": 2000,
            "9": 1800, "0": 1800}


def birth_date_ok(digits: str, latest_year: int) -> bool:
    """YYMMDD plus the century digit form a real date no later than ``latest_year``."""
    century = _CENTURY.get(digits[6])
    if century is None:
        return False
    year = century + int(digits[0:2])
    if year > latest_year:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _rrn_sum(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, _RRN_WEIGHTS))


def rrn_checksum_ok(digits: str) -> bool:
    """Pre-October-2020 주민등록번호 check digit; newer numbers end in random digits."""
    return (11 - _rrn_sum(digits) % 11) % 10 == int(digits[12])


def frn_checksum_ok(digits: str) -> bool:
    """Pre-October-2020 외국인등록번호 check digit."""
    return (13 - _rrn_sum(digits) % 11) % 10 == int(digits[12])


def brn_ok(digits: str) -> bool:
    """사업자등록번호: office code >= 101, type code not 00, check digit."""
    if int(digits[0:3]) < 101 or digits[3:5] == "00":
        return False
    total = sum(int(d) * w for d, w in zip(digits, _BRN_WEIGHTS))
    last = int(digits[8]) * 5
    total += last + last // 10
    return (10 - total % 10) % 10 == int(digits[9])


def crn_ok(digits: str) -> bool:
    """법인등록번호: corporate type code and check digit (weights 1,2,1,2...)."""
    if int(digits[4:6]) not in _CRN_TYPE_CODES:
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def all_same(digits: str) -> bool:
    return digits.count(digits[0]) == len(digits)
