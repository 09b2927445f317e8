"""Logic of ``dasan scan``: report personal data and banned words as JSON.

Only types, offsets and scores are printed, never the text itself.
"""

from __future__ import annotations

import json
from typing import BinaryIO, Protocol, TextIO

from bot.messages import (
    SCAN_ERR_INVALID_JSON,
    SCAN_ERR_INVALID_UTF8,
    SCAN_ERR_MISSING_TEXT,
    SCAN_ERR_NOT_OBJECT,
    SCAN_ERR_TOO_LARGE,
    SCAN_WHERE_LINE,
)
from safety.pii import InputTooLarge, PiiDetector

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_TOO_LARGE = 3

BANNED_WORD = "BANNED_WORD"


class _Hit(Protocol):
    start: int
    end: int


class _Banned(Protocol):
    def find(self, text: str) -> list[_Hit]: ...


class _BadInput(Exception):
    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def scan_text(text: str, detector: PiiDetector, banned: _Banned | None) -> dict:
    findings = [
        {"type": f.type, "start": f.start, "end": f.end, "score": f.score} for f in detector.detect(text)
    ]
    if banned is not None:
        findings += [
            {"type": BANNED_WORD, "start": h.start, "end": h.end, "score": 1.0} for h in banned.find(text)
        ]
    findings.sort(key=lambda f: (f["start"], f["end"], f["type"]))
    return {"findings": findings}


def _binary(stream: TextIO) -> BinaryIO | None:
    return getattr(stream, "buffer", None)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _BadInput(SCAN_ERR_INVALID_UTF8.format(where=where)) from None


def _read_all(stdin: TextIO) -> str:
    raw = _binary(stdin)
    if raw is not None:
        return _decode(raw.read(), "")
    try:
        return stdin.read()
    except UnicodeDecodeError:
        raise _BadInput(SCAN_ERR_INVALID_UTF8.format(where="")) from None


def _lines(stdin: TextIO):
    raw = _binary(stdin)
    if raw is None:
        try:
            yield from stdin
        except UnicodeDecodeError:
            raise _BadInput(SCAN_ERR_INVALID_UTF8.format(where="")) from None
        return
    for number, data in enumerate(raw, start=1):
        line = _decode(data, SCAN_WHERE_LINE.format(line=number))
        yield line.lstrip("\ufeff") if number == 1 else line  # editors on Windows add a BOM


def _text_of_line(line: str, number: int) -> str:
    try:
        obj = json.loads(line)
    except ValueError:
        raise _BadInput(SCAN_ERR_INVALID_JSON.format(line=number)) from None
    if not isinstance(obj, dict):
        raise _BadInput(SCAN_ERR_NOT_OBJECT.format(line=number))
    text = obj.get("text")
    if not isinstance(text, str):
        raise _BadInput(SCAN_ERR_MISSING_TEXT.format(line=number))
    return text


def _scan_or_fail(text: str, detector: PiiDetector, banned: _Banned | None, where: str) -> dict:
    try:
        return scan_text(text, detector, banned)
    except InputTooLarge as exc:
        raise _BadInput(
            SCAN_ERR_TOO_LARGE.format(size=exc.size, limit=exc.limit, where=where), EXIT_TOO_LARGE
        ) from None


def run_scan(
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    *,
    jsonl: bool,
    detector: PiiDetector,
    banned: object | None,
) -> int:
    """Plain mode: all of stdin is one text, one JSON result. JSONL mode: one
    ``{"text": ...}`` object per line, one result line each, in order (blank
    lines are skipped). Bad input: Korean message on stderr, non-zero exit."""
    try:
        if not jsonl:
            result = _scan_or_fail(_read_all(stdin), detector, banned, "")
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            return EXIT_OK
        for number, line in enumerate(_lines(stdin), start=1):
            if not line.strip():
                continue
            text = _text_of_line(line, number)
            result = _scan_or_fail(text, detector, banned, SCAN_WHERE_LINE.format(line=number))
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return EXIT_OK
    except _BadInput as exc:
        stdout.flush()
        stderr.write(exc.message + "\n")
        return exc.code
