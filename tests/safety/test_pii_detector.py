"""PiiDetector behaviour: Presidio traps fixed, offsets, switches, guards, offline."""

from __future__ import annotations

import socket
import threading

import pytest

from safety.pii import ENTITY_TYPES, Finding, InputTooLarge, PiiDetector
from safety.pii.checksums import rrn_checksum_ok
from safety.pii.normalize import normalize

RRN_OK = "900101-1234568"  # passes the pre-2020 check digit
RRN_NEW = "900101-1234567"  # fails it, as post-October-2020 numbers may


def spans(detector, text):
    return [(f.type, text[f.start:f.end]) for f in detector.detect(text)]


def only(detector, text, entity_type):
    return [text[f.start:f.end] for f in detector.detect(text) if f.type == entity_type]


def test_fixture_numbers_are_what_they_claim():
    assert rrn_checksum_ok(RRN_OK.replace("-", ""))
    assert not rrn_checksum_ok(RRN_NEW.replace("-", ""))


@pytest.mark.parametrize(
    "number",
    [
        "900101-1234567", "900101 1234567", "900101.1234567", "900101\u20131234567", "900101\u20141234567",
        "900101 - 1234567", "９００１０１－１２３４５６７", "900101-\u200b1234567", "900101\u00a01234567",
        "9 0 0 1 0 1 - 1 2 3 4 5 6 7",
    ],
)
def test_rrn_separator_variants(detector, number):
    text = f"신청인의 주민등록번호는 {number}입니다."
    assert only(detector, text, "KR_RRN") == [number]


def test_rrn_halves_with_labels(detector):
    text = "주민번호 앞자리 900101 뒷자리 1234567 입니다"
    assert only(detector, text, "KR_RRN") == ["900101 뒷자리 1234567"]


def test_failed_checksum_lowers_score_but_keeps_the_number(detector):
    ok = detector.detect(f"번호 {RRN_OK}")
    new = detector.detect(f"번호 {RRN_NEW}")
    assert [f.type for f in ok] == [f.type for f in new] == ["KR_RRN"]
    assert new[0].score < ok[0].score


def test_invalid_dates_are_not_resident_numbers(detector):
    for number in ("901301-1234567", "900230-1234567", "900100-1234567"):
        assert not only(detector, f"번호 {number}", "KR_RRN")


def test_frn_by_gender_digit(detector):
    assert spans(detector, "외국인등록번호 900101-5234567") == [("KR_FRN", "900101-5234567")]


def test_korean_context_with_particles_raises_scores(detector):
    bare = detector.detect("M12345678")
    with_context = detector.detect("여권번호는 M12345678입니다")
    assert [f.type for f in with_context] == ["KR_PASSPORT"]
    assert not bare or with_context[0].score > bare[0].score


def test_context_after_the_value_counts(detector):
    text = "01012345678로 연락 주세요"
    assert detector.detect(text)[0].score > detector.detect("01012345678")[0].score


def test_twelve_digit_number_is_not_a_licence_without_context(detector):
    assert not detector.detect("문서 123456789012 참조")
    assert only(detector, "운전면허번호 123456789012", "KR_DRIVER_LICENSE") == ["123456789012"]


def test_legacy_licence_with_region_name(detector):
    assert only(detector, "면허 서울 12-345678-90", "KR_DRIVER_LICENSE") == ["서울 12-345678-90"]


def test_passport_g_prefix_and_new_format(detector):
    assert only(detector, "관용 여권 G12345678", "KR_PASSPORT") == ["G12345678"]
    assert only(detector, "여권 M123A4567", "KR_PASSPORT") == ["M123A4567"]
    # The new format is distinctive enough to report without context.
    assert only(detector, "M123A4567", "KR_PASSPORT") == ["M123A4567"]


def test_account_and_health_insurance_need_context(detector):
    assert not detector.detect("110-123-456789")
    assert only(detector, "계좌 110-123-456789", "KR_BANK_ACCOUNT") == ["110-123-456789"]
    assert not detector.detect("번호 51234567890")
    assert only(detector, "건강보험증 번호 51234567890", "KR_HEALTH_INSURANCE") == ["51234567890"]


def test_card_requires_luhn(detector):
    assert only(detector, "카드 4111-1111-1111-1111", "CREDIT_CARD") == ["4111-1111-1111-1111"]
    assert not detector.detect("주문 4111-1111-1111-1112")


@pytest.mark.parametrize(
    "text",
    [
        "시행 스마트정보과-1234 (2025. 7. 31.)",
        "금113,560원",
        "「개인정보 보호법」 제24조의2제1항",
        "ISBN 978-89-6626-123-4",
        "바코드 8801234567893",
        "버전 1.2.3.4 배포",
        "예산과목 1011-301-0001",
        "문서번호 010-2025-0001",
        "대표전화 1588-1234",
        "우리 팀장님께 보고",
        "홍보팀장 회의",
        "고객님 안녕하세요",
    ],
)
def test_hard_negatives(detector, text):
    assert detector.detect(text) == []


def test_offsets_point_into_the_original_text(detector):
    text = "\u200b\u200b연락처：\uff10\uff11\uff10\u2013１２３４\u2013５６７８ 그리고 ｅｍａｉｌ hong@example.com"
    found = detector.detect(text)
    assert [(f.type, text[f.start:f.end]) for f in found] == [
        ("PHONE_NUMBER", "\uff10\uff11\uff10\u2013１２３４\u2013５６７８"),
        ("EMAIL_ADDRESS", "hong@example.com"),
    ]


def test_normalize_maps_spans_back():
    original = "a\u200bb１２…c－d"
    norm = normalize(original)
    assert norm.text == "ab12...c-d"
    for start in range(len(norm.text)):
        for end in range(start + 1, len(norm.text) + 1):
            o_start, o_end = norm.span(start, end)
            assert 0 <= o_start < o_end <= len(original)
            assert normalize(original[o_start:o_end]).text.find(norm.text[start:end]) >= 0


def test_identity_normalisation_is_free():
    assert normalize("평범한 텍스트 010-1234-5678").identity


def test_findings_are_sorted_non_overlapping_and_above_threshold(detector):
    text = "민원인 김철수(010-1234-5678, kim@example.com) 주민등록번호 900101-1234568, 계좌 국민은행 123456-01-123456"
    found = detector.detect(text)
    assert found == sorted(found, key=lambda f: f.start)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(isinstance(f, Finding) and f.type in ENTITY_TYPES and f.score >= detector.threshold for f in found)
    assert {f.type for f in found} == {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "KR_RRN", "KR_BANK_ACCOUNT"}


def test_findings_are_frozen(detector):
    f = detector.detect("010-1234-5678")[0]
    with pytest.raises(Exception):
        f.start = 3


def test_threshold_parameter():
    strict = PiiDetector(threshold=0.95)
    assert strict.detect(f"번호 {RRN_NEW}") == []
    assert strict.detect("이메일 hong@example.com")


def test_staff_names_switch(detector, citizen_only_detector):
    text = "김철수 주무관과 기안자 박영수, 민원인 이영희님, 성명: 최민수, 정하늘 씨"
    both = only(detector, text, "PERSON")
    citizens = only(citizen_only_detector, text, "PERSON")
    assert both == ["김철수", "박영수", "이영희", "최민수", "정하늘"]
    assert citizens == ["이영희", "최민수", "정하늘"]


def test_names_with_particles_and_compound_surnames(detector):
    assert only(detector, "민원인 남궁민수가 방문", "PERSON") == ["남궁민수"]
    assert only(detector, "대표자 성명 오현정", "PERSON") == ["오현정"]
    assert only(detector, "홍길동 010-1234-5678", "PERSON") == ["홍길동"]


def test_input_size_guard():
    small = PiiDetector(max_chars=10)
    assert small.detect("0123456789") == []
    with pytest.raises(InputTooLarge) as exc:
        small.detect("01234567890")
    assert exc.value.size == 11 and exc.value.limit == 10


def test_rejects_non_text(detector):
    with pytest.raises(TypeError):
        detector.detect(b"010-1234-5678")


def test_empty_text(detector):
    assert detector.detect("") == []


def test_no_network_and_no_stderr(monkeypatch, capfd):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    det = PiiDetector()
    assert det.detect("메일 hong@example.com, 서버 10.1.2.3, 연락처 010-1234-5678")
    out, err = capfd.readouterr()
    assert err == ""


def test_deterministic_and_thread_safe(detector):
    text = "민원인 김철수(010-1234-5678) 주민등록번호 900101-1234568 " * 50
    expected = detector.detect(text)
    results = []

    def work():
        results.append(detector.detect(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_fresh_process_is_silent_and_offline(tmp_path):
    """A new interpreter with empty caches: no stderr output, no network needed."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from safety.pii import PiiDetector\n"
        "print(len(PiiDetector().detect('메일 a@example.com 연락처 010-1234-5678')))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TLDEXTRACT", "PYTHONWARNINGS"))}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2"
    assert proc.stderr == ""
    assert not (tmp_path / "cache").exists()


def test_approval_block_names_title_first(detector, citizen_only_detector):
    text = "주무관 김보안  정보보안팀장 박철민  스마트정보과장 이정훈\n협조자"
    assert only(detector, text, "PERSON") == ["김보안", "박철민", "이정훈"]
    assert only(citizen_only_detector, text, "PERSON") == []


def test_every_mention_of_a_found_name_is_reported(detector):
    text = "김보안 주무관에게 문의하세요. 김보안에게 전달했고, 김보안팀 회의는 별개입니다."
    assert only(detector, text, "PERSON") == ["김보안", "김보안"]
