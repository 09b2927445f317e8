"""The console adapter: the embedded default, a terminal chat through the same pipeline.

A line is a message; ``/file PATH`` attaches a file to the next message,
``/thread`` starts a new thread, ``/quit`` ends. The current thread lives in
memory only, as a messenger's thread would, and is dropped on ``/thread``.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import sys
import uuid
from pathlib import Path
from typing import TextIO

from bot import messages as M
from bot.commands import find_command
from bot.pipeline import Pipeline
from bot.request import Attachment, OutFile, Reply, Request, ThreadMessage

USER_ID = "console-user"


def file_attachment(path: str) -> Attachment:
    """An attachment read from disk only when the pipeline asks for it."""
    p = Path(path).expanduser()
    size = p.stat().st_size

    async def fetch() -> bytes:
        return await asyncio.to_thread(p.read_bytes)

    mime = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
    return Attachment(name=p.name, mime_type=mime, size=size, fetch=fetch)


class ConsoleReply(Reply):
    """Prints the answer as it streams; the final message completes it."""

    def __init__(self, out: TextIO, err: TextIO, prefix: str = M.CONSOLE_BOT, save_dir: Path | None = None) -> None:
        super().__init__()
        self.out = out
        self.err = err
        self.prefix = prefix
        self.save_dir = save_dir
        self._printed = ""
        self.final_text: str | None = None
        self.error: str | None = None
        self.files: list[OutFile] = []

    def _write(self, text: str) -> None:
        if not self._printed and text:
            self.out.write(self.prefix)
        self.out.write(text)
        self.out.flush()
        self._printed += text

    async def _status(self, text: str) -> None:
        if self.prefix:  # interactive only: scripts want just the answer
            self.err.write(f"  … {text}\n")
            self.err.flush()

    async def _update(self, text: str) -> None:
        if text.startswith(self._printed):
            self._write(text[len(self._printed):])

    async def _attach(self, file: OutFile) -> None:
        self.files.append(file)

    async def _finish(self, text: str) -> None:
        self.final_text = text
        if self._printed and text.startswith(self._printed):
            self._write(text[len(self._printed):])
        else:
            if self._printed:
                self.out.write("\n")
                self._printed = ""
            self._write(text)
        self.out.write("\n")
        for file in self.files:
            self.out.write(M.CONSOLE_ATTACHED_OUT.format(name=file.name, size=len(file.data), mime=file.mime_type) + "\n")
            if self.save_dir is not None:
                target = self.save_dir / Path(file.name).name
                target.write_bytes(file.data)  # only where the user asked, with --save-dir
                self.out.write(M.CLI_OUTPUT_SAVED.format(path=target) + "\n")
        self.out.flush()

    async def _fail(self, message: str) -> None:
        self.error = message
        if self._printed:
            self.out.write("\n")
        self.err.write(M.CONSOLE_ERROR_PREFIX + message + "\n")
        self.err.flush()


class ConsoleSession:
    """One terminal conversation: a thread id, its in-memory history, pending files."""

    def __init__(self, pipeline: Pipeline, user_name: str | None = None) -> None:
        self.pipeline = pipeline
        self.user_name = user_name or os.environ.get("USER") or "사용자"
        self.pending: list[Attachment] = []
        self.new_thread()

    def new_thread(self) -> None:
        self.thread_id = uuid.uuid4().hex
        self.history: list[ThreadMessage] = []

    def request(self, text: str, attachments: list[Attachment] | None = None) -> Request:
        earlier = list(self.history)

        async def fetch_thread() -> list[ThreadMessage]:
            return earlier

        return Request(
            platform="console", workspace="local", channel="console", thread_id=self.thread_id,
            user_id=USER_ID, user_name=self.user_name, is_dm=True, text=text,
            attachments=attachments or [], event_id=uuid.uuid4().hex,
            fetch_thread=fetch_thread if earlier else None,
        )

    async def send(self, text: str, reply: ConsoleReply) -> None:
        attachments, self.pending = self.pending, []
        await self.pipeline.handle(self.request(text, attachments), reply)
        self.history.append(ThreadMessage(self.user_name, text))
        if reply.final_text:
            self.history.append(ThreadMessage("다산", reply.final_text, is_bot=True))

    def attach(self, path: str, out: TextIO) -> bool:
        try:
            att = file_attachment(path)
        except FileNotFoundError:
            out.write(M.CONSOLE_ERROR_PREFIX + M.CONSOLE_NO_FILE.format(path=path) + "\n")
            return False
        except OSError:
            out.write(M.CONSOLE_ERROR_PREFIX + M.CONSOLE_FILE_UNREADABLE.format(path=path) + "\n")
            return False
        self.pending.append(att)
        out.write(M.CONSOLE_ATTACHED.format(name=att.name, size=att.size) + "\n")
        return True


async def run_console(pipeline: Pipeline, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
                      err: TextIO = sys.stderr) -> int:
    session = ConsoleSession(pipeline)
    interactive = stdin.isatty()
    out.write(M.CONSOLE_BANNER + "\n")
    out.flush()
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            out.write(M.CONSOLE_PROMPT)
            out.flush()
        try:
            line = await loop.run_in_executor(None, stdin.readline)
        except (KeyboardInterrupt, asyncio.CancelledError):
            break
        if not line:  # EOF
            break
        line = line.rstrip("\n")
        if line.startswith("/"):
            cmd, _, rest = line.partition(" ")
            if cmd == "/quit" or cmd == "/exit":
                break
            if cmd == "/thread":
                session.new_thread()
                out.write(M.CONSOLE_NEW_THREAD + "\n")
                continue
            if cmd == "/file":
                path, _, message = rest.strip().partition(" ")
                if session.attach(path, err) and message.strip():
                    await session.send(message.strip(), ConsoleReply(out, err))
                continue
            if find_command(cmd) is None:  # "/요약" is a command word, still a message
                out.write(M.CONSOLE_ERROR_PREFIX + M.CONSOLE_UNKNOWN.format(cmd=cmd) + "\n")
                continue
        await session.send(line, ConsoleReply(out, err))
    out.write(M.CONSOLE_BYE + "\n")
    out.flush()
    return 0
