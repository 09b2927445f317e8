"""Profile a table locally for 분석: the model gets this summary, never the whole sheet.

``profile_table`` infers each column's type (number, date, category, text), counts
missing values, computes statistics and top categories, and fits a simple trend of
the first numeric column over the first date column. ``TableProfile.as_text()`` is
the compact Korean-labelled text sent to the model, with a few sample rows only.
``render_chart`` (documents/chart.py) draws a PNG when a column suits one.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from documents.model import Table
from documents.values import format_number, is_missing, parse_date, parse_number

TYPE_SHARE = 0.9  # share of non-missing cells that must parse for a number/date column
CATEGORY_MAX_UNIQUE = 30
HEADER_SCAN_ROWS = 10
TOP_CATEGORIES = 5
TREND_MAX_POINTS = 36
SAMPLE_CELL_CHARS = 40


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    type: str  # "number", "date", "category", "text"
    count: int  # non-missing cells
    missing: int
    unique: int
    stats: dict[str, float] = field(default_factory=dict)  # min, max, mean, median, sum
    first: str = ""  # earliest date (date columns)
    last: str = ""
    top: tuple[tuple[str, int], ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trend:
    date_column: str
    value_column: str
    period: str  # "day", "month" or "year"
    points: tuple[tuple[str, float], ...]  # (period label, sum of values), in time order
    slope: float  # least-squares change per period
    direction: str  # "up", "down", "flat"

    @property
    def change_pct(self) -> float | None:
        first, last = self.points[0][1], self.points[-1][1]
        return None if first == 0 else (last - first) / abs(first) * 100


@dataclass(frozen=True)
class TableProfile:
    name: str
    rows: int
    columns: tuple[ColumnProfile, ...]
    header: tuple[str, ...]
    sample: tuple[tuple[str, ...], ...]
    trend: Trend | None = None

    def column(self, name: str) -> ColumnProfile | None:
        return next((c for c in self.columns if c.name == name), None)

    def as_text(self, max_chars: int = 6000) -> str:
        from bot.messages import PROFILE_LABELS as L
        from bot.messages import PROFILE_TYPE_NAMES as T

        lines = [L["header"].format(name=self.name, rows=f"{self.rows:,}", columns=len(self.columns))]
        for col in self.columns:
            line = L["column"].format(name=col.name, type=T[col.type], missing=f"{col.missing:,}")
            detail = _detail(col, L)
            lines.append(f"{line}; {detail}" if detail else line)
        if self.trend is not None:
            lines.append(_trend_line(self.trend, L))
        if self.sample:
            lines.append(L["sample"].format(count=len(self.sample)))
            lines.append(" | ".join(self.header))
            lines.extend(" | ".join(_short(c) for c in row) for row in self.sample)
        text = "\n".join(lines)
        return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def profile_table(table: Table, sample_rows: int = 5) -> TableProfile:
    header, body = split_header(table)
    width = max([len(header)] + [len(r) for r in body]) if (header or body) else 0
    header = column_names(header, width)
    columns = tuple(_profile_column(header[i], [r[i] if i < len(r) else "" for r in body]) for i in range(width))
    # Columns empty in every row carry nothing; drop them from the profile.
    keep = [i for i, c in enumerate(columns) if c.count > 0]
    columns = tuple(columns[i] for i in keep)
    header = tuple(header[i] for i in keep)
    sample = tuple(tuple(r[i] if i < len(r) else "" for i in keep) for r in body[:sample_rows])
    return TableProfile(
        name=table.name,
        rows=len(body),
        columns=columns,
        header=header,
        sample=sample,
        trend=_trend(header, columns, body, keep),
    )


def render_chart(table: Table, profile: TableProfile) -> bytes | None:
    """A PNG chart of the table when a column suits one, else None (see chart.py)."""
    from documents.chart import render_chart as render

    return render(table, profile)


def split_header(table: Table) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    rows = [r for r in table.rows if any(c.strip() for c in r)]
    if not rows:
        return (), []
    if not table.has_header:
        return (), rows
    # Sheets often open with a title row and blank cells before the real header:
    # take the first row that is mostly filled with non-numeric labels.
    widest = max(sum(1 for c in r if c.strip()) for r in rows[:HEADER_SCAN_ROWS])
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        filled = [c for c in row if c.strip()]
        if len(filled) >= max(2, 0.6 * widest) and all(parse_number(c) is None for c in filled):
            return row, rows[index + 1 :]
    return rows[0], rows[1:]


def column_names(header: tuple[str, ...], width: int) -> tuple[str, ...]:
    names: list[str] = []
    seen: Counter[str] = Counter()
    for i in range(width):
        name = header[i].strip() if i < len(header) and header[i].strip() else f"열{i + 1}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return tuple(names)


def _profile_column(name: str, cells: list[str]) -> ColumnProfile:
    values = [c.strip() for c in cells if not is_missing(c)]
    missing = len(cells) - len(values)
    unique = len(set(values))
    if not values:
        return ColumnProfile(name, "text", 0, missing, 0)
    dates = [d for d in (parse_date(v) for v in values) if d is not None]
    if len(dates) >= TYPE_SHARE * len(values):
        ordered = sorted(d for d, _ in dates)
        return ColumnProfile(name, "date", len(values), missing, unique,
                             first=ordered[0].isoformat(), last=ordered[-1].isoformat())
    numbers = [n for n in (parse_number(v) for v in values) if n is not None]
    if len(numbers) >= TYPE_SHARE * len(values):
        stats = {
            "min": min(numbers),
            "max": max(numbers),
            "mean": statistics.fmean(numbers),
            "median": statistics.median(numbers),
            "sum": sum(numbers),
        }
        return ColumnProfile(name, "number", len(values), missing, unique, stats=stats)
    counts = Counter(values)
    if unique <= CATEGORY_MAX_UNIQUE and unique <= 0.5 * len(values):
        return ColumnProfile(name, "category", len(values), missing, unique,
                             top=tuple(counts.most_common(TOP_CATEGORIES)))
    examples = tuple(dict.fromkeys(values))[:3]
    return ColumnProfile(name, "text", len(values), missing, unique, examples=examples)


def _trend(header, columns, body, keep) -> Trend | None:  # type: ignore[no-untyped-def]
    date_at = next((i for i, c in enumerate(columns) if c.type == "date"), None)
    value_at = next((i for i, c in enumerate(columns) if c.type == "number"), None)
    if date_at is None or value_at is None:
        return None
    sums: dict[str, float] = {}
    granularity = set()
    for row in body:
        src_d, src_v = keep[date_at], keep[value_at]
        if src_d >= len(row) or src_v >= len(row):
            continue
        parsed, number = parse_date(row[src_d]), parse_number(row[src_v])
        if parsed is None or number is None:
            continue
        granularity.add(parsed[1])
        day = parsed[0]
        key = day.isoformat() if parsed[1] == "day" else day.isoformat()[:7]
        sums[key] = sums.get(key, 0.0) + number
    if len(sums) < 2:
        return None
    period = "day" if granularity == {"day"} else "month"
    if period == "day" and len({k[:7] for k in sums}) >= 3:
        # Daily rows over several months read better as months.
        monthly: dict[str, float] = {}
        for key, value in sums.items():
            monthly[key[:7]] = monthly.get(key[:7], 0.0) + value
        sums, period = monthly, "month"
    if period == "month" and len({k[:4] for k in sums}) > TREND_MAX_POINTS // 12 + 1:
        yearly: dict[str, float] = {}
        for key, value in sums.items():
            yearly[key[:4]] = yearly.get(key[:4], 0.0) + value
        sums, period = yearly, "year"
    points = tuple(sorted(sums.items()))[-TREND_MAX_POINTS:]
    if len(points) < 2:
        return None
    slope = _slope([v for _, v in points])
    mean = statistics.fmean(abs(v) for _, v in points) or 1.0
    relative = slope * (len(points) - 1) / mean
    direction = "flat" if abs(relative) < 0.02 else ("up" if slope > 0 else "down")
    return Trend(header[date_at], header[value_at], period, points, slope, direction)


def _slope(values: list[float]) -> float:
    n = len(values)
    mean_x = (n - 1) / 2
    mean_y = statistics.fmean(values)
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    den = sum((i - mean_x) ** 2 for i in range(n))
    return num / den if den else 0.0


def _detail(col: ColumnProfile, labels: dict[str, str]) -> str:
    if col.type == "number" and col.stats:
        return labels["number"].format(**{k: format_number(v) for k, v in col.stats.items()})
    if col.type == "date":
        return labels["date"].format(first=col.first, last=col.last)
    if col.type == "category":
        top = ", ".join(f"{_short(v)}({n:,})" for v, n in col.top)
        return labels["category"].format(unique=col.unique, top=top)
    if col.type == "text":
        return labels["text"].format(unique=f"{col.unique:,}", examples=", ".join(_short(e) for e in col.examples))
    return ""


def _trend_line(trend: Trend, labels: dict[str, str]) -> str:
    change = labels["trend_" + trend.direction]
    pct = trend.change_pct
    if pct is not None:
        change = f"{change}, {pct:+.1f}%"
    (first_label, first), (last_label, last) = trend.points[0], trend.points[-1]
    return labels["trend"].format(
        date=trend.date_column,
        value=trend.value_column,
        first_label=first_label,
        first=format_number(first),
        last_label=last_label,
        last=format_number(last),
        change=change,
    )


def _short(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= SAMPLE_CELL_CHARS else value[: SAMPLE_CELL_CHARS - 1] + "…"
