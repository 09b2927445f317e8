"""A reply in a Mattermost thread: one post created, then edited as text arrives.

Edits go through EditThrottle (about one per second); past the post size limit
the answer continues in further posts. Files are uploaded when attached and
posted with the final answer. A typing indicator runs until the reply ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from adapters.mattermost.rest import MattermostRest
from bot import messages
from bot.request import OutFile, Reply
from bot.streaming import EditThrottle, split_message

log = logging.getLogger("dasan.mattermost.reply")

MAX_FILES_PER_POST = 5  # Mattermost's limit


class MattermostReply(Reply):
    def __init__(
        self,
        rest: MattermostRest,
        channel_id: str,
        root_id: str,
        *,
        max_chars: int = 16383,
        edit_interval_s: float = 1.0,
        typing: Callable[[], Awaitable[None]] | None = None,
        typing_interval_s: float = 3.0,
    ) -> None:
        super().__init__()
        self._rest = rest
        self.channel_id = channel_id
        self.root_id = root_id
        self._max_chars = max_chars
        self._posts: list[tuple[str, str]] = []  # (post id, text shown in it)
        self._lock = asyncio.Lock()
        self._final = False
        self._throttle = EditThrottle(self._render_streamed, interval=edit_interval_s)
        self._file_ids: list[str] = []
        self._file_titles: list[str] = []
        self._typing = typing
        self._typing_interval_s = typing_interval_s
        self._typing_task: asyncio.Task[None] | None = None
        self._showing_status = False
        self._wanted: str | None = None
        self._drain_task: asyncio.Task[None] | None = None
        self.edits = 0  # PATCH calls, for the benchmark and tests
        self.created = 0

    @property
    def post_ids(self) -> list[str]:
        return [post_id for post_id, _ in self._posts]

    # -- typing ----------------------------------------------------------------

    def start_typing(self) -> None:
        if self._typing is not None and self._typing_task is None and not self.closed:
            self._typing_task = asyncio.create_task(self._typing_loop())

    async def _typing_loop(self) -> None:
        assert self._typing is not None
        while True:
            try:
                await self._typing()
            except Exception as exc:  # a missing indicator must never break the answer
                log.debug("mattermost typing failed error=%s", type(exc).__name__)
            await asyncio.sleep(self._typing_interval_s)

    def _stop_typing(self) -> None:
        if self._typing_task is not None:
            self._typing_task.cancel()
            self._typing_task = None

    async def close(self) -> None:
        """Stops background work; safe to call more than once (the dispatcher's finally)."""
        self._stop_typing()
        self._throttle.cancel()

    # -- Reply -----------------------------------------------------------------

    async def _status(self, text: str) -> None:
        # A status only stands in for the answer until the first text arrives.
        if not self.shown_text:
            self._showing_status = True
            await self._throttle.submit(f"_{text}_")

    async def _update(self, text: str) -> None:
        self._showing_status = False
        await self._throttle.submit(text)

    async def _attach(self, file: OutFile) -> None:
        file_id = await self._rest.upload_file(self.channel_id, file.name, file.data, file.mime_type)
        self._file_ids.append(file_id)
        self._file_titles.append(file.title or file.name)
        log.info("mattermost file uploaded bytes=%d mime=%s", len(file.data), file.mime_type)

    async def _finish(self, text: str) -> None:
        await self._end(text)

    async def _fail(self, message: str) -> None:
        # Keeps what the user already read; a status line is replaced.
        shown = "" if self._showing_status else self.shown_text
        await self._end(f"{shown}\n\n{message}" if shown else message)

    async def _end(self, text: str) -> None:
        self._final = True
        self._throttle.cancel()
        self._stop_typing()
        try:
            await self._render(text, final=True)
            await self._post_files()
        except Exception as exc:
            log.error("mattermost final reply failed error=%s posts=%d", type(exc).__name__, len(self._posts))
            raise

    # -- rendering ---------------------------------------------------------------

    async def _render_streamed(self, text: str) -> None:
        # Edits run in their own task: the model's stream never waits for Mattermost,
        # and a throttle timer cancelled mid-edit cannot abandon a create half-way (the
        # post would exist without its id being known, and the final text would create
        # a second one). Text that arrives while an edit is in flight replaces the
        # waiting text, so a slow server gets fewer, newer edits.
        self._wanted = text
        if self._drain_task is None or self._drain_task.done():
            self._drain_task = asyncio.create_task(self._drain())
            self._drain_task.add_done_callback(_consume_error)

    async def _drain(self) -> None:
        while self._wanted is not None and not self._final:
            text, self._wanted = self._wanted, None
            await self._render(text, final=False)

    async def _render(self, text: str, *, final: bool) -> None:
        async with self._lock:
            if self._final and not final:
                return  # a stale streamed edit must not overwrite the final text
            parts = split_message(text or "…", self._max_chars)
            for i, part in enumerate(parts):
                part = part or "…"
                if i < len(self._posts):
                    post_id, shown = self._posts[i]
                    if shown != part:
                        await self._rest.patch_message(post_id, part)
                        self.edits += 1
                        self._posts[i] = (post_id, part)
                else:
                    post = await self._rest.create_post(self.channel_id, part, root_id=self.root_id)
                    self.created += 1
                    self._posts.append((post["id"], part))
            if final:
                # The final text can be shorter than the stream (e.g. filtered): drop leftovers.
                for post_id, _ in self._posts[len(parts):]:
                    with contextlib.suppress(Exception):
                        await self._rest.delete_post(post_id)
                del self._posts[len(parts):]

    async def _post_files(self) -> None:
        for start in range(0, len(self._file_ids), MAX_FILES_PER_POST):
            ids = self._file_ids[start : start + MAX_FILES_PER_POST]
            titles = self._file_titles[start : start + MAX_FILES_PER_POST]
            message = ", ".join(t for t in titles if t) or messages.MM_FILES_POST
            await self._rest.create_post(self.channel_id, message, root_id=self.root_id, file_ids=ids)
            self.created += 1


def _consume_error(task: asyncio.Task[None]) -> None:
    # A failed streamed edit is logged; the next edit or the final text tries again.
    if not task.cancelled() and task.exception() is not None:
        log.warning("mattermost streaming edit failed error=%s", type(task.exception()).__name__)
