"""`dasan ask "요약" --file F` from the command line, for every supported type and for refused files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents import makers

ROOT = Path(__file__).parents[2]
TEXT = ["구청은 하반기에 정보화 교육을 운영한다. 교육 대상은 어르신과 장애인이다.",
        "교육은 12월 1일부터 주민센터에서 열린다. 신청은 누리집에서 받는다."]


def files(tmp: Path) -> dict[str, bytes]:
    return {
        "a.txt": "\n\n".join(TEXT).encode("utf-8"),
        "b.md": ("# 안내\n\n" + "\n\n".join(TEXT)).encode("utf-8"),
        "c.csv": "이름,교육,인원\n정보화,기초,20\n스마트폰,활용,15\n".encode("cp949"),
        "d.hwpx": makers.hwpx_bytes([TEXT]),
        "e.hwp": makers.hwpx_bytes([TEXT], fmt="hwp"),
        "f.docx": makers.docx_bytes("정보화 교육 안내", TEXT),
        "g.xlsx": makers.xlsx_bytes({"교육": [["과정", "인원"], ["기초", 20], ["활용", 15]]}),
        "h.pptx": makers.pptx_bytes([("정보화 교육", TEXT)]),
        "i.pdf": makers.pdf_bytes(TEXT),
    }


def ask(*args, cwd):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DASAN_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "bot", "ask", *args], capture_output=True, cwd=cwd, env=env,
                          timeout=180)


def test_every_supported_type_summarised_from_the_command_line(tmp_path):
    made = files(tmp_path)
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    # Five files per request is the default limit: two requests.
    for batch in (list(made)[:5], list(made)[5:]):
        argv = ["요약"] + [x for n in batch for x in ("--file", str(tmp_path / n))]
        result = ask(*argv, cwd=tmp_path)
        out = result.stdout.decode()
        assert result.returncode == 0, result.stderr.decode()
        for name in batch:
            assert f"📄 요약 — {name}" in out


@pytest.mark.parametrize("name,data,refused", [
    ("empty.pdf", b"", True),
    ("broken.docx", makers.docx_bytes("제목", TEXT)[:300], True),
    ("locked.pdf", makers.pdf_bytes(TEXT, password="1234"), True),
    ("notes.pdf", "그냥 텍스트입니다".encode(), None),  # wrong extension: read by content or refused
])
def test_refused_or_odd_files_never_traceback(tmp_path, name, data, refused):
    (tmp_path / name).write_bytes(data)
    result = ask("요약", "--file", str(tmp_path / name), cwd=tmp_path)
    err = result.stderr.decode()
    assert "Traceback" not in err
    if refused:
        assert result.returncode == 1
    if result.returncode != 0:
        assert result.returncode == 1 and any("가" <= ch <= "힣" for ch in err)
