"""Masker: typed placeholders, stable per value, restore, streaming restore."""

from __future__ import annotations

import random

import pytest

from safety.masking import Masker
from safety.pii import Finding

TEXT = "김철수 주무관(010-1234-5678)과 이영희(01012345678), 다시 010-1234-5678로 연락. 주민등록번호 900101-1234568"


@pytest.fixture
def masked(detector):
    masker = Masker()
    return masker, masker.mask(TEXT, detector.detect(TEXT))


def test_typed_korean_placeholders(masked):
    masker, out = masked
    assert out == "<이름_1> 주무관(<전화번호_1>)과 <이름_2>(<전화번호_1>), 다시 <전화번호_1>로 연락. 주민등록번호 <주민등록번호_1>"
    assert masker.counts == {"PERSON": 2, "PHONE_NUMBER": 3, "KR_RRN": 1}


def test_same_value_same_placeholder_across_calls(detector):
    masker = Masker()
    first = masker.mask("연락처 010-2222-3333", detector.detect("연락처 010-2222-3333"))
    second_text = "번호 010-9999-8888 또는 010.2222.3333"
    second = masker.mask(second_text, detector.detect(second_text))
    assert first == "연락처 <전화번호_1>"
    assert second == "번호 <전화번호_2> 또는 <전화번호_1>"


def test_new_masker_starts_over(detector):
    a, b = Masker(), Masker()
    text = "연락처 010-2222-3333"
    assert a.mask(text, detector.detect(text)) == b.mask(text, detector.detect(text))


def test_no_value_survives_masking(detector):
    masker = Masker()
    out = masker.mask(TEXT, detector.detect(TEXT))
    for value in ("010-1234-5678", "01012345678", "900101-1234568", "김철수"):
        assert value not in out


def test_restore_puts_values_back(masked):
    masker, out = masked
    reply = "답변: <이름_1>님께 <전화번호_1>로 연락했고 <주민등록번호_1> 확인했습니다. <전화번호_9>는 모릅니다."
    assert masker.restore(reply) == (
        "답변: 김철수님께 010-1234-5678로 연락했고 900101-1234568 확인했습니다. <전화번호_9>는 모릅니다."
    )
    assert masker.restore(out) == TEXT.replace("01012345678", "010-1234-5678")
    assert "이영희" in masker.restore("<이름_2>")


def test_placeholder_already_in_text_is_not_reused():
    masker = Masker()
    text = "예시 <전화번호_1> 그리고 010-1111-2222"
    start = text.index("010")
    out = masker.mask(text, [Finding("PHONE_NUMBER", start, start + 13, 0.9)])
    assert out == "예시 <전화번호_1> 그리고 <전화번호_2>"
    assert masker.restore(out) == text


def test_overlapping_findings_merge():
    masker = Masker()
    out = masker.mask("abcdefgh", [Finding("PERSON", 1, 4, 0.9), Finding("BANNED_WORD", 3, 6, 1.0)])
    assert out == "a<이름_1>gh"


def test_out_of_range_finding_is_an_error():
    with pytest.raises(ValueError):
        Masker().mask("abc", [Finding("PERSON", 1, 9, 0.9)])


def test_unknown_type_gets_a_generic_label():
    assert Masker().mask("xyz", [Finding("SOMETHING", 0, 3, 1.0)]) == "<개인정보_1>"


def _stream(masker, text, cuts):
    restorer = masker.stream_restorer()
    pieces, out = [], []
    prev = 0
    for cut in cuts + [len(text)]:
        pieces.append(text[prev:cut])
        prev = cut
    for piece in pieces:
        emitted = restorer.feed(piece)
        # Never half a placeholder in what was emitted so far.
        assert "<전화" not in emitted or "<전화번호_" in emitted and ">" in emitted
        out.append(emitted)
    out.append(restorer.flush())
    return "".join(out), out


def test_streaming_restore_every_split_point(masked):
    masker, _ = masked
    reply = "확인: <이름_1> / <전화번호_1> / <주민등록번호_1> 끝 <이 아님"
    expected = masker.restore(reply)
    for cut in range(len(reply) + 1):
        joined, parts = _stream(masker, reply, [cut])
        assert joined == expected
        for part in parts:
            assert "<이름_" not in part and "<전화번호_" not in part and "<주민등록번호_" not in part


def test_streaming_restore_random_chunks(masked):
    masker, _ = masked
    reply = "<이름_1>님, <전화번호_1>로 <주민등록번호_1> 건 회신 <<전화번호_1>> a<b " * 5
    expected = masker.restore(reply)
    rng = random.Random(5)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, len(reply)), 12))
        assert _stream(masker, reply, cuts)[0] == expected


def test_streaming_does_not_hold_unrelated_angle_brackets(masked):
    masker, _ = masked
    restorer = masker.stream_restorer()
    assert restorer.feed("a < b 이고 x<y 입니다 <html 태그가 아주 길게 이어지는 경우") == (
        "a < b 이고 x<y 입니다 <html 태그가 아주 길게 이어지는 경우"
    )
    assert restorer.feed("끝<") == "끝"
    assert restorer.flush() == "<"
