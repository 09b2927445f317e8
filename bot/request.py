"""The one request type every adapter produces, and the reply interface every adapter implements."""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.commands import ParsedCommand, parse_command


@dataclass
class Attachment:
    """A file the user attached. Bytes are fetched lazily, once, and kept in memory only."""

    name: str
    mime_type: str
    size: int  # as reported by the platform; checked against limits before fetching
    fetch: Callable[[], Awaitable[bytes]]
    _data: bytes | None = field(default=None, repr=False)

    async def read(self) -> bytes:
        if self._data is None:
            self._data = await self.fetch()
        return self._data


@dataclass(frozen=True)
class ThreadMessage:
    """One earlier message of the thread, re-read from the messenger for context."""

    author: str
    text: str
    is_bot: bool = False


@dataclass
class Request:
    platform: str  # "console", "slack", "mattermost"
    workspace: str  # Slack team/enterprise id, Mattermost team id, "local"
    channel: str
    thread_id: str  # the thread the reply goes to
    user_id: str
    user_name: str
    is_dm: bool
    text: str  # the message with the bot mention removed
    attachments: list[Attachment] = field(default_factory=list)
    event_id: str = ""  # platform-unique id of the triggering event, for duplicate detection
    department: str = ""  # the user's department key in config, when the adapter knows it
    is_public_channel: bool = False
    # Re-reads earlier thread messages from the messenger; None outside a thread.
    # Nothing is cached: each call goes back to the platform.
    fetch_thread: Callable[[], Awaitable[list[ThreadMessage]]] | None = None
    command: ParsedCommand = field(init=False)

    def __post_init__(self) -> None:
        self.command = parse_command(self.text, has_attachments=bool(self.attachments))


@dataclass(frozen=True)
class OutFile:
    """A file the bot sends back (generated image, drafted document, translated file, chart)."""

    name: str
    mime_type: str
    data: bytes = field(repr=False)
    title: str = ""


class Reply(abc.ABC):
    """How a handler's answer reaches the user, in the same thread as the request.

    Adapters implement the ``_`` methods. The public methods enforce the pipeline's
    promise: exactly one final message (``finish`` or ``fail``), nothing after it.
    """

    def __init__(self) -> None:
        self.closed = False
        self.shown_text = ""  # the text the user has seen so far in the streamed answer

    async def status(self, text: str) -> None:
        """A short transient status such as "생각 중…" or "12쪽 중 6쪽 요약 중…"."""
        if not self.closed:
            await self._status(text)

    async def update(self, text: str) -> None:
        """The whole answer so far; adapters throttle edits as their platform needs."""
        if not self.closed:
            self.shown_text = text
            await self._update(text)

    async def attach(self, file: OutFile) -> None:
        if not self.closed:
            await self._attach(file)

    async def finish(self, text: str) -> None:
        if self.closed:
            return
        self.closed = True
        self.shown_text = text
        await self._finish(text)

    async def fail(self, message: str) -> None:
        """A final Korean error message; replaces any status, keeps any text already shown."""
        if self.closed:
            return
        self.closed = True
        await self._fail(message)

    @abc.abstractmethod
    async def _status(self, text: str) -> None: ...

    @abc.abstractmethod
    async def _update(self, text: str) -> None: ...

    @abc.abstractmethod
    async def _attach(self, file: OutFile) -> None: ...

    @abc.abstractmethod
    async def _finish(self, text: str) -> None: ...

    @abc.abstractmethod
    async def _fail(self, message: str) -> None: ...
