"""A reply in a Mattermost thread: one post created, then edited as text arrives.

Edits go through EditThrottle (about one per second); past the post size limit
the answer continues in further posts. Files are uploaded when attached and
posted with the final answer; a file that could not be uploaded is named in a
short note after the answer instead of losing the answer. A typing indicator
runs until the reply ends.

A slash command's reply starts without a thread (``root_id`` empty): the root
post is created with the first visible answer text, so a refusal or an error
before any answer goes privately to the requester (``tell_privately``) and
nothing appears in the channel. Statuses are not shown until the thread exists.

No post ever carries a working ``@channel``/``@all``/``@here``: the text the bot
posts may quote user input, so those mentions are defused (``defuse_mentions``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable

from adapters.mattermost.rest import MattermostRest
from adapters.mattermost.retry import status_of
from bot import messages
from bot.request import OutFile, Reply
from bot.streaming import EditThrottle, split_message

log = logging.getLogger("dasan.mattermost.reply")

MAX_FILES_PER_POST = 5  # Mattermost's limit

# Mattermost notifies a whole channel for these (case-insensitive; a trailing '.', '-'
# or '_' is trimmed before matching, so anything but a letter or digit may follow).
GROUP_MENTION = re.compile(r"@(?=(?:channel|all|here)(?![a-z0-9]))", re.IGNORECASE)
WORD_JOINER = "\u2060"  # invisible; splits the keyword from its '@' for the mention parser


def defuse_mentions(text: str) -> str:
    """The text with every channel-wide mention made inert (it still reads the same)."""
    return GROUP_MENTION.sub("@" + WORD_JOINER, text)


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
        open_thread: Callable[[], Awaitable[str]] | None = None,
        tell_privately: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__()
        self._rest = rest
        self.channel_id = channel_id
        self.root_id = root_id  # empty until open_thread made the root (slash commands)
        self._open_thread = open_thread
        self._tell_privately = tell_privately
        self._dead = False  # the thread could not be opened: nothing more can be shown
        self._upload_failed: list[str] = []  # names of files that could not be uploaded
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

    @property
    def thread_pending(self) -> bool:
        """A slash command's reply whose thread does not exist yet."""
        return not self.root_id and self._open_thread is not None

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
        # A status only stands in for the answer until the first text arrives. Without a
        # thread yet (slash command) it is not shown: it would open the thread publicly
        # before it is known that there is an answer rather than a refusal.
        if not self.shown_text and not self.thread_pending:
            self._showing_status = True
            await self._throttle.submit(f"_{text}_")

    async def _update(self, text: str) -> None:
        if self.thread_pending and not text.strip():
            return  # nothing visible yet: no reason to open the thread
        self._showing_status = False
        await self._throttle.submit(text)

    async def _attach(self, file: OutFile) -> None:
        try:
            file_id = await self._rest.upload_file(self.channel_id, file.name, file.data, file.mime_type)
        except Exception as exc:  # the answer must still arrive; a note names the missing file
            log.warning("mattermost file upload failed error=%s status=%s bytes=%d mime=%s",
                        type(exc).__name__, status_of(exc), len(file.data), file.mime_type)
            self._upload_failed.append(file.name)
            return
        self._file_ids.append(file_id)
        self._file_titles.append(file.title or file.name)
        log.info("mattermost file uploaded bytes=%d mime=%s", len(file.data), file.mime_type)

    async def _finish(self, text: str) -> None:
        await self._end(text)

    async def _fail(self, message: str) -> None:
        if self.thread_pending and self._tell_privately is not None:
            self._final = True
            self._throttle.cancel()
            self._stop_typing()
            async with self._lock:  # a streamed edit in flight may be opening the thread
                pending = self.thread_pending
            if pending and not self._dead:
                # Nothing was shown: the error (a refusal, most often) is for the requester only.
                await self._tell(message)
                return
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
        await self._note_failed_uploads()

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

    async def _ensure_thread(self) -> bool:
        """Opens the slash command's thread on first use; False when it cannot be opened."""
        if self.root_id or self._open_thread is None:
            return True
        if self._dead:
            return False
        try:
            self.root_id = await self._open_thread()
        except Exception as exc:
            self._dead = True
            status = status_of(exc)
            log.warning("mattermost thread root failed channel=%s error=%s status=%s",
                        self.channel_id, type(exc).__name__, status)
            await self._tell(messages.MM_SLASH_CANNOT_POST if status in (400, 403, 404)
                             else messages.ERR_INTERNAL)
            return False
        return True

    async def _tell(self, message: str) -> None:
        if self._tell_privately is None:
            return
        try:
            await self._tell_privately(message)
        except Exception as exc:
            log.warning("mattermost private note failed error=%s", type(exc).__name__)

    async def _render(self, text: str, *, final: bool) -> None:
        async with self._lock:
            if self._final and not final:
                return  # a stale streamed edit must not overwrite the final text
            if not await self._ensure_thread():
                return
            parts = split_message(defuse_mentions(text or "…"), self._max_chars)
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
        if self._dead:
            return
        for start in range(0, len(self._file_ids), MAX_FILES_PER_POST):
            ids = self._file_ids[start : start + MAX_FILES_PER_POST]
            titles = self._file_titles[start : start + MAX_FILES_PER_POST]
            message = ", ".join(t for t in titles if t) or messages.MM_FILES_POST
            await self._rest.create_post(self.channel_id, defuse_mentions(message), root_id=self.root_id,
                                         file_ids=ids)
            self.created += 1

    async def _note_failed_uploads(self) -> None:
        if not self._upload_failed or self._dead or not self.root_id:
            return
        note = messages.MM_UPLOAD_FAILED.format(name=", ".join(self._upload_failed))
        try:
            await self._rest.create_post(self.channel_id, defuse_mentions(note), root_id=self.root_id)
            self.created += 1
        except Exception as exc:  # the answer itself is already there
            log.warning("mattermost upload note failed error=%s", type(exc).__name__)


def _consume_error(task: asyncio.Task[None]) -> None:
    # A failed streamed edit is logged; the next edit or the final text tries again.
    if not task.cancelled() and task.exception() is not None:
        log.warning("mattermost streaming edit failed error=%s", type(task.exception()).__name__)
