"""``dasan proofread``: output formats and exit codes 0 / 1 / 2 without tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path

from documents.official import proofread_main

CLEAN = "수신  내부결재\n(경유)\n제목  보고\n1. 첫째\n2. 둘째  끝.\n"
FAULTY = "수신  내부결재\n(경유)\n제목  보고\n1. 일시: 2025.7.31\n2. 둘째 끝\n"


def run(argv: list[str], data: bytes | None = None) -> tuple[int, str, str]:
    stdin = io.TextIOWrapper(io.BytesIO(data or b""), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = proofread_main(argv, stdin, out, err)
    return code, out.getvalue(), err.getvalue()


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    code, out, err = run([str(path)])
    assert code == 0 and err == "" and out.strip()


def test_json_lists_violations_and_exits_one() -> None:
    code, out, _err = run(["--json", "-"], FAULTY.encode("utf-8"))
    assert code == 1
    payload = json.loads(out)
    found = {(v["rule"], v["line"]) for v in payload["violations"]}
    assert {("date.format", 4), ("end.format", 5)} <= found
    assert set(payload["violations"][0]) == {"rule", "severity", "line", "message", "fix"}


def test_fix_prints_corrected_text() -> None:
    code, out, _err = run(["--fix"], FAULTY.encode("utf-8"))
    assert code == 0
    assert out == "수신  내부결재\n(경유)\n제목  보고\n1. 일시: 2025. 7. 31.\n2. 둘째  끝.\n"


def test_fix_json_and_cp949_input() -> None:
    code, out, _err = run(["--fix", "--json", "--type", "기안"], FAULTY.encode("cp949"))
    payload = json.loads(out)
    assert code == 0 and payload["remaining"] == [] and payload["text"].endswith("2. 둘째  끝.\n")


def test_type_option_changes_severity() -> None:
    text = "보 도 자 료\n□ 7월 31일(목) 축제를 연다.\n".encode("utf-8")
    assert run(["--type", "보도자료"], text)[0] == 0
    assert run(["--type=기안문"], text)[0] == 1


def test_human_report_is_korean() -> None:
    code, out, _err = run([], FAULTY.encode("utf-8"))
    assert code == 1 and "4행 [오류]" in out and "오류 " in out.splitlines()[-1]


def test_bad_input_exits_two_with_korean_message(tmp_path: Path) -> None:
    cases = [
        ([str(tmp_path / "없는파일.txt")], None, "찾을 수 없습니다"),
        ([str(tmp_path)], None, "파일이 아닙니다"),
        (["-"], b"\x80\x81\xff\xfe", "인코딩"),
        (["-"], b"   \n\n", "비어"),
        (["--type", "소설", "-"], CLEAN.encode(), "알 수 없는 문서 유형"),
        (["--bogus"], CLEAN.encode(), "알 수 없는 옵션"),
        (["--type"], CLEAN.encode(), "--type"),
        (["a.txt", "b.txt"], None, "하나만"),
    ]
    for argv, data, needle in cases:
        code, out, err = run(argv, data)
        assert code == 2, argv
        assert needle in err and "Traceback" not in err + out, argv


def test_help_exits_zero() -> None:
    code, out, _err = run(["--help"])
    assert code == 0 and "dasan proofread" in out
