"""Classification marks versus ordinary uses of the same words."""

from __future__ import annotations

import pytest

from safety.classification import find_classification_marks


@pytest.mark.parametrize(
    "text, marks",
    [
        ("대외비\n\n제목: 2026년 조직개편안\n\n1. 개요", ["대외비"]),
        ("[대외비] 인사 운영 계획", ["대외비"]),
        ("（대외비） 보고서", ["대외비"]),
        ("본문\n\n- 대 외 비 -", ["대외비"]),
        ("Ⅱ급 비밀\n작전 계획", ["Ⅱ급 비밀"]),
        ("보안등급: Ⅲ급 비밀", ["Ⅲ급 비밀"]),
        ("<II급비밀>", ["Ⅱ급 비밀"]),
        ("비 밀\n내용", ["비밀"]),
        ("공개구분: 비공개(5)", ["비공개(5)"]),
        ("이 문서는 비공개(제5호, 제6호) 대상입니다.", ["비공개(5,6)"]),
        ("공개여부 부분공개(5)", ["부분공개(5)"]),
        ("대외비\n...\n공개구분 비공개(5)\n대외비", ["대외비", "비공개(5)"]),
    ],
)
def test_marks_found(text, marks):
    assert find_classification_marks(text) == marks


@pytest.mark.parametrize(
    "text",
    [
        "대외비 문서는 외부로 반출할 수 없습니다.",
        "비밀번호를 90일마다 변경하세요.",
        "우리끼리 비밀로 합시다.",
        "Ⅱ급 비밀취급인가를 받은 자만 열람할 수 있다.",
        "비공개 회의로 진행합니다.",
        "정보공개 청구에 대해 비공개 결정을 통지합니다.",
        "대외비밀 유지 서약서",
        "",
    ],
)
def test_ordinary_words_are_not_marks(text):
    assert find_classification_marks(text) == []
