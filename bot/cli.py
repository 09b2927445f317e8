"""The ``dasan`` command line: console chat, one-shot ask, run on a messenger, admin tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot import messages as M
from bot.config import ConfigError, Settings, find_config_path, load_config


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dasan", description="Dasan (다산) — AI work assistant for public-sector staff")
    p.add_argument("--config", help="path to dasan.toml (default: $DASAN_CONFIG or ./dasan.toml)")
    sub = p.add_subparsers(dest="cmd")
    sub.add_parser("console", help="interactive terminal chat (default)")
    ask = sub.add_parser("ask", help="one request, answer on stdout")
    ask.add_argument("text", nargs="*", help="the message; read from stdin when omitted")
    ask.add_argument("--file", "-f", action="append", default=[], help="attach a file (repeatable)")
    ask.add_argument("--save-dir", help="save generated files (images, drafts) into this folder")
    sub.add_parser("run", help="connect to the messenger named by bot.adapter")
    cfg = sub.add_parser("config", help="configuration tools")
    cfg.add_argument("action", choices=["check"])
    scan = sub.add_parser("scan", help="find personal data and banned words in stdin (JSON out)")
    scan.add_argument("--jsonl", action="store_true", help="one JSON object {\"text\": …} per line")
    proof = sub.add_parser("proofread", help="check an official document against the format rules", add_help=False)
    proof.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def _setup_logging(settings: Settings | None) -> None:
    level = settings.bot.log_level if settings else "WARNING"
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s", stream=sys.stderr)


def _load(path: str | None) -> Settings:
    try:
        return load_config(path)
    except ConfigError as exc:
        sys.stderr.write(f"{exc}\n")
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["proofread"]:
        # The checker owns its options (--fix, --json, --type); argparse's
        # REMAINDER would refuse an option as the first remaining word.
        from documents.official.cli import proofread_main

        return proofread_main(argv[1:], sys.stdin, sys.stdout, sys.stderr)
    args = _parser().parse_args(argv)
    cmd = args.cmd or "console"
    settings = _load(args.config)
    if cmd == "config":
        return config_check(settings, args.config)
    if cmd == "scan":
        return scan(settings, args.jsonl)
    try:
        if cmd in ("console", "ask"):
            # The terminal is the user's screen: every problem already reaches them
            # as a Korean message, so operator log lines would only be noise there.
            logging.basicConfig(level=logging.CRITICAL, stream=sys.stderr)
            return asyncio.run(_console(settings) if cmd == "console" else _ask(settings, args))
        _setup_logging(settings)
        return asyncio.run(_run(settings))
    except KeyboardInterrupt:
        sys.stderr.write(M.CLI_INTERRUPTED + "\n")
        return 130
    except ConfigError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2


async def _console(settings: Settings) -> int:
    from adapters.console import run_console
    from bot.app import build_pipeline

    pipeline = build_pipeline(settings, warm=True)
    try:
        return await run_console(pipeline)
    finally:
        await _close(pipeline)


async def _ask(settings: Settings, args: argparse.Namespace) -> int:
    from adapters.console import ConsoleReply, ConsoleSession
    from bot.app import build_pipeline

    text = " ".join(args.text).strip()
    if not args.text and not sys.stdin.isatty():
        text = sys.stdin.read().strip()
    if not text and not args.file:
        sys.stderr.write(M.CLI_ASK_NO_INPUT + "\n")
        return 2
    save_dir = Path(args.save_dir) if args.save_dir else None
    if save_dir is not None and not save_dir.is_dir():
        sys.stderr.write(M.ERR_SAVE_DIR.format(path=save_dir) + "\n")
        return 2
    pipeline = build_pipeline(settings)
    session = ConsoleSession(pipeline)
    for path in args.file:
        if not session.attach(path, sys.stderr):
            return 2
    reply = ConsoleReply(sys.stdout, sys.stderr, prefix="", save_dir=save_dir)
    try:
        await session.send(text, reply)
    finally:
        await _close(pipeline)
    return 0 if reply.error is None else 1


async def _run(settings: Settings) -> int:
    from bot.app import build_pipeline

    from bot.maintenance import start_maintenance

    pipeline = build_pipeline(settings, warm=True)
    adapter = settings.bot.adapter
    scheduler = start_maintenance(pipeline)
    try:
        if adapter == "console":
            from adapters.console import run_console

            return await run_console(pipeline)
        if adapter == "slack":
            from adapters.slack import run
        else:
            from adapters.mattermost import run
        await run(settings, pipeline)
        return 0
    finally:
        scheduler.shutdown(wait=False)
        await _close(pipeline)


async def _close(pipeline) -> None:
    """Close model clients and stop the document workers now: left to interpreter
    exit, a busy worker would hold the process until its parse timeout."""
    from documents.pool import shutdown_default_pool

    await pipeline.registry.aclose()
    shutdown_default_pool()


def config_check(settings: Settings, path: str | None) -> int:
    found = find_config_path(path)
    print(M.CLI_CONFIG_OK.format(path=found) if found else M.CLI_CONFIG_DEFAULTS)
    worst = 0
    for name, model in settings.models.items():
        if model.provider == "offline":
            state, reason = "ready", ""
        else:
            try:
                from bot.providers.factory import check_model
            except ImportError:
                state, reason = "misconfigured", "provider modules missing"
            else:
                status = check_model(name, model, settings.network)
                state, reason = status.state, status.reason
        if state == "misconfigured":
            worst = 1
        print(M.CLI_MODEL_STATUS.format(name=name, state=M.CLI_MODEL_STATES[state],
                                        reason=f" — {reason}" if reason else ""))
    missing = _missing_adapter_secrets(settings)
    print(M.CLI_ADAPTER_STATUS.format(adapter=settings.bot.adapter))
    for env in missing:
        print(M.CLI_ADAPTER_SECRET_MISSING.format(env=env))
    return 1 if missing else worst


def _missing_adapter_secrets(settings: Settings) -> list[str]:
    """Environment variables the configured messenger needs but this process lacks."""
    import os

    adapter = settings.bot.adapter
    if adapter == "slack":
        s = settings.slack
        needed = [s.bot_token_env, s.app_token_env if s.mode == "socket" else s.signing_secret_env]
    elif adapter == "mattermost":
        needed = [settings.mattermost.token_env]
    else:
        needed = []
    return [env for env in needed if not os.environ.get(env)]


def scan(settings: Settings, jsonl: bool) -> int:
    from safety.gate import SafetyGate
    from safety.scan import run_scan

    gate = SafetyGate(settings.safety)
    return run_scan(sys.stdin, sys.stdout, sys.stderr, jsonl=jsonl, detector=gate.detector(), banned=gate.banned())


if __name__ == "__main__":
    raise SystemExit(main())
