"""Locating a font that can draw Hangul, for charts and test fixtures."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

BUNDLED_FONT = Path(__file__).with_name("NanumSquareR.ttf")

# Families known to cover Hangul, best first. Matched against matplotlib's font list
# so an installed system font wins over the bundled one (it may have bold weights).
PREFERRED_FAMILIES = (
    "NanumGothic",
    "NanumBarunGothic",
    "NanumSquare",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "UnDotum",
)


def bundled_font_path() -> Path:
    return BUNDLED_FONT


@lru_cache(maxsize=1)
def korean_font_path() -> Path | None:
    """An installed Korean font if matplotlib knows one, else the bundled NanumSquare.

    None only when neither exists (a wheel built without package data for *.ttf).
    """
    try:
        from matplotlib import font_manager
    except ImportError:
        font_manager = None
    if font_manager is not None:
        by_name = {f.name: Path(f.fname) for f in font_manager.fontManager.ttflist}
        for family in PREFERRED_FAMILIES:
            path = by_name.get(family)
            if path is not None and path.is_file():
                return path
    return BUNDLED_FONT if BUNDLED_FONT.is_file() else None
