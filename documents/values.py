"""Reading numbers and dates the way Korean spreadsheets and reports write them."""

from __future__ import annotations

import datetime as dt
import re

MISSING = {"", "-", "–", "—", "n/a", "na", "#n/a", "null", "none", "nan", "#value!", "#div/0!", "#ref!"}

# "1,234", "-5.5", "△1,234" (△/▼ mark a decrease in Korean reports), "(1,234)",
# "12.5%", "₩1,000", "1,000원", "35명", "1.5톤", "3.2km".
_NUMBER = re.compile(
    r"^(?P<sign>[+\-−△▼▲]?)\s*[₩$€]?\s*(?P<open>\()?\s*(?P<digits>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<close>\))?"
    r"\s*(?P<unit>%|[가-힣]{1,3}|[A-Za-z]{1,3})?$"
)
_DATE_YMD = re.compile(
    r"^(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|년)\s*(?P<m>\d{1,2})\s*(?:[-/.]|월)\s*(?P<d>\d{1,2})\s*[.일]?"
    r"(?:\s*\([월화수목금토일]\))?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_DATE_YM = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|년)\s*(?P<m>\d{1,2})\s*[.월]?$")


def is_missing(value: str) -> bool:
    return value.strip().lower() in MISSING


def parse_number(value: str) -> float | None:
    match = _NUMBER.match(value.strip())
    if match is None or bool(match.group("open")) != bool(match.group("close")):
        return None
    digits = match.group("digits")
    if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        return None  # "1,2,3" is a list, not a number
    number = float(digits.replace(",", ""))
    if match.group("sign") in ("-", "−", "△", "▼") or match.group("open"):
        number = -number
    return number


def parse_date(value: str) -> tuple[dt.date, str] | None:
    """(date, "day" or "month"), or None."""
    text = value.strip()
    match = _DATE_YMD.match(text)
    if match is not None:
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"])), "day"
        except ValueError:
            return None
    match = _DATE_YM.match(text)
    if match is not None and 1 <= int(match["m"]) <= 12:
        return dt.date(int(match["y"]), int(match["m"]), 1), "month"
    return None


def format_number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.1f}"
    return f"{value:,.3g}" if abs(value) < 1 else f"{value:,.2f}"
