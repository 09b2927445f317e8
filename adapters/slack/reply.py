"""A reply in a Slack thread, streamed as the model writes.

Two ways to show a growing answer:

* native — ``chat.startStream`` / ``appendStream`` / ``stopStream`` (slack_sdk
  ≥ 3.37). Only the new text is sent each time. Called directly rather than
  through ``client.chat_stream``, whose 256-character buffer keeps a short
  answer invisible until the end.
* update — one ``chat.postMessage``, then ``chat.update`` in place.

Either way edits go through ``EditThrottle`` (about one per second per
message). Past ``max_message_chars`` the answer continues in further messages
(``split_message``); a streamed part whose text was rewritten rather than
extended is stopped and corrected with ``chat.update``. If the server does not
know the streaming methods (GovSlack, older Enterprise hosts, a proxy that
filters them), the adapter falls back to update mode for good.

Status: in an AI-app thread, ``assistant.threads.setStatus``; elsewhere a
placeholder message that the answer replaces. A slash command's thread root is
created at the first visible output, so a refusal (the first thing the pipeline
says in a channel it may not serve) goes privately to the requester instead.

Every Slack error is logged (codes only) and swallowed: a reply must never
crash the bot, and the pipeline's one final message still gets its try.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import files
from adapters.slack.client import SLACK_ERRORS, api_error
from adapters.slack.text import defuse_broadcasts, to_mrkdwn
from bot import messages as M
from bot.request import OutFile, Reply
from bot.streaming import EditThrottle, split_message

log = logging.getLogger("dasan.slack.reply")

STREAM_CALL_CHARS = 12_000  # markdown_text limit per streaming call
# Errors meaning "this server has no streaming", as opposed to a one-off failure.
NO_STREAMING_ERRORS = {
    "unknown_method",
    "method_not_supported",
    "method_deprecated",
    "not_allowed_token_type",
    "feature_not_enabled",
    "not_allowed",
    "missing_scope",
}


class StreamSupport:
    """Process-wide memory of whether native streaming works here (a capability, not content)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode  # auto | native | update
        self.broken = False

    @property
    def native(self) -> bool:
        return self.mode != "update" and not self.broken

    def failed(self, error: str) -> None:
        if error in NO_STREAMING_ERRORS and self.mode == "auto":
            if not self.broken:
                log.warning("native streaming unavailable (%s); using chat.update", error)
            self.broken = True


@dataclass
class Target:
    channel: str
    thread_ts: str | None  # None until a slash command's root message exists
    user_id: str
    team_id: str  # the requester's team, for streaming into channels
    assistant: bool = False  # an AI-app thread: status through assistant.threads.setStatus


@dataclass
class _Part:
    ts: str
    text: str  # the answer text this message shows (before mrkdwn conversion)
    streaming: bool = False


class ThreadUnavailable(Exception):
    """The slash command's channel does not take the bot's messages."""


class SlackReply(Reply):
    def __init__(
        self,
        client: AsyncWebClient,
        target: Target,
        support: StreamSupport,
        *,
        max_chars: int = 3900,
        edit_interval_s: float = 1.0,
        open_thread: Callable[[], Awaitable[str]] | None = None,
        tell_privately: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__()
        self._client = client
        self.target = target
        self._support = support
        self._max_chars = max_chars
        self._open_thread = open_thread
        self._tell_privately = tell_privately
        self._lock = asyncio.Lock()
        self._answer = EditThrottle(self._send_answer, interval=edit_interval_s)
        self._status_edits = EditThrottle(self._send_status, interval=edit_interval_s)
        self._parts: list[_Part] = []
        self._placeholder: str | None = None  # ts of the status message the answer will replace
        self._status_tasks: set[asyncio.Task[None]] = set()
        self._final = False
        self._dead = False  # the thread could not be opened: nothing more can be shown
        self.api_calls = 0  # Slack calls made for this reply, for tests and the benchmark

    # -- Reply interface -----------------------------------------------------

    async def _status(self, text: str) -> None:
        if self._parts or self._final or self.target.thread_ts is None:
            # No thread yet means a slash command: its ack already told the user,
            # and the thread opens with the answer (so a refusal stays private).
            return
        # Not awaited: the pipeline goes on to the model while Slack shows the status
        # (the lock keeps the order; an answer that comes first makes the status moot).
        task = asyncio.get_running_loop().create_task(self._status_edits.submit(text))
        self._status_tasks.add(task)
        task.add_done_callback(self._status_tasks.discard)

    async def _update(self, text: str) -> None:
        if not text.strip():
            return
        self._status_edits.cancel()
        await self._answer.submit(text)

    async def _attach(self, file: OutFile) -> None:
        async with self._lock:
            if not await self._ensure_thread():
                return
            try:
                self.api_calls += 3
                await files.upload(self._client, self.target.channel, self.target.thread_ts or "", file)
            except SLACK_ERRORS as exc:
                log.warning("file upload failed: %s", api_error(exc))
                await self._post(M.SLACK_UPLOAD_FAILED.format(name=file.name))

    async def _finish(self, text: str) -> None:
        self._stop_throttles()
        async with self._lock:
            self._final = True
            await self._render(text.strip() or M.SLACK_EMPTY_ANSWER, final=True)

    async def _fail(self, message: str) -> None:
        self._stop_throttles()
        async with self._lock:
            self._final = True
            if not self._parts and self._placeholder is None and self.target.thread_ts is None:
                if self._tell_privately is not None:
                    await self._private(message)
                    return
            await self._stop_streams()
            if self._placeholder is not None:
                if await self._edit(self._placeholder, message):
                    self._placeholder = None
                    return
            await self._post(message)

    # -- throttled sends -----------------------------------------------------

    def _stop_throttles(self) -> None:
        self._answer.cancel()
        self._status_edits.cancel()

    async def _send_answer(self, text: str) -> None:
        # Shielded: cancelling the throttle's timer must not cut a Slack call in half
        # (a message posted but its ts never recorded would be orphaned).
        await asyncio.shield(self._locked_render(text))

    async def _locked_render(self, text: str) -> None:
        async with self._lock:
            if not self._final:
                await self._render(text, final=False)

    async def _send_status(self, text: str) -> None:
        await asyncio.shield(self._locked_status(text))

    async def _locked_status(self, text: str) -> None:
        async with self._lock:
            if self._final or self._parts or self.target.thread_ts is None:
                return
            if self.target.assistant:
                try:
                    self.api_calls += 1
                    await self._client.assistant_threads_setStatus(
                        channel_id=self.target.channel, thread_ts=self.target.thread_ts, status=text
                    )
                    return
                except SLACK_ERRORS as exc:  # not an AI-app thread after all: show it as a message
                    log.info("setStatus failed (%s); status as a message", api_error(exc))
                    self.target.assistant = False
            shown = M.SLACK_STATUS_FORMAT.format(text=text)
            if self._placeholder is None:
                self._placeholder = await self._post(shown)
            else:
                await self._edit(self._placeholder, shown)

    # -- rendering (called under the lock) -----------------------------------

    async def _render(self, text: str, *, final: bool) -> None:
        if self._dead or not await self._ensure_thread():
            return
        text = defuse_broadcasts(text)
        pieces = split_message(text, self._max_chars)
        for i, piece in enumerate(pieces):
            # A part is closed once a later part exists or the answer is final.
            closing = final or i < len(pieces) - 1
            if i < len(self._parts):
                await self._set_part(self._parts[i], piece, closing, final=final)
            else:
                part = await self._new_part(piece, closing, first=(i == 0))
                if part is None:
                    return
                self._parts.append(part)
        # The text shrank below a part boundary (rare: a rewritten answer): drop the leftovers.
        while len(self._parts) > len(pieces):
            extra = self._parts.pop()
            if extra.streaming:
                await self._stop_stream(extra)
            await self._delete(extra.ts)

    async def _new_part(self, text: str, closing: bool, *, first: bool) -> _Part | None:
        if not closing and self._support.native:
            part = await self._start_stream(text)
            if part is not None:
                if self._placeholder is not None:  # the stream replaces the status message
                    await self._delete(self._placeholder)
                    self._placeholder = None
                return part
        if first and self._placeholder is not None:
            ts = self._placeholder
            if await self._edit(ts, text, convert=True):
                self._placeholder = None
                return _Part(ts, text)
        ts = await self._post(text, convert=True)
        return _Part(ts, text) if ts else None

    async def _set_part(self, part: _Part, text: str, closing: bool, *, final: bool = False) -> None:
        if part.streaming:
            if text.startswith(part.text):
                delta = text[len(part.text) :]
                if await self._stream_more(part, delta, stop=closing):
                    part.text = text
                    return
            # Rewritten (or the stream failed): end the stream, then correct the message in place.
            await self._stop_stream(part)
        if text != part.text:
            if await self._edit(part.ts, text, convert=True):
                part.text = text
            elif final:  # the final text must reach the user: as a new message if the edit keeps failing
                ts = await self._post(text, convert=True)
                if ts:
                    part.ts, part.text = ts, text

    async def _stop_streams(self) -> None:
        for part in self._parts:
            if part.streaming:
                await self._stop_stream(part)

    # -- Slack calls ---------------------------------------------------------

    async def _ensure_thread(self) -> bool:
        if self.target.thread_ts is not None:
            return True
        if self._open_thread is None or self._dead:
            return False
        try:
            self.target.thread_ts = await self._open_thread()
            self.api_calls += 1
            return True
        except (ThreadUnavailable, *SLACK_ERRORS) as exc:
            log.warning("command thread could not be opened: %s", api_error(exc))
            self._dead = True
            if self._tell_privately is not None:
                await self._private(M.SLACK_COMMAND_NO_CHANNEL)
            return False

    async def _private(self, text: str) -> None:
        assert self._tell_privately is not None
        try:
            await self._tell_privately(text)
        except Exception as exc:  # response_url expired or unreachable: nothing else can reach the user
            log.warning("private answer failed: %s", type(exc).__name__)

    async def _post(self, text: str, *, convert: bool = False) -> str | None:
        try:
            self.api_calls += 1
            resp = await self._client.chat_postMessage(
                channel=self.target.channel,
                thread_ts=self.target.thread_ts,
                text=to_mrkdwn(text) if convert else text,
                unfurl_links=False,
                unfurl_media=False,
            )
            return str(resp["ts"])
        except SLACK_ERRORS as exc:
            log.warning("chat.postMessage failed: %s", api_error(exc))
            return None

    async def _edit(self, ts: str, text: str, *, convert: bool = False) -> bool:
        try:
            self.api_calls += 1
            await self._client.chat_update(channel=self.target.channel, ts=ts, text=to_mrkdwn(text) if convert else text)
            return True
        except SLACK_ERRORS as exc:
            log.warning("chat.update failed: %s", api_error(exc))
            return False

    async def _delete(self, ts: str) -> None:
        try:
            self.api_calls += 1
            await self._client.chat_delete(channel=self.target.channel, ts=ts)
        except SLACK_ERRORS as exc:
            log.info("chat.delete failed: %s", api_error(exc))

    async def _start_stream(self, text: str) -> _Part | None:
        """Open a streamed message with ``text``; the part records only what Slack accepted."""
        first, rest = text[:STREAM_CALL_CHARS], text[STREAM_CALL_CHARS:]
        try:
            self.api_calls += 1
            resp = await self._client.chat_startStream(
                channel=self.target.channel,
                thread_ts=self.target.thread_ts or "",
                markdown_text=first,
                recipient_user_id=self.target.user_id or None,
                recipient_team_id=self.target.team_id or None,
            )
        except SlackApiError as exc:
            error = api_error(exc)
            log.info("chat.startStream failed: %s", error)
            self._support.failed(error)
            return None
        except SLACK_ERRORS as exc:
            log.warning("chat.startStream failed: %s", api_error(exc))
            return None
        part = _Part(str(resp["ts"]), first, streaming=True)
        if rest:
            # If an append fails, part.text stays at what was delivered, so the next render
            # (the final one at the latest) sends the missing text or corrects it by chat.update.
            await self._stream_more(part, rest, stop=False)
        return part

    async def _stream_more(self, part: _Part, delta: str, *, stop: bool) -> bool:
        """Append ``delta`` (and stop the stream if asked); ``part.text`` grows by each piece Slack accepted."""
        pieces = [delta[i : i + STREAM_CALL_CHARS] for i in range(0, len(delta), STREAM_CALL_CHARS)]
        try:
            last = pieces.pop() if stop and pieces else None
            for piece in pieces:
                self.api_calls += 1
                await self._client.chat_appendStream(channel=self.target.channel, ts=part.ts, markdown_text=piece)
                part.text += piece
            if stop:
                self.api_calls += 1
                await self._client.chat_stopStream(channel=self.target.channel, ts=part.ts, markdown_text=last or None)
                part.text += last or ""
                part.streaming = False
            return True
        except SLACK_ERRORS as exc:
            log.warning("chat stream call failed: %s", api_error(exc))
            return False

    async def _stop_stream(self, part: _Part) -> None:
        try:
            self.api_calls += 1
            await self._client.chat_stopStream(channel=self.target.channel, ts=part.ts)
        except SLACK_ERRORS as exc:
            log.info("chat.stopStream failed: %s", api_error(exc))
        part.streaming = False
