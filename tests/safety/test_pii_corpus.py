"""The detector against the labelled corpus in data/pii_corpus.jsonl.

The corpus is made by make_pii_corpus.py (synthetic values, correct check
digits, post-2020 resident numbers, every separator variant, hard negatives).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from safety.pii import ENTITY_TYPES

from .conftest import add_report
from .corpus_eval import CORPUS, evaluate, load_corpus

RECALL_GOALS = {
    "KR_RRN": 0.99, "KR_FRN": 0.99, "PHONE_NUMBER": 0.99, "EMAIL_ADDRESS": 0.99, "CREDIT_CARD": 0.99,
    "KR_PASSPORT": 0.95, "KR_DRIVER_LICENSE": 0.95, "KR_BRN": 0.95, "KR_CRN": 0.95, "KR_BANK_ACCOUNT": 0.95,
    "PERSON": 0.90,
}
MAX_NEGATIVE_FLAG_RATE = 0.02


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load_corpus()


@pytest.fixture(scope="module")
def report(detector, rows):
    rep = evaluate(detector, rows)
    add_report(rep.table())
    print(rep.table())
    return rep


def test_corpus_shape(rows):
    assert len(rows) >= 300
    types = Counter(e["type"] for r in rows for e in r["entities"])
    assert set(ENTITY_TYPES) <= set(types), set(ENTITY_TYPES) - set(types)
    assert sum(r["negative"] for r in rows) >= 50
    tags = {t for r in rows for t in r["tags"]}
    for sep in ("hyphen", "space", "dot", "en_dash", "em_dash", "fullwidth_hyphen", "none", "zero_width", "nbsp",
                "fullwidth_digits", "spaced_digits"):
        assert f"sep:{sep}" in tags
    assert "post2020" in tags
    for row in rows:
        for e in row["entities"]:
            assert 0 <= e["start"] < e["end"] <= len(row["text"])


@pytest.mark.parametrize("entity_type", sorted(RECALL_GOALS))
def test_recall(report, entity_type):
    assert report.recall(entity_type) >= RECALL_GOALS[entity_type], (
        f"{entity_type} recall {report.recall(entity_type):.3f}; misses {[m for m in report.misses if m[1] == entity_type]}"
    )


def test_every_type_is_found_at_least_mostly(report):
    for entity_type in ENTITY_TYPES:
        assert report.recall(entity_type) >= 0.9, entity_type


def test_negative_rows_stay_clean(report):
    assert report.negative_flag_rate <= MAX_NEGATIVE_FLAG_RATE, report.false_alarms


def test_precision_is_reported_and_sane(report):
    for entity_type in ENTITY_TYPES:
        assert report.precision(entity_type) >= 0.9, (entity_type, report.false_alarms)


def test_post_2020_numbers_are_found_despite_failed_checksum(detector, rows):
    post = [r for r in rows if "post2020" in r["tags"]]
    assert len(post) >= 10
    for row in post:
        found = detector.detect(row["text"])
        for e in row["entities"]:
            assert any(f.type == e["type"] and f.start <= e["start"] and f.end >= e["end"] for f in found), row["id"]


def test_committed_corpus_matches_generator(tmp_path, monkeypatch):
    pytest.importorskip("faker")
    from . import make_pii_corpus

    generated = tmp_path / "corpus.jsonl"
    monkeypatch.setattr(make_pii_corpus, "OUT", generated)
    make_pii_corpus.main()
    committed = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    fresh = [json.loads(line) for line in generated.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert fresh == committed
