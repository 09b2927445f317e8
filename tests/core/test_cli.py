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


def test_scan_cli_reports_pii_and_banned_words_from_config(tmp_path):
    import json

    banned = tmp_path / "banned.txt"
    banned.write_text("# 금칙어\n시발\n", encoding="utf-8")
    cfg = tmp_path / "dasan.toml"
    cfg.write_text(f"[safety]\nbanned_words_file = '{banned}'\n", encoding="utf-8")
    text = "연락처 010-2345-6789 tlqkf"
    result = dasan("--config", str(cfg), "scan", stdin=text, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    findings = json.loads(result.stdout)["findings"]
    types = {f["type"]: f for f in findings}
    assert text[types["PHONE_NUMBER"]["start"]:types["PHONE_NUMBER"]["end"]] == "010-2345-6789"
    assert text[types["BANNED_WORD"]["start"]:types["BANNED_WORD"]["end"]] == "tlqkf"
    lines = dasan("--config", str(cfg), "scan", "--jsonl", stdin='{"text": "a"}\n{"text": "시발"}\n', cwd=tmp_path)
    out = [json.loads(line) for line in lines.stdout.decode().splitlines()]
    assert out[0]["findings"] == [] and out[1]["findings"][0]["type"] == "BANNED_WORD"
    bad = dasan("scan", "--jsonl", stdin="not json\n", cwd=tmp_path)
    assert bad.returncode != 0 and "JSON" in bad.stderr.decode() and "Traceback" not in bad.stderr.decode()


def test_ask_save_dir_must_exist(tmp_path):
    result = dasan("ask", "도움말", "--save-dir", str(tmp_path / "none"), cwd=tmp_path)
    assert result.returncode == 2 and "폴더가 없습니다" in result.stderr.decode()
    saved = dasan("ask", "초안 보도자료 벚꽃축제", "--save-dir", str(tmp_path), cwd=tmp_path)
    assert saved.returncode == 0 and (tmp_path / "보도자료-초안.hwpx").exists()


def test_proofread_cli_through_the_dasan_entry_point(tmp_path):
    import json

    doc = tmp_path / "공문.txt"
    doc.write_text("수신  내부결재\n제목  교육 계획\n\n1. 일시: 2025년 7월 31일\n2. 장소:대회의실  끝.\n", encoding="utf-8")
    found = dasan("proofread", "--json", str(doc), cwd=tmp_path)
    assert found.returncode == 1, found.stderr.decode()
    rules = {v["rule"] for v in json.loads(found.stdout)["violations"]}
    assert rules and all(isinstance(v, str) for v in rules)
    fixed = dasan("proofread", "--fix", str(doc), cwd=tmp_path)
    assert "2025. 7. 31." in fixed.stdout.decode()
    clean = tmp_path / "clean.txt"
    clean.write_text(fixed.stdout.decode(), encoding="utf-8")
    assert dasan("proofread", str(clean), cwd=tmp_path).returncode == 0
    missing = dasan("proofread", str(tmp_path / "none.txt"), cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr.decode()
