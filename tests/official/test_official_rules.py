"""Rule-by-rule behaviour, including the look-alikes of faults that must NOT be reported."""

from __future__ import annotations

import pytest

from documents.official import check, fix
from documents.official.hangul_numbers import parse_hangul, to_hangul


def rules_at(text: str, doc_type: str | None = None) -> set[tuple[str, int, str]]:
    return {(v.rule, v.line, v.severity) for v in check(text, doc_type)}


def rules(text: str, doc_type: str | None = None) -> set[str]:
    return {v.rule for v in check(text, doc_type)}


# ---------------------------------------------------------------- money readings


@pytest.mark.parametrize(
    "number, reading",
    [(113560, "일십일만삼천오백육십"), (5_000_000, "오백만"), (1_000_000, "일백만"), (10_000, "일만"), (11, "일십일"),
     (100_000_000, "일억"), (3_000_000_000, "삼십억"), (1010, "일천일십"), (0, "영")],
)
def test_hangul_reading_round_trip(number: int, reading: str) -> None:
    assert to_hangul(number) == reading
    assert parse_hangul(reading) == number


def test_hangul_reading_without_explicit_one_is_read_too() -> None:
    assert parse_hangul("십일만삼천오백육십") == 113560
    assert parse_hangul("만") == 10_000
    assert parse_hangul("일십x") is None


def test_money_reading_checked_against_digits() -> None:
    assert rules("금113,560원(금일십일만삼천오백육십원)") == set()
    wrong = check("금113,560원(금일십일만삼천오백오십원)")
    assert [v.rule for v in wrong] == ["money.reading"]
    assert wrong[0].fix == "금113,560원(금일십일만삼천오백육십원)"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("금 113,560 원", "금113,560원(금일십일만삼천오백육십원)"),
        ("금113560원", "금113,560원(금일십일만삼천오백육십원)"),
        ("금113,560원", "금113,560원(금일십일만삼천오백육십원)"),
        ("113,560원(금일십일만삼천오백육십원)", "금113,560원(금일십일만삼천오백육십원)"),
        ("금113,560원(일십일만삼천오백육십원)", "금113,560원(금일십일만삼천오백육십원)"),
    ],
)
def test_money_fixes(line: str, expected: str) -> None:
    assert fix(line).text == expected


@pytest.mark.parametrize("line", ["지원금 100,000원을 지급", "금일 회의", "금액: 113,560원", "상금 100만 원", "1인당 50,000원"])
def test_amounts_not_stated_formally_are_left_alone(line: str) -> None:
    assert not {r for r in rules(line) if r.startswith("money")}


# ---------------------------------------------------------------- dates and times


@pytest.mark.parametrize(
    "line, expected",
    [
        ("기간: 2025.7.31", "기간: 2025. 7. 31."),
        ("2025.07.31.(목)", "2025. 7. 31.(목)"),
        ("2025-07-31", "2025. 7. 31."),
        ("2025년 7월 31일(목)까지", "2025. 7. 31.(목)까지"),
        ("7월 31일까지 제출", "7. 31.까지 제출"),
        ("2025. 7. 31. (목)", "2025. 7. 31.(목)"),
        ("2025. 7. 31 회의", "2025. 7. 31. 회의"),
    ],
)
def test_dates_are_fixed(line: str, expected: str) -> None:
    assert fix(line).text == expected


def test_weekday_must_be_true() -> None:
    assert rules("2025. 7. 31.(목)") == set()
    wrong = check("2025. 7. 31.(금)")
    assert [(v.rule, v.fix) for v in wrong] == [("date.weekday", None)]
    assert "목요일" in wrong[0].message


def test_weekday_of_range_end_uses_the_start_year() -> None:
    assert rules("2025. 12. 29.(월)∼1. 2.(금)") == set()
    assert rules("2025. 12. 29.(월)∼1. 2.(토)") == {"date.weekday"}


def test_invalid_calendar_date() -> None:
    assert rules("2025. 2. 29.") == {"date.invalid"}
    assert rules("2024. 2. 29.(목)") == set()


@pytest.mark.parametrize("line", ["v2025.1.2.3 배포", "전화 02-2025-0731", "3.1절 기념", "2025년 하반기 계획", "매월 15일"])
def test_date_look_alikes_are_not_dates(line: str) -> None:
    assert not {r for r in rules(line) if r.startswith("date")}


@pytest.mark.parametrize(
    "line, expected",
    [
        ("오후 2시 30분", "14:30"),
        ("오전 10시 반", "10:30"),
        ("14시부터 16시까지", "14:00부터 16:00까지"),
        ("3:20 PM", "15:20"),
        ("14 : 00", "14:00"),
        ("9:00", "09:00"),
        ("오전 12시", "00:00"),
    ],
)
def test_times_are_fixed(line: str, expected: str) -> None:
    assert fix(line).text == expected


@pytest.mark.parametrize("line", ["24시간 운영", "14:30∼16:00", "1:1 상담", "축척 1:50,000", "3시군 협의"])
def test_time_look_alikes_are_not_reported(line: str) -> None:
    assert not {r for r in rules(line) if r.startswith("time")}


def test_press_release_date_style_is_only_a_warning_and_not_rewritten() -> None:
    text = "보 도 자 료\n□ 다산구는 7월 31일(목) 오후 2시 축제를 연다."
    assert {(r, s) for r, _l, s in rules_at(text, "보도자료")} == {("date.format", "warning"), ("time.format", "warning")}
    assert fix(text, "보도자료").text == text
    assert {s for r, _l, s in rules_at(text, "기안문") if r in ("date.format", "time.format")} == {"error"}


def test_speech_is_not_held_to_document_notation() -> None:
    text = "인사말씀\n\n7월 31일 오후 2시, 금 100원(금백원)을 모았습니다. 1. 첫째로"
    assert {r for r in rules(text, "인사말씀")} == set()


# ---------------------------------------------------------------- items


def test_full_hierarchy_is_clean() -> None:
    text = "\n".join(
        ["1. 가", "  가. 나", "    1) 다", "      가) 라", "        (1) 마", "          (가) 바", "            ① 사",
         "              ㉮ 아", "              ㉯ 자", "            ② 차", "          (나) 카", "        (2) 타", "      나) 파",
         "    2) 하", "  나. 거", "2. 너"]
    )
    assert check(text) == []


def test_level_skip_is_fixed_for_the_whole_group() -> None:
    text = "1. 목적\n    1) 첫째\n    2) 둘째\n2. 방법"
    found = check(text)
    assert [(v.rule, v.line) for v in found if v.severity == "error"] == [("item.skip", 2)]
    assert fix(text).text == "1. 목적\n  가. 첫째\n  나. 둘째\n2. 방법"


def test_numbering_order_and_indent_and_space() -> None:
    assert rules_at("1. 가\n3. 나") == {("item.order", 2, "error")}
    assert rules_at("1. 가\n  가. 나\n   나. 다\n2. 라") == {("item.indent", 3, "error")}
    assert rules_at("1. 가\n  가.  나\n  나. 다\n2. 라") == {("item.space", 2, "error")}
    assert fix("1.목적\n2.  방법").text == "1. 목적\n2. 방법"


def test_look_alike_symbols() -> None:
    text = "1. 가\n  가. 나\n    1) 다\n      가) 라\n        ⑴ 마\n        ⑵ 바\n      나) 자\n    2) 차\n  나. 사\n2. 아"
    assert rules_at(text) == {("item.lookalike", 5, "error"), ("item.lookalike", 6, "error")}
    assert "(1) 마" in fix(text).text
    assert "① 첫째" in fix("\n".join(["1. a", "  가. b", "    1) c", "      가) d", "        (1) e", "          (가) f",
                                          "            ⓛ 첫째", "            ② 둘째", "  나. g", "2. h"])).text


def test_lone_item_is_a_warning_and_childless_ones_lose_the_symbol() -> None:
    text = "1. 가\n  가. 하나뿐\n2. 나"
    assert rules_at(text) == {("item.single", 2, "warning")}
    assert fix(text).text == "1. 가\n  하나뿐\n2. 나"


def test_glued_hangul_word_is_not_an_item() -> None:
    assert check("(사)한국행정학회와 협약을 맺었습니다.") == []
    assert rules_at("1. 목적\n  가.대상\n  나. 범위\n2. 기타") == {("item.space", 2, "error")}


def test_items_under_bullets_start_a_new_run() -> None:
    text = "□ 개요\n  ○ 일정\n    1) 1단계\n    2) 2단계\n□ 결과\n  ○ 완료"
    assert check(text) == []


def test_flat_pasted_text_gets_indent_warnings_not_errors() -> None:
    text = "1. 목적\n가. 대상\n나. 범위\n2. 기타"
    assert {(r, s) for r, _l, s in rules_at(text)} == {("item.indent", "warning")}


# ---------------------------------------------------------------- attachments and the end mark

LETTER = "수신  내부결재\n(경유)\n제목  보고\n1. 첫째\n2. 둘째"


def test_attachment_notation() -> None:
    assert check(LETTER + "\n붙임  계획서 1부.  끝.", "기안문") == []
    assert rules_at(LETTER + "\n붙임: 계획서 1부.  끝.", "기안문") == {("attach.colon", 6, "error")}
    assert rules_at(LETTER + "\n붙임 계획서 1부.  끝.", "기안문") == {("attach.space", 6, "error")}
    assert rules_at(LETTER + "\n붙임  계획서.  끝.", "기안문") == {("attach.count", 6, "error")}
    several = LETTER + "\n붙임  계획서 1부.\n      명단 1부.  끝."
    assert rules_at(several, "기안문") == {("attach.number", 6, "error"), ("attach.number", 7, "error")}
    assert fix(several, "기안문").text.endswith("붙임  1. 계획서 1부.\n      2. 명단 1부.  끝.")


def test_end_mark() -> None:
    assert rules_at(LETTER, "기안문") == {("end.missing", 5, "error")}
    assert fix(LETTER, "기안문").text.endswith("2. 둘째  끝.")
    assert rules_at(LETTER + " 끝", "기안문") == {("end.format", 5, "error")}
    lone = LETTER + "\n끝."
    assert rules_at(lone, "기안문") == {("end.position", 6, "error")}
    assert fix(lone, "기안문").text == LETTER + "  끝."
    early = "수신  내부결재\n(경유)\n제목  보고\n1. 첫째  끝.\n2. 둘째"
    assert ("end.position", 4, "error") in rules_at(early, "기안문")


def test_end_mark_in_reports_is_a_warning_and_press_needs_none() -> None:
    assert rules_at("보고\n1. 첫째\n2. 둘째", "결과보고서") == {("end.missing", 3, "warning")}
    assert check("보 도 자 료\n제목\n□ 내용", "보도자료") == []


def test_table_end_and_blank_form() -> None:
    table = "| 구분 | 값 |\n| --- | --- |\n| 가 | 1 |"
    assert check(LETTER + "\n" + table + "\n  끝.", "기안문") == []
    form = LETTER + "\n" + table + "\n|  |  |\n|  |  |"
    assert rules_at(form, "기안문") == {("end.blank_form", 9, "error")}
    assert "| 이하 빈칸 |  |" in fix(form, "기안문").text
    assert check(LETTER + "\n" + table + "\n| 이하 빈칸 |  |\n|  |  |", "기안문") == []


# ---------------------------------------------------------------- 두문·결문


def test_letter_head_lines() -> None:
    assert rules_at("(경유)\n제목  보고\n1. 가\n2. 나  끝.", "기안문") == {("header.recipient", 1, "error")}
    assert rules_at("수신  내부결재\n1. 가\n2. 나  끝.", "기안문") == {("header.title", 1, "error")}
    assert rules_at("수신  내부결재\n제목  보고\n1. 가\n2. 나  끝.", "기안문") == {("header.via", 1, "warning")}
    assert fix("수신  내부결재\n제목  보고\n1. 가\n2. 나  끝.", "기안문").text.startswith("수신  내부결재\n(경유)\n제목")
    assert ("header.recipient_list", 1, "error") in rules_at("수신  수신자 참조\n(경유)\n제목  알림\n1. 가\n2. 나  끝.", "기안문")


@pytest.mark.parametrize("value, ok", [("공개", True), ("부분공개(6)", True), ("비공개(1)", True), ("부분공개", False),
                                       ("비공개(개인정보)", False), ("대외비", False), ("비공개(9)", False)])
def test_disclosure_values(value: str, ok: bool) -> None:
    text = LETTER + "  끝.\n\n시행  과-1(2025. 7. 31.)  접수\n전화 02-000-0000  전송 02-000-0001 / a@b.go.kr / " + value
    assert (rules(text, "기안문") == set()) is ok


def test_disclosure_spacing_is_fixed_and_missing_is_reported() -> None:
    text = LETTER + "  끝.\n\n시행  과-1(2025. 7. 31.)  접수\n전화 02-000-0000 / a@b.go.kr / 부분공개 (6)"
    assert fix(text, "기안문").text.endswith("/ 부분공개(6)")
    missing = LETTER + "  끝.\n\n시행  과-1(2025. 7. 31.)  접수\n전화 02-000-0000 / a@b.go.kr"
    assert rules_at(missing, "기안문") == {("disclosure.missing", 8, "error")}


# ---------------------------------------------------------------- punctuation, laws, plain language


def test_colon_spacing() -> None:
    assert fix("장소 : 대회의실").text == "장소: 대회의실"
    assert fix("장소:대회의실").text == "장소: 대회의실"
    for line in ("일시: 14:00", "https://www.dasan.go.kr", "비율 3 : 1", "1:1 상담", "참고:"):
        assert "punct.colon" not in rules(line), line


def test_law_names_in_brackets() -> None:
    assert fix("지방자치법 제13조에 따라").text == "「지방자치법」 제13조에 따라"
    for line in ("「지방자치법」 제13조", "같은 법 제3조", "동법 제5조", "「지방자치법」 시행령 제8조", "건축법 개정 논의"):
        assert "law.brackets" not in rules(line), line
    long_name = check("민원 처리에 관한 법률 제35조")
    assert [(v.rule, v.severity, v.fix) for v in long_name] == [("law.brackets", "warning", None)]


def test_plain_language_matches_word_starts_only() -> None:
    assert [v.rule for v in check("익일까지 제출")] == ["plain.term"]
    assert "다음 날" in check("익일까지 제출")[0].message
    for line in ("금일봉 전달", "상기시켜 드립니다", "신청하기 바랍니다", "이상기후 대응", "기재부 예산"):
        assert check(line) == [], line
    assert {v.severity for v in check("서류를 송부하오니 구비서류를 지참하시기 바랍니다")} == {"warning"}
    assert fix("익일까지 제출").text == "익일까지 제출"  # suggestions are never applied


def test_violation_shape() -> None:
    v = check("2025.7.31")[0]
    assert v.to_dict() == {"rule": "date.format", "severity": "error", "line": 1, "message": v.message, "fix": "2025. 7. 31."}
    assert all("\uac00" <= ch <= "\ud7a3" for ch in v.message if ch.isalpha() and not ch.isascii())


def test_body_line_that_looks_like_a_closing_line_is_still_body() -> None:
    text = "수신  내부결재\n(경유)\n제목  안내\n1. 상담은 아래 번호로 합니다.\n2. 번호\n전화 02-120으로 문의하세요.  끝.\n\n다산구청장"
    assert [v for v in check(text, "기안문") if v.severity == "error"] == []


def test_uncentred_sender_after_the_end_mark_is_not_body() -> None:
    text = LETTER + "  끝.\n\n다산구청장\n\n시행  과-1(2025. 7. 31.)  접수\n전화 02-000-0000 / a@b.go.kr / 대국민 공개"
    assert check(text, "기안문") == []
