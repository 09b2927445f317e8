"""Proofreading throughput on a generated 50-page set of official documents.

Run:  .venv/bin/python benchmarks/proofread_bench.py [--pages 50] [--rounds 5]

Documents of about one A4 page each (a page = 34 lines) are rendered from drafts of every
type, every other one with seeded faults, until the set holds --pages pages of lines. The baseline, measured in the same run on the same texts, is a
plain read (decode from bytes) + line split; figures are best-of-rounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from documents.official import DOC_TYPES, DepartmentInfo, check, fix, offline_draft, render_text  # noqa: E402
from documents.official.draft_model import DraftItem, DraftSection  # noqa: E402

LINES_PER_PAGE = 34
TODAY = dt.date(2025, 7, 31)
DEPT = DepartmentInfo(
    agency="다산구", sender="다산구청장", department="스마트정보과", doc_number_prefix="스마트정보과",
    postcode="12345", address="서울특별시 다산구 다산로 1", phone="02-2100-1234", fax="02-2100-1299",
    email="hong@dasan.go.kr", homepage="www.dasan.go.kr", contact="주무관 홍길동",
)
FAULTS = [
    ("2025. 8. 12.(화)", "2025년 8월 12일(화)"),
    ("14:00", "오후 2시"),
    ("금1,200,000원(금일백이십만원)", "금 1200000원"),
    ("장소: ", "장소 : "),
]


def one_page(index: int) -> str:
    doc_type = DOC_TYPES[index % len(DOC_TYPES)]
    draft = offline_draft(doc_type, f"{index + 1}차 하반기 스마트 행정 교육 계획")
    filler = [
        DraftItem("일시: 2025. 8. 12.(화) 14:00∼16:00", 1),
        DraftItem("장소: 구청 본관 3층 대회의실", 1),
        DraftItem("교육비: 금1,200,000원(금일백이십만원)", 1),
        DraftItem("세부 내용", 1),
        DraftItem("「지방자치법」 제13조에 따른 주민 참여 확대 방안", 2),
        DraftItem("익일까지 참석자 명단 제출", 2),
    ]
    section = draft.sections[-1] if draft.sections else DraftSection(None, [])
    while len(render_text(draft, DEPT, TODAY).split("\n")) < LINES_PER_PAGE:
        section.items.extend(filler)
        if not draft.sections:
            draft.sections.append(section)
    text = render_text(draft, DEPT, TODAY)
    if index % 2:  # every other page carries seeded faults
        for old, new in FAULTS:
            text = text.replace(old, new, 1)
    return text


def best_of(rounds: int, work) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    texts: list[str] = []
    while sum(len(t.split("\n")) for t in texts) < args.pages * LINES_PER_PAGE:
        texts.append(one_page(len(texts)))
    blobs = [t.encode("utf-8") for t in texts]
    lines = sum(len(t.split("\n")) for t in texts)
    pages = lines / LINES_PER_PAGE

    def baseline() -> None:
        for blob in blobs:
            io.BytesIO(blob).read().decode("utf-8").split("\n")

    def checking() -> None:
        for blob in blobs:
            check(blob.decode("utf-8"))

    def fixing() -> None:
        for blob in blobs:
            fix(blob.decode("utf-8"))

    found = sum(len(check(t)) for t in texts)
    t_base, t_check, t_fix = (best_of(args.rounds, f) for f in (baseline, checking, fixing))
    n = len(texts)
    print(f"command: .venv/bin/python benchmarks/proofread_bench.py --pages {args.pages} --rounds {args.rounds}")
    print(f"set: {n} documents, {lines} lines (~{pages:.0f} pages of {LINES_PER_PAGE} lines), {found} findings")
    print(f"baseline read+split: {n / t_base:12.0f} docs/s  ({t_base * 1000:8.2f} ms for the set)")
    print(f"check():             {n / t_check:12.0f} docs/s  ({t_check * 1000:8.2f} ms, {t_check / t_base:7.0f}x baseline)")
    print(f"fix():               {n / t_fix:12.0f} docs/s  ({t_fix * 1000:8.2f} ms, {t_fix / t_base:7.0f}x baseline)")
    print(f"check() pages/s:     {pages / t_check:12.0f}")


if __name__ == "__main__":
    main()
