"""The labelled corpus: every fault found on its line, no error on correct documents, and
``fix`` output re-checks clean wherever all faults are fixable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from documents.official import check, fix
from documents.official.doctypes import DOC_TYPES

CORPUS = Path(__file__).parent / "corpus"
ENTRIES = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text("utf-8").splitlines() if line.strip()]
CORRECT = [e for e in ENTRIES if not e["faults"]]
FAULTY = [e for e in ENTRIES if e["faults"]]


def _text(entry: dict) -> str:
    return (CORPUS / entry["file"]).read_text("utf-8")


def test_corpus_size_and_coverage() -> None:
    assert len(CORRECT) >= 40 and len(FAULTY) >= 40
    assert {e["type"] for e in CORRECT} == set(DOC_TYPES)
    assert {e["type"] for e in FAULTY} == set(DOC_TYPES)


@pytest.mark.parametrize("entry", CORRECT, ids=[e["file"] for e in CORRECT])
def test_correct_document_has_no_error(entry: dict) -> None:
    text = _text(entry)
    for doc_type in (entry["type"], None):
        errors = [v for v in check(text, doc_type) if v.severity == "error"]
        assert errors == [], f"{doc_type}: {errors}"


@pytest.mark.parametrize("entry", FAULTY, ids=[e["file"] for e in FAULTY])
def test_every_labelled_fault_is_found_on_its_line(entry: dict) -> None:
    found = check(_text(entry), entry["type"])
    found_keys = {(v.rule, v.line) for v in found}
    labels = {(f["rule"], f["line"]) for f in entry["faults"]}
    assert labels <= found_keys, f"missing {labels - found_keys}"
    # No error beyond the labelled ones: a fault must not cascade into unrelated reports.
    assert {(v.rule, v.line) for v in found if v.severity == "error"} <= labels


FIXABLE = [e for e in FAULTY if e["fixable"]]


@pytest.mark.parametrize("entry", FIXABLE, ids=[e["file"] for e in FIXABLE])
def test_fix_output_rechecks_clean(entry: dict) -> None:
    result = fix(_text(entry), entry["type"])
    after = check(result.text, entry["type"])
    labelled_rules = {f["rule"] for f in entry["faults"]}
    assert [v for v in after if v.severity == "error" or v.rule in labelled_rules] == []
    assert {v.rule for v in result.applied} >= labelled_rules
    if entry.get("restores"):
        # Faults seeded into a correct document: fixing gives that document back exactly.
        assert result.text == (CORPUS / entry["source"]).read_text("utf-8")


def test_fix_leaves_correct_documents_unchanged() -> None:
    for entry in CORRECT:
        text = _text(entry)
        assert fix(text, entry["type"]).text == text, entry["file"]


def test_fix_is_idempotent_on_the_whole_corpus() -> None:
    for entry in ENTRIES:
        once = fix(_text(entry), entry["type"]).text
        assert fix(once, entry["type"]).text == once, entry["file"]
