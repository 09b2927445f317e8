"""Speed of the safety filter on a generated 100 KB Korean document.

    .venv/bin/python benchmarks/safety_bench.py [--chars 100000] [--runs 9]

Compares, in one run on the same text:
  1. the whole filter: ``PiiDetector.detect`` plus ``BannedWords.find`` (when
     ``safety.banned_words`` imports; its example list is loaded);
  2. one plain ``re`` pass: every identifier pattern the detector uses, each
     run once with ``re.finditer`` over the raw text, no validation or context;
  3. Presidio's stock recognizers (KrRrn, KrFrn, KrBrn, KrDriverLicense,
     KrPassport, Phone with region KR, CreditCard, Ip) on the no_op engine.
     Its EmailRecognizer is left out: it calls tldextract.

Goals: whole filter <= 3x the plain ``re`` pass and <= 20 ms per 10,000 chars.
Timings are medians of interleaved runs; on a shared machine compare ratios first.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "{dept}에서는 2025년도 업무계획에 따라 시민 편의 증진을 위한 정보화 사업을 추진하고 있습니다. ",
    "관련 예산은 금{amount}원이며 「지방재정법」 제24조의2에 따라 집행합니다. 시행 {dept}-{num}({date}) ",
    "담당자 {name} 주무관(연락처 {landline})에게 문의하시기 바랍니다. ",
    "민원인 {name}(주민등록번호 {rrn})의 신청서를 접수하였습니다. 회신은 {email}로 보내 주십시오. ",
    "회의는 {address}에서 개최됩니다. 참석 대상은 각 부서 서무 담당자입니다. ",
    "붙임 자료를 참고하여 {date}까지 제출하여 주시기 바랍니다. 시스템 버전 2.10.{num} 기준입니다. ",
    "각 부서에서는 소관 업무에 대한 개선 의견을 검토하여 회신하여 주시기 바랍니다. 기한 내 미제출 시 의견 없음으로 간주합니다. ",
    "휴대전화 {mobile}로 연락 주시면 안내해 드리겠습니다. 주차 차량 {plate} 등록을 요청합니다. ",
    "보조금은 {bank} 계좌 {account}로 입금될 예정이며, 사업자등록번호 {brn} 확인 후 지급합니다. ",
    "추진 실적: 접수 {num}건, 처리 {num}건(처리율 98.7%), 전년 대비 12.4% 증가하였습니다. ",
    "서버 접속 기록(IP {ip}) 점검 결과 이상 징후는 발견되지 않았습니다. ",
    "「개인정보 보호법」 제29조에 따른 안전성 확보 조치 이행 여부를 {date}까지 자체 점검하시기 바랍니다. ",
]
NAMES = ["김민준", "이서연", "박지훈", "최수아", "정우진", "강하은", "조현우", "윤지민"]
DEPTS = ["스마트정보과", "총무과", "교통행정과", "민원봉사과", "기획예산담당관"]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_document(chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        text = rng.choice(PARAGRAPHS).format(
            dept=rng.choice(DEPTS),
            amount=f"{rng.randrange(10_000, 99_999_999):,}",
            num=rng.randrange(1, 9999),
            date=f"2025. {rng.randrange(1, 13)}. {rng.randrange(1, 29)}.",
            name=rng.choice(NAMES),
            landline=f"044-{rng.randrange(200, 999)}-{_digits(rng, 4)}",
            rrn=f"{rng.randrange(60, 99)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}-{rng.choice('12')}{_digits(rng, 6)}",
            email=f"user{rng.randrange(1, 999)}@example.com",
            address=f"세종특별자치시 한누리대로 {rng.randrange(1, 3000)} 정부세종청사 {rng.randrange(1, 9)}동",
            mobile=f"010-{rng.randrange(2000, 9999)}-{_digits(rng, 4)}",
            plate=f"{rng.randrange(10, 999)}가{_digits(rng, 4)}",
            bank=rng.choice(["국민은행", "농협", "신한은행"]),
            account=f"{_digits(rng, 3)}-{_digits(rng, 4)}-{_digits(rng, 4)}-{_digits(rng, 2)}",
            brn=f"{rng.randrange(101, 999)}-{rng.randrange(10, 99)}-{_digits(rng, 5)}",
            ip=f"10.{rng.randrange(0, 255)}.{rng.randrange(0, 255)}.{rng.randrange(1, 255)}",
        )
        if rng.random() < 0.15:
            text += "\n"
        parts.append(text)
        size += len(text)
    return "".join(parts)[:chars]


def interleaved_medians(configs: dict, runs: int) -> dict:
    """Median seconds per config, timing the configs in turn each round so a
    change in machine load affects all of them alike."""
    for fn in configs.values():
        fn()  # warm-up
    times: dict = {name: [] for name in configs}
    for _ in range(runs):
        for name, fn in configs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def plain_patterns() -> list[re.Pattern]:
    """Every regex the detector runs, compiled with plain ``re``."""
    from safety.pii import names
    from safety.pii.engine import build_recognizers

    patterns = []
    for recognizer in build_recognizers(detect_staff_names=True, latest_birth_year=2025):
        for pattern in getattr(recognizer, "patterns", []):
            patterns.append(re.compile(pattern.regex, re.ASCII))
    patterns += [names._TITLE, names._LABEL_BEFORE, names._BEFORE_IDENTIFIER, names._TITLE_THEN_NAME]
    return patterns


def stock_presidio():
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine
    from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, IpRecognizer, PhoneRecognizer
    from presidio_analyzer.predefined_recognizers.country_specific.korea import (
        KrBrnRecognizer,
        KrDriverLicenseRecognizer,
        KrFrnRecognizer,
        KrPassportRecognizer,
        KrRrnRecognizer,
    )

    engine = NoOpNlpEngine(models=[{"lang_code": "ko", "model_name": "no_op"}])
    engine.load()
    registry = RecognizerRegistry(supported_languages=["ko"])
    for recognizer in (
        KrRrnRecognizer(),
        KrFrnRecognizer(),
        KrBrnRecognizer(),
        KrDriverLicenseRecognizer(),
        KrPassportRecognizer(supported_language="ko"),
        PhoneRecognizer(supported_language="ko", supported_regions=("KR",)),
        CreditCardRecognizer(supported_language="ko"),
        IpRecognizer(supported_language="ko"),
    ):
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["ko"])
    return lambda text: analyzer.analyze(text, language="ko")


def load_banned():
    try:
        from safety.banned_words import BannedWords
    except ImportError as exc:
        return None, f"not importable ({exc}); PII only"
    example = ROOT / "safety" / "data" / "banned_words.example.txt"
    if example.exists():
        return BannedWords.from_file(example), f"BannedWords.from_file({example.relative_to(ROOT)})"
    return BannedWords.from_text("금칙어\n비속어\n"), "BannedWords.from_text(2 sample terms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from safety.pii import PiiDetector

    doc = make_document(args.chars)
    per_10k = 10_000 / len(doc) * 1000  # seconds -> ms per 10k chars

    detector = PiiDetector()
    banned, banned_note = load_banned()

    def whole_filter():
        detector.detect(doc)
        if banned is not None:
            banned.find(doc)

    patterns = plain_patterns()
    address_full = [p for p in patterns if "(?P<unit>" in p.pattern]

    def plain_re(selected=patterns):
        for pattern in selected:
            for _ in pattern.finditer(doc):
                pass

    without_address = [p for p in patterns if p not in address_full]
    stock = stock_presidio()

    configs = {
        "filter": whole_filter,
        "pii": lambda: detector.detect(doc),
        "re": plain_re,
        "re_no_addr": lambda: plain_re(without_address),
        "stock": lambda: stock(doc),
    }
    if banned is not None:
        configs["banned"] = lambda: banned.find(doc)
    t = interleaved_medians(configs, args.runs)
    t_filter, t_pii, t_re, t_re_no_addr, t_stock = t["filter"], t["pii"], t["re"], t["re_no_addr"], t["stock"]
    t_banned = t.get("banned", 0.0)

    chat = "안녕하세요. 민원인 김민준(010-2345-6789)님 건 회신 부탁드립니다. 주민등록번호는 900101-1234567입니다."
    t_chat = interleaved_medians({"chat": lambda: detector.detect(chat)}, 201)["chat"]

    findings = detector.detect(doc)
    print(f"command: {' '.join([Path(sys.executable).name] + sys.argv)}")
    print(f"document: {len(doc):,} chars, {len(findings)} PII findings; median of {args.runs} interleaved runs")
    print(f"banned words: {banned_note}")
    rows = [
        ("whole filter (PII + banned words)", t_filter),
        ("  PII detector alone", t_pii),
        ("  banned words alone", t_banned),
        (f"plain re pass ({len(patterns)} patterns)", t_re),
        (f"plain re pass without the full address pattern ({len(without_address)})", t_re_no_addr),
        ("Presidio stock recognizers, no_op engine", t_stock),
    ]
    for label, seconds in rows:
        print(f"{label:<62} {seconds * 1000:8.2f} ms  {seconds * per_10k:6.2f} ms/10k chars")
    print(f"ratio whole filter / plain re pass:            {t_filter / t_re:5.2f}x  (goal <= 3x)")
    print(f"ratio whole filter / plain re without address: {t_filter / t_re_no_addr:5.2f}x")
    print(f"ratio whole filter / Presidio stock:           {t_filter / t_stock:5.2f}x")
    print(f"whole filter per 10k chars: {t_filter * per_10k:.2f} ms  (goal <= 20 ms)")
    print(f"one {len(chat)}-char chat message: {t_chat * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
