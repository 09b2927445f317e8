"""Regressions from the second review: quadratic name pass, identifier false
positives, mobile numbers lost to negative context, bank short names, and
hostile repeats in the banned-word gate and the address recogniser."""

from __future__ import annotations

import itertools
import time

import pytest

from safety.banned.matcher import BannedWords
from safety.pii import names as names_module
from safety.pii.names import PersonRecognizer
from safety.pii.places import AddressRecognizer


def found(detector, text):
    return [(f.type, text[f.start:f.end]) for f in detector.detect(text)]


def types_found(detector, text):
    return {f.type for f in detector.detect(text)}


# ------------------------------------------------------------ 1. name pass is linear


def _distinct_titled_names(chars: int) -> str:
    surnames = sorted(set(names_module._SURNAMES))
    given = sorted(names_module._GIVEN_SYLLABLES)
    out, size = [], 0
    for sur, a, b in itertools.product(surnames, given, given):
        if size >= chars:
            break
        piece = f"{sur}{a}{b}님 "
        out.append(piece)
        size += len(piece)
    text = "".join(out)[:chars]
    assert len(text) == chars
    return text


def _best_time(fn, text, repeat=2):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return best


def test_other_occurrences_pass_scales_linearly():
    rec = PersonRecognizer(detect_staff_names=True)
    small, large = _distinct_titled_names(100_000), _distinct_titled_names(400_000)
    assert len(set(small.split())) > 10_000  # many distinct names, the quadratic case
    run = lambda t: rec.analyze(t, None)  # noqa: E731
    run(small[:5_000])  # warm-up
    t_small, t_large = _best_time(run, small), _best_time(run, large)
    assert t_large < 8 * t_small, (t_small, t_large)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("김보안 주무관이 작성, 담당 김보안", ["김보안", "김보안"]),
        ("김보안 주무관이 작성, 김보안님께 전달, 김보안에게 회신", ["김보안", "김보안", "김보안"]),
        ("김보안 주무관 보고. 김보안팀 회의", ["김보안"]),  # "김보안팀" is another word
    ],
)
def test_other_mentions_of_a_found_name_still_masked(text, expected):
    rec = PersonRecognizer(detect_staff_names=True)
    got = sorted((r.start, text[r.start:r.end]) for r in rec.analyze(text, None))
    assert [v for _, v in got] == expected


# ------------------------------------------------------------ 2. identifier false positives


@pytest.mark.parametrize(
    "text, entity_type",
    [
        ("물품 8801062123456 10개 구매", "KR_RRN"),
        ("생수(8801115123456)", "KR_FRN"),
        ("접수일시 9501012345678", "KR_RRN"),
        ("사업번호 G20251234", "KR_PASSPORT"),
        ("회의실 예약번호 R20250731", "KR_PASSPORT"),
        ("과제번호 D20250012", "KR_PASSPORT"),
        ("회계 11-01-123456-01", "KR_DRIVER_LICENSE"),
        ("세목 12-01-123456-01 집행", "KR_DRIVER_LICENSE"),
    ],
)
def test_identifier_lookalikes_not_reported(detector, text, entity_type):
    assert entity_type not in types_found(detector, text), found(detector, text)


@pytest.mark.parametrize(
    "text, entity_type, value",
    [
        ("주민등록번호 9501012345678", "KR_RRN", "9501012345678"),  # bare, failed check digit, context
        ("9001011234568", "KR_RRN", "9001011234568"),  # bare, valid check digit
        ("주민등록번호 8801011234567", "KR_RRN", "8801011234567"),  # born 1988: 880 with context
        ("여권번호 M12345678", "KR_PASSPORT", "M12345678"),
        ("관용 여권 G20251234 발급", "KR_PASSPORT", "G20251234"),
        ("M123A4567", "KR_PASSPORT", "M123A4567"),  # the current shape needs no context
        ("운전면허 11-01-123456-01", "KR_DRIVER_LICENSE", "11-01-123456-01"),
    ],
)
def test_identifiers_still_found(detector, text, entity_type, value):
    assert (entity_type, value) in found(detector, text)


# ------------------------------------------------------------ 3. mobile numbers near numbering words


@pytest.mark.parametrize(
    "text, value",
    [
        ("2025년 예산 설명회 참석자 김민수 010-1234-5678", "010-1234-5678"),
        ("공고 제2025-12호 관련 담당 010-1234-5678", "010-1234-5678"),
        ("주문하신 분 010-2345-6789", "010-2345-6789"),
        ("시행 관련 문의는 010.2345.6789", "010.2345.6789"),
        ("송장 조회 코드 안내 010 2345 6789", "010 2345 6789"),
        ("주문자 +82 10-2345-6789", "+82 10-2345-6789"),
    ],
)
def test_separated_mobile_ignores_negative_context(detector, text, value):
    assert ("PHONE_NUMBER", value) in found(detector, text)


def test_number_labelled_as_document_number_still_not_a_phone(detector):
    assert "PHONE_NUMBER" not in types_found(detector, "문서번호 010-2025-0001")


# ------------------------------------------------------------ 4. bank short names


@pytest.mark.parametrize(
    "text, value",
    [
        ("신한 110-123-456789", "110-123-456789"),
        ("하나 123-456789-12345", "123-456789-12345"),
        ("KB국민 123456-01-234567", "123456-01-234567"),
        ("IBK기업 123-123456-01-012", "123-123456-01-012"),
        ("토스뱅크 1000-1234-5678", "1000-1234-5678"),
        ("우리 1002-123-456789", "1002-123-456789"),
    ],
)
def test_bank_short_name_opens_account_gate(detector, text, value):
    assert ("KR_BANK_ACCOUNT", value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    ["부산 051-123-4567 대표전화", "우리 부서 2025-1234-5678 건", "하나 더 말씀드리면 12월 3일 회의"],
)
def test_bank_short_names_do_not_make_other_numbers_accounts(detector, text):
    assert "KR_BANK_ACCOUNT" not in types_found(detector, text), found(detector, text)


# ------------------------------------------------------------ 5. hostile repeats


@pytest.fixture(scope="module")
def banned():
    return BannedWords.from_text("시발 +초성\n!시발점\n병신\n")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "깨끗한 문장입니다. " * 20_000,
        "깨끗한 문장입니다. " * 20_000 + "시발",
        "시발점 " * 30_000,
        "시발점 " * 30_000 + "ㅅㅂ",
        "ㅅㅂ " * 1_000,
        "가" * 65_536 + "시발",
    ],
)
def test_contains_agrees_with_find(banned, text):
    assert banned.contains(text) == bool(banned.find(text))


def test_contains_stops_at_first_chunk_with_a_hit(banned, monkeypatch):
    scanned = []
    original = BannedWords.all_hits

    def spy(self, text):
        scanned.append(len(text))
        return original(self, text)

    monkeypatch.setattr(BannedWords, "all_hits", spy)
    text = "ㅅㅂ " * 700_000  # 2.1M characters, every word a hit
    assert banned.contains(text)
    assert sum(scanned) < len(text) // 10, scanned


def test_gate_refuses_user_text_without_finding_every_hit(banned):
    from safety.gate import Blocked, RequestGuard

    class Spy(BannedWords):
        def find(self, text):  # pragma: no cover - must not be reached
            raise AssertionError("find() on user text")

    spy = Spy.from_text("시발 +초성\n")

    class Gate:
        max_chars = 10_000_000

        def banned(self):
            return spy

    guard = RequestGuard(Gate(), external=True, raw_allowed=False)
    with pytest.raises(Blocked) as exc:
        guard.inbound("ㅅㅂ " * 700_000, source="message")
    assert exc.value.reason == "banned_word"


class _CountingRegex:
    def __init__(self, compiled):
        self.compiled = compiled
        self.calls = 0

    def search(self, *args):
        self.calls += 1
        return self.compiled.search(*args)


def test_address_anchor_repeats_skip_the_full_pattern():
    rec = AddressRecognizer()
    (pattern, compiled), = rec._compiled
    counter = _CountingRegex(compiled)
    rec._compiled = [(pattern, counter)]
    assert rec.analyze("로 1" * 100_000, None) == []
    assert counter.calls == 0
    text = "주소: 서울특별시 종로구 세종대로 209, 101동 1203호 / 경기 성남시 분당구 판교역로 235 / 강남구 테헤란로 1"
    assert len(rec.analyze(text, None)) == 3


def test_address_hostile_repeat_is_fast():
    rec = AddressRecognizer()
    hostile = "로 1" * 333_334  # ~1M characters
    t0 = time.perf_counter()
    rec.analyze(hostile, None)
    assert time.perf_counter() - t0 < 1.5
