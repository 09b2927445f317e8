"""A PNG chart for a profiled table: matplotlib's Agg backend, in memory only.

Picks the chart the data suits: a line of the trend (number over dates), else bars
of a number summed per category, else bars of row counts per category. Hangul is
drawn with ``documents.fonts.korean_font_path()`` (an installed Korean font, or the
bundled NanumSquare), set per text element so no global matplotlib state changes.
"""

from __future__ import annotations

import io
from collections import defaultdict

from documents.model import Table
from documents.profile import TableProfile, split_header
from documents.values import parse_number

MAX_BARS = 12


def render_chart(table: Table, profile: TableProfile) -> bytes | None:
    plan = _plan(table, profile)
    if plan is None:
        return None
    kind, title, labels, values, y_label = plan
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from documents.fonts import korean_font_path

    path = korean_font_path()
    font = FontProperties(fname=str(path)) if path is not None else FontProperties()
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    positions = list(range(len(labels)))
    if kind == "line":
        axes.plot(positions, values, marker="o", color="#1f5fa8")
    else:
        axes.bar(positions, values, color="#1f5fa8")
    axes.set_xticks(positions)
    axes.set_xticklabels(labels, fontproperties=font, rotation=30 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")
    from matplotlib.ticker import FuncFormatter

    from documents.values import format_number

    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(float(value))))
    for tick in axes.get_yticklabels():
        tick.set_fontproperties(font)
    axes.set_title(title, fontproperties=font, fontsize=14)
    axes.set_ylabel(y_label, fontproperties=font)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _plan(table: Table, profile: TableProfile):  # type: ignore[no-untyped-def]
    from bot.messages import PROFILE_LABELS as L

    if profile.trend is not None and len(profile.trend.points) >= 2:
        trend = profile.trend
        labels = [label for label, _ in trend.points]
        values = [value for _, value in trend.points]
        title = L["chart_trend"].format(value=trend.value_column, date=trend.date_column)
        return "line", title, labels, values, trend.value_column
    category = next((c for c in profile.columns if c.type == "category"), None)
    if category is None or category.unique < 2:
        return None
    number = next((c for c in profile.columns if c.type == "number"), None)
    cat_at = profile.header.index(category.name)
    _, body = split_header(table)
    source = _source_indexes(table, profile)
    if number is not None:
        num_at = profile.header.index(number.name)
        sums: dict[str, float] = defaultdict(float)
        for row in body:
            key = _cell(row, source[cat_at])
            value = parse_number(_cell(row, source[num_at]))
            if key and value is not None:
                sums[key] += value
        top = sorted(sums.items(), key=lambda kv: kv[1], reverse=True)[:MAX_BARS]
        title = L["chart_category"].format(category=category.name, value=number.name)
        return "bar", title, [k for k, _ in top], [v for _, v in top], number.name
    counts = list(category.top)
    title = L["chart_count"].format(category=category.name)
    return "bar", title, [k for k, _ in counts], [float(n) for _, n in counts], L["chart_count_axis"]


def _source_indexes(table: Table, profile: TableProfile) -> list[int]:
    """Map profile columns back to positions in the table rows (empty columns were dropped)."""
    header, _ = split_header(table)
    from documents.profile import column_names

    width = max([len(header)] + [len(r) for r in table.rows]) if table.rows else 0
    names = column_names(header, width)
    return [names.index(name) for name in profile.header]


def _cell(row: tuple[str, ...], index: int) -> str:
    return row[index].strip() if index < len(row) else ""
