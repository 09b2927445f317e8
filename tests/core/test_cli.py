"""The console bot and `dasan ask` as a person or a script uses them: real processes."""

import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[2]


def dasan(*args, stdin: str = "", cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DASAN_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin.encode(), capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=120)


def test_console_session_summary_help_errors_and_keeps_running(tmp_path):
    odd = tmp_path / "data.bin"
    odd.write_bytes(bytes(range(256)) * 4)
    script = "\n".join([
        f"/file {DATA / 'report.txt'}", "요약",
        "도움말",
        f"/file {odd}", "요약",
        "",
        "/file /nonexistent/x.txt",
        "모델",
        "/quit",
    ]) + "\n"
    result = dasan("console", stdin=script, cwd=tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0
    assert "📄 요약 — report.txt" in out and "오프라인 모드" in out
    assert "다산 사용 안내" in out
    assert "지원 형식" in err
    assert "비어 있습니다" in err
    assert "파일을 찾을 수 없습니다" in err
    assert "사용할 수 있는 모델" in out  # still answering after the errors
    assert "Traceback" not in out + err


def test_ask_one_shot_exit_codes(tmp_path):
    ok = dasan("ask", "요약", "--file", str(DATA / "report.txt"), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr.decode()
    assert "스마트 민원" in ok.stdout.decode()
    from_stdin = dasan("ask", stdin="도움말", cwd=tmp_path)
    assert from_stdin.returncode == 0 and "다산 사용 안내" in from_stdin.stdout.decode()
    empty = dasan("ask", cwd=tmp_path)
    assert empty.returncode != 0 and "요청 내용이 없습니다" in empty.stderr.decode()
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\x00\x01\x02binary")
    refused = dasan("ask", "요약", "--file", str(bad), cwd=tmp_path)
    assert refused.returncode == 1 and "지원 형식" in refused.stderr.decode()
    assert "Traceback" not in refused.stderr.decode()


def test_config_check_bad_file_is_one_line(tmp_path):
    cfg = tmp_path / "dasan.toml"
    cfg.write_text("[bot]\nadapter = 'fax'\n", encoding="utf-8")
    result = dasan("--config", str(cfg), "config", "check", cwd=tmp_path)
    err = result.stderr.decode().strip()
    assert result.returncode == 2 and "bot.adapter" in err and len(err.splitlines()) == 1
    good = dasan("--config", str(ROOT / "dasan.example.toml"), "config", "check", cwd=tmp_path)
    assert good.returncode == 0 and "offline: 사용 가능" in good.stdout.decode()


def test_config_check_names_missing_messenger_secret(tmp_path):
    cfg = tmp_path / "dasan.toml"
    cfg.write_text("[bot]\nadapter = 'slack'\n[slack]\nbot_token_env = 'DASAN_TEST_NO_TOKEN'\n", encoding="utf-8")
    result = dasan("--config", str(cfg), "config", "check", cwd=tmp_path)
    assert result.returncode == 1 and "DASAN_TEST_NO_TOKEN" in result.stdout.decode()
