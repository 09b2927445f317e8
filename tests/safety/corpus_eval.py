"""Scoring of the detector against the labelled corpus (used by the tests and runnable alone)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from safety.pii import ENTITY_TYPES, PiiDetector

CORPUS = Path(__file__).parent / "data" / "pii_corpus.jsonl"


def load_corpus(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Report:
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)  # gold entities fully covered by a same-type finding
    predicted: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)  # findings overlapping a same-type gold entity
    negative_rows: int = 0
    flagged_negative_rows: int = 0
    misses: list = field(default_factory=list)  # (row id, type) only: no values in reports
    false_alarms: list = field(default_factory=list)

    def recall(self, entity_type: str) -> float:
        return self.found[entity_type] / self.gold[entity_type] if self.gold[entity_type] else 1.0

    def precision(self, entity_type: str) -> float:
        return self.correct[entity_type] / self.predicted[entity_type] if self.predicted[entity_type] else 1.0

    @property
    def negative_flag_rate(self) -> float:
        return self.flagged_negative_rows / self.negative_rows if self.negative_rows else 0.0

    def table(self) -> str:
        lines = [f"{'type':<22}{'gold':>6}{'recall':>9}{'pred':>6}{'precision':>11}"]
        for t in ENTITY_TYPES:
            lines.append(
                f"{t:<22}{self.gold[t]:>6}{self.recall(t):>9.3f}{self.predicted[t]:>6}{self.precision(t):>11.3f}"
            )
        lines.append(
            f"negative rows flagged: {self.flagged_negative_rows}/{self.negative_rows} ({self.negative_flag_rate:.1%})"
        )
        return "\n".join(lines)


def evaluate(detector: PiiDetector, rows: list[dict]) -> Report:
    report = Report()
    for row in rows:
        findings = detector.detect(row["text"])
        gold = row["entities"]
        if row["negative"]:
            report.negative_rows += 1
            if findings:
                report.flagged_negative_rows += 1
        for g in gold:
            report.gold[g["type"]] += 1
            if any(f.type == g["type"] and f.start <= g["start"] and f.end >= g["end"] for f in findings):
                report.found[g["type"]] += 1
            else:
                report.misses.append((row["id"], g["type"]))
        for f in findings:
            report.predicted[f.type] += 1
            if any(f.type == g["type"] and f.start < g["end"] and g["start"] < f.end for g in gold):
                report.correct[f.type] += 1
            else:
                report.false_alarms.append((row["id"], f.type))
    return report


if __name__ == "__main__":
    rep = evaluate(PiiDetector(), load_corpus())
    print(rep.table())
    print("misses:", rep.misses)
    print("false alarms:", rep.false_alarms)
