from __future__ import annotations

import io
import warnings

from PIL import Image

from documents.model import Table
from documents.profile import profile_table, render_chart

DEPARTMENTS = ["자치행정과", "복지정책과", "환경과"]


def budget_table() -> Table:
    rows: list[tuple[str, ...]] = [("2025년 부서별 집행 현황", "", "", ""), ("", "", "", ""), ("일자", "부서", "집행액(원)", "비고")]
    for month in range(1, 7):
        for index, dept in enumerate(DEPARTMENTS):
            amount = 100_000 * month + 10_000 * index
            rows.append((f"2025. {month}. 15.", dept, f"{amount:,}", "-" if month == 3 else ""))
    rows.append(("2025. 7. 15.", "환경과", "△50,000", "환불"))
    return Table(name="집행", rows=tuple(rows))


def test_profile_types_missing_stats_and_trend():
    profile = profile_table(budget_table())
    assert profile.rows == 19
    assert profile.header == ("일자", "부서", "집행액(원)", "비고")
    by_name = {c.name: c for c in profile.columns}
    assert by_name["일자"].type == "date" and by_name["일자"].first == "2025-01-15" and by_name["일자"].last == "2025-07-15"
    assert by_name["부서"].type == "category" and by_name["부서"].top[0] == ("환경과", 7)
    amount = by_name["집행액(원)"]
    assert amount.type == "number" and amount.missing == 0
    expected = [100_000 * m + 10_000 * i for m in range(1, 7) for i in range(3)] + [-50_000]
    assert amount.stats["sum"] == sum(expected) and amount.stats["min"] == -50_000
    assert amount.stats["max"] == 620_000
    assert by_name["비고"].missing == 18  # "-" and blanks are missing values
    trend = profile.trend
    assert trend is not None and trend.period == "month" and trend.direction == "up"
    assert trend.points[0] == ("2025-01", 330_000.0) and trend.points[-1] == ("2025-07", -50_000.0)


def test_as_text_is_compact_korean_and_samples_only():
    table = budget_table()
    big = Table("큰표", (("이름", "값"),) + tuple((f"사람{i}", str(i)) for i in range(10_000)))
    text = profile_table(big, sample_rows=5).as_text()
    assert "10,000행 × 2열" in text
    assert "사람4 | 4" in text and "사람5 | 5" not in text  # five sample rows, not the sheet
    assert len(text) < 1000
    summary = profile_table(table).as_text()
    assert "집행액(원) (숫자): 빈 값 0개" in summary
    assert "부서 (범주)" in summary and "환경과(7)" in summary
    assert "추세(일자 기준 집행액(원))" in summary


def test_chart_png_with_korean_labels_and_no_missing_glyphs():
    table = budget_table()
    profile = profile_table(table)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        png = render_chart(table, profile)
    assert png is not None and png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png))
    assert image.size == (800, 450)


def test_category_only_table_gets_count_bars_and_plain_text_gets_none():
    counts = Table("민원", (("유형",),) + tuple((t,) for t in ["주차", "소음", "주차", "쓰레기", "주차", "소음"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert render_chart(counts, profile_table(counts)) is not None
    notes = Table("메모", (("내용",),) + tuple((f"서로 다른 메모 {i}",) for i in range(10)))
    profile = profile_table(notes)
    assert profile.columns[0].type == "text"
    assert render_chart(notes, profile) is None


def test_bundled_font_covers_hangul_and_office_symbols():
    # Machines without a Korean font fall back to this file; it must draw any label.
    from fontTools.ttLib import TTFont

    from documents.fonts import bundled_font_path

    cmap = TTFont(str(bundled_font_path())).getBestCmap()
    assert all(code in cmap for code in range(0xAC00, 0xD7A4))  # all 11,172 syllables
    assert all(ord(ch) in cmap for ch in "□○ㆍ「」①∼₩%")
