"""run_scan: the logic behind `dasan scan`, plain and JSONL, and bad input."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pytest

from safety.pii import PiiDetector
from safety.scan import EXIT_BAD_INPUT, EXIT_OK, EXIT_TOO_LARGE, run_scan


@dataclass(frozen=True)
class Hit:
    term: str
    start: int
    end: int


class Terms:
    """The BannedWords.find protocol over a fixed term list."""

    def __init__(self, *terms: str) -> None:
        self.terms = terms

    def find(self, text: str) -> list[Hit]:
        hits = []
        for term in self.terms:
            i = text.find(term)
            while i >= 0:
                hits.append(Hit(term, i, i + len(term)))
                i = text.find(term, i + len(term))
        return sorted(hits, key=lambda h: h.start)


def run(data: bytes, detector, *, jsonl=False, banned=None):
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_scan(stdin, stdout, stderr, jsonl=jsonl, detector=detector, banned=banned)
    return code, stdout.getvalue(), stderr.getvalue()


def test_plain_mode_offsets_are_string_indices(detector):
    text = "ｈｉ 연락처 010-1234-5678\n메일 kim@example.com 금칙어"
    code, out, err = run(text.encode(), detector, banned=Terms("금칙어"))
    assert code == EXIT_OK and err == ""
    result = json.loads(out)
    got = [(f["type"], text[f["start"]:f["end"]]) for f in result["findings"]]
    assert got == [("PHONE_NUMBER", "010-1234-5678"), ("EMAIL_ADDRESS", "kim@example.com"), ("BANNED_WORD", "금칙어")]
    assert all(set(f) == {"type", "start", "end", "score"} for f in result["findings"])
    assert result["findings"][-1]["score"] == 1.0


def test_output_carries_no_text(detector):
    text = "주민등록번호 900101-1234568"
    _, out, _ = run(text.encode(), detector)
    assert "900101" not in out and "주민" not in out


def test_plain_mode_empty_input(detector):
    code, out, _ = run(b"", detector)
    assert code == EXIT_OK and json.loads(out) == {"findings": []}


def test_jsonl_one_result_per_line_in_order(detector):
    lines = [
        {"text": "연락처 010-1234-5678"},
        {"text": "아무것도 없음"},
        {"text": "메일 a@example.com", "id": 7},
    ]
    data = ("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n").encode()
    code, out, err = run(data, detector, jsonl=True)
    assert code == EXIT_OK and err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert [[f["type"] for f in r["findings"]] for r in results] == [["PHONE_NUMBER"], [], ["EMAIL_ADDRESS"]]


def test_jsonl_uses_banned_words(detector):
    data = json.dumps({"text": "이건 금칙어 입니다"}, ensure_ascii=False).encode()
    code, out, _ = run(data, detector, jsonl=True, banned=Terms("금칙어"))
    assert code == EXIT_OK
    assert json.loads(out)["findings"] == [{"type": "BANNED_WORD", "start": 3, "end": 6, "score": 1.0}]


def test_with_the_real_banned_word_list(detector):
    banned_words = pytest.importorskip("safety.banned_words")
    banned = banned_words.BannedWords.from_text("금칙어테스트\n")
    text = "연락처 010-1234-5678 금칙어테스트"
    code, out, _ = run(text.encode(), detector, banned=banned)
    assert code == EXIT_OK
    assert [f["type"] for f in json.loads(out)["findings"]] == ["PHONE_NUMBER", "BANNED_WORD"]


@pytest.mark.parametrize(
    "data, needle",
    [
        (b'{"text": "ok"}\n{"text": \n', "2번째 줄이 올바른 JSON이 아닙니다"),
        (b'{"text": "ok"}\n{"txt": "x"}\n', "2번째 줄에 문자열 \"text\" 항목이 없습니다"),
        (b'{"text": 5}\n', "1번째 줄에 문자열 \"text\""),
        (b'["text"]\n', "1번째 줄이 JSON 객체가 아닙니다"),
        (b'{"text": "ok"}\n\xff\xfe\n', "올바른 UTF-8"),
    ],
)
def test_jsonl_bad_input(detector, data, needle):
    code, out, err = run(data, detector, jsonl=True)
    assert code == EXIT_BAD_INPUT
    assert needle in err
    assert "Traceback" not in err
    # Lines before the bad one were answered.
    assert len(out.splitlines()) == data.count(b"\n") - 1


def test_plain_invalid_utf8(detector):
    code, out, err = run("연락처 010".encode() + b"\xc3\x28", detector)
    assert code == EXIT_BAD_INPUT and out == "" and "UTF-8" in err


def test_input_too_large():
    small = PiiDetector(max_chars=5)
    code, out, err = run("0123456789".encode(), small)
    assert code == EXIT_TOO_LARGE and out == "" and "최대 5자" in err


def test_streams_without_buffer(detector):
    stdin, stdout, stderr = io.StringIO("010-1234-5678"), io.StringIO(), io.StringIO()
    assert run_scan(stdin, stdout, stderr, jsonl=False, detector=detector, banned=None) == EXIT_OK
    assert json.loads(stdout.getvalue())["findings"][0]["type"] == "PHONE_NUMBER"


def test_jsonl_tolerates_bom_and_crlf(detector):
    data = "\ufeff".encode() + b'{"text": "010-1234-5678"}\r\n{"text": "x"}\r\n'
    code, out, err = run(data, detector, jsonl=True)
    assert code == EXIT_OK and err == ""
    assert [len(json.loads(line)["findings"]) for line in out.splitlines()] == [1, 0]
