"""``dasan proofread [--fix] [--json] [--type TYPE] [FILE|-]``.

Exit codes: 0 no error, 1 errors found (with ``--fix``: errors left after fixing), 2 bad input.
Only counts and rule ids would ever be logged; the text itself never leaves this process.
"""

from __future__ import annotations

import json
import os
from typing import IO, Any

from documents.official.checker import check
from documents.official.doctypes import UnknownDocType, resolve_doc_type
from documents.official.fixer import fix
from documents.official.model import ERROR, Violation

EXIT_CLEAN, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2
MAX_INPUT_BYTES = 20 * 1024 * 1024


class _BadInput(Exception):
    pass


def proofread_main(argv: list[str], stdin: IO[Any], stdout: IO[str], stderr: IO[str]) -> int:
    from bot import messages as m

    try:
        options = _parse(argv)
        if options.get("help"):
            stdout.write(m.PROOFREAD_CLI_USAGE + "\n")
            return EXIT_CLEAN
        doc_type = resolve_doc_type(options["type"]) if options.get("type") else None
        text = _read(options.get("file"), stdin)
    except UnknownDocType as exc:
        stderr.write(exc.user_message() + "\n")
        return EXIT_BAD_INPUT
    except _BadInput as exc:
        stderr.write(str(exc) + "\n")
        return EXIT_BAD_INPUT

    violations = check(text, doc_type)
    if options.get("fix"):
        result = fix(text, doc_type)
        remaining = check(result.text, doc_type)
        if options.get("json"):
            payload = {
                "violations": [v.to_dict() for v in violations],
                "applied": [v.to_dict() for v in result.applied],
                "remaining": [v.to_dict() for v in remaining],
                "text": result.text,
            }
            stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
        return EXIT_ERRORS if _has_error(remaining) else EXIT_CLEAN
    if options.get("json"):
        stdout.write(json.dumps({"violations": [v.to_dict() for v in violations]}, ensure_ascii=False, indent=2) + "\n")
    else:
        _report(violations, stdout)
    return EXIT_ERRORS if _has_error(violations) else EXIT_CLEAN


def _has_error(violations: list[Violation]) -> bool:
    return any(v.severity == ERROR for v in violations)


def _parse(argv: list[str]) -> dict[str, Any]:
    from bot import messages as m

    options: dict[str, Any] = {}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            options["help"] = True
        elif arg == "--fix":
            options["fix"] = True
        elif arg == "--json":
            options["json"] = True
        elif arg == "--type" or arg.startswith("--type="):
            value = arg.split("=", 1)[1] if "=" in arg else (args.pop(0) if args else "")
            if not value.strip() or value.startswith("--"):
                raise _BadInput(m.PROOFREAD_CLI_ERR_TYPE_VALUE.format(usage=m.PROOFREAD_CLI_USAGE))
            options["type"] = value
        elif arg == "--":
            options.setdefault("files", []).extend(args)
            args = []
        elif arg.startswith("-") and arg != "-":
            raise _BadInput(m.PROOFREAD_CLI_ERR_OPTION.format(name=arg, usage=m.PROOFREAD_CLI_USAGE))
        else:
            options.setdefault("files", []).append(arg)
    files = options.pop("files", [])
    if len(files) > 1:
        raise _BadInput(m.PROOFREAD_CLI_ERR_TOO_MANY.format(usage=m.PROOFREAD_CLI_USAGE))
    options["file"] = files[0] if files else None
    return options


def _read(path: str | None, stdin: IO[Any]) -> str:
    from bot import messages as m

    if path is None or path == "-":
        data = _read_stdin(stdin)
    else:
        if not os.path.exists(path):
            raise _BadInput(m.PROOFREAD_CLI_ERR_NOT_FOUND.format(path=path))
        if not os.path.isfile(path):
            raise _BadInput(m.PROOFREAD_CLI_ERR_NOT_FILE.format(path=path))
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError:
            raise _BadInput(m.PROOFREAD_CLI_ERR_READ.format(path=path)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise _BadInput(m.PROOFREAD_CLI_ERR_TOO_LARGE.format(limit=MAX_INPUT_BYTES // (1024 * 1024)))
    text = data if isinstance(data, str) else _decode(data)
    if text is None:
        raise _BadInput(m.PROOFREAD_CLI_ERR_DECODE)
    if not text.strip():
        raise _BadInput(m.PROOFREAD_CLI_ERR_EMPTY)
    return text


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or the Korean legacy CP949; None otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp949")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def _read_stdin(stdin: IO[Any]) -> bytes | str:
    from bot import messages as m

    if stdin is None:
        raise _BadInput(m.PROOFREAD_CLI_ERR_EMPTY)
    isatty = getattr(stdin, "isatty", None)
    if callable(isatty) and isatty():
        raise _BadInput(m.PROOFREAD_CLI_ERR_TTY.format(usage=m.PROOFREAD_CLI_USAGE))
    buffer = getattr(stdin, "buffer", None)
    try:
        if buffer is not None:
            return buffer.read(MAX_INPUT_BYTES + 1)
        return stdin.read()
    except UnicodeDecodeError:
        raise _BadInput(m.PROOFREAD_CLI_ERR_DECODE) from None


def _report(violations: list[Violation], stdout: IO[str]) -> None:
    from bot import messages as m

    if not violations:
        stdout.write(m.PROOFREAD_CLI_CLEAN + "\n")
        return
    for v in violations:
        label = m.OFFICIAL_SEVERITY_LABELS[v.severity]
        stdout.write(m.PROOFREAD_CLI_LINE.format(line=v.line, severity=label, message=v.message, rule=v.rule) + "\n")
        if v.fix is not None:
            for fixed in v.fix.split("\n"):
                stdout.write(m.PROOFREAD_CLI_FIX_LINE.format(fix=fixed) + "\n")
    errors = sum(1 for v in violations if v.severity == ERROR)
    stdout.write(m.PROOFREAD_CLI_SUMMARY.format(errors=errors, warnings=len(violations) - errors) + "\n")
