"""Item symbols of 시행규칙 제2조①: 1. 가. 1) 가) (1) (가) ① ㉮, and their look-alikes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 8

# 가나다… then, per 편람, 거너더… once 하 is used up; a third round (고노도…) keeps long lists safe.
HANGUL_SEQUENCE = "가나다라마바사아자차카타파하" "거너더러머버서어저처커터퍼허" "고노도로모보소오조초코토포호"
_CIRCLED_DIGITS = (
    [chr(c) for c in range(0x2460, 0x2474)]  # ①..⑳
    + [chr(c) for c in range(0x3251, 0x3260)]  # ㉑..㉟
    + [chr(c) for c in range(0x32B1, 0x32C0)]  # ㊱..㊿
)
_CIRCLED_HANGUL = [chr(c) for c in range(0x326E, 0x327C)]  # ㉮..㉻ (가..하)

# Characters that look like a legal symbol but are another code point; value = the intended symbol.
LOOKALIKES: dict[str, str] = {"ⓛ": "①"}
LOOKALIKES.update({chr(0x2474 + i): f"({i + 1})" for i in range(20)})  # ⑴..⒇
LOOKALIKES.update({chr(0x2488 + i): f"{i + 1}." for i in range(20)})  # ⒈..⒛
LOOKALIKES.update({chr(0x320E + i): f"({HANGUL_SEQUENCE[i]})" for i in range(14)})  # ㈎..㈛
LOOKALIKES.update({chr(0x3260 + i): _CIRCLED_HANGUL[i] for i in range(14)})  # ㉠..㉭


def symbol(depth: int, counter: int) -> str:
    """The symbol of the ``counter``-th (1-based) item at ``depth`` (1..8)."""
    if depth in (1, 3, 5):
        core = str(counter)
    elif depth in (2, 4, 6):
        core = HANGUL_SEQUENCE[(counter - 1) % len(HANGUL_SEQUENCE)]
    elif depth == 7:
        return _CIRCLED_DIGITS[(counter - 1) % len(_CIRCLED_DIGITS)]
    elif depth == 8:
        return _CIRCLED_HANGUL[(counter - 1) % len(_CIRCLED_HANGUL)]
    else:
        raise ValueError(f"depth {depth} outside 1..{MAX_DEPTH}")
    if depth <= 2:
        return core + "."
    if depth <= 4:
        return core + ")"
    return f"({core})"


def indent_for(depth: int) -> str:
    return "  " * (depth - 1)


@dataclass(frozen=True)
class ItemPrefix:
    """A parsed item symbol at the start of a line."""

    indent: int  # display columns (full-width space = 2)
    depth: int
    counter: int
    symbol: str  # as written
    intended: str  # the legal symbol meant (differs only for look-alikes)
    gap: str  # whitespace between symbol and text
    rest: str
    lookalike: bool
    weak: bool  # a Hangul symbol glued to its text: only an item when the context expects it


_SEQ = "".join(HANGUL_SEQUENCE)
_ITEM_RE = re.compile(
    r"^(?P<indent>[ \t\u3000]*)(?P<sym>"
    r"(?P<d1>\d{1,2})\.(?!\d)"
    rf"|(?P<h2>[{_SEQ}])\."
    r"|(?P<d3>\d{1,2})\)"
    rf"|(?P<h4>[{_SEQ}])\)"
    r"|\((?P<d5>\d{1,2})\)"
    rf"|\((?P<h6>[{_SEQ}])\)"
    rf"|(?P<c7>[{''.join(_CIRCLED_DIGITS)}])"
    rf"|(?P<c8>[{''.join(_CIRCLED_HANGUL)}])"
    rf"|(?P<lk>[{''.join(LOOKALIKES)}])"
    r")(?P<gap>[ \t\u3000]*)(?P<rest>.*)$"
)


def display_indent(prefix: str) -> int:
    return sum(2 if ch in "\u3000\t" else 1 for ch in prefix)


def parse_item(line: str) -> ItemPrefix | None:
    m = _ITEM_RE.match(line)
    if not m or not m.group("rest").strip():
        return None
    sym = m.group("sym")
    gap = m.group("gap")
    lookalike = m.group("lk") is not None
    intended = LOOKALIKES[sym] if lookalike else sym
    parsed = _classify(intended)
    if parsed is None:
        return None
    depth, counter = parsed
    if depth == 1 and counter <= 12 and _is_month_day(m.group("rest")):
        return None  # "7. 31.까지 제출" is a date, not item 7
    weak = depth in (2, 4, 6, 8) and not gap and not lookalike
    return ItemPrefix(
        indent=display_indent(m.group("indent")),
        depth=depth,
        counter=counter,
        symbol=sym,
        intended=intended,
        gap=gap,
        rest=m.group("rest"),
        lookalike=lookalike,
        weak=weak,
    )


_DAY_AFTER = re.compile(r"^(3[01]|[12]\d|[1-9])\.(?!\d)")
_TWO_NUMBERS = re.compile(r"^\d{1,2}\.\s*\d{1,2}\.")


def _is_month_day(rest: str) -> bool:
    """The rest of "7. 31.(목) …" is a day; the rest of "1. 7. 31.(목) …" is a whole date."""
    return bool(_DAY_AFTER.match(rest)) and not _TWO_NUMBERS.match(rest)


def _classify(sym: str) -> tuple[int, int] | None:
    if sym in _CIRCLED_DIGITS:
        return 7, _CIRCLED_DIGITS.index(sym) + 1
    if sym in _CIRCLED_HANGUL:
        return 8, _CIRCLED_HANGUL.index(sym) + 1
    paren = sym.startswith("(")
    core = sym.strip("().")
    if core.isdigit():
        value = int(core)
        if value == 0:
            return None
        return (5 if paren else 1 if sym.endswith(".") else 3), value
    if len(core) == 1 and core in HANGUL_SEQUENCE:
        value = HANGUL_SEQUENCE.index(core) + 1
        return (6 if paren else 2 if sym.endswith(".") else 4), value
    return None


# Bullets of the 개조식 scheme (□ ○ - ㆍ …); a run of legal item symbols restarts under them.
BULLET_RE = re.compile(r"^[ \t\u3000]*[□■○●◦◎▪▫◇◆▶▷\-–ㆍ·•][ \t\u3000]")
ROMAN_RE = re.compile(r"^[ \t\u3000]*[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.")
