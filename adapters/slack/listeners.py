"""Bolt listeners: mentions, DMs, the slash command and AI-app threads, each handed to the pipeline.

Listeners only filter, de-duplicate and start a task, so bolt acknowledges
within Slack's 3 seconds whatever the model does; the answer work runs in
tracked tasks that shutdown can wait for. (``AsyncApp`` runs listeners on the
event loop: no 5-thread executor to queue behind, unlike the sync ``App``.)
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from slack_bolt.async_app import AsyncApp, AsyncAssistant
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import SLACK_ERRORS, BotIdentity, api_error
from adapters.slack.files import FileSource
from adapters.slack.guard import event_keys, first_delivery, is_answerable, workspace_for
from adapters.slack.reply import SlackReply, StreamSupport, Target, ThreadUnavailable
from adapters.slack.request_builder import channel_kind, team_of, user_name
from adapters.slack.text import clean_incoming, escape_plain
from adapters.slack.thread import thread_fetcher
from bot import messages as M
from bot.config import Settings
from bot.request import Reply, Request
from bot.state import StateStore

log = logging.getLogger("dasan.slack")

TITLE_TTL_S = 7 * 24 * 3600.0


class PipelineLike(Protocol):
    settings: Settings
    state: StateStore

    async def handle(self, request: Request, reply: Reply) -> None: ...


class InFlight:
    """The answer tasks still running, so shutdown can let them finish (or cancel them)."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, coro: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    async def drain(self, grace_s: float) -> None:
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=grace_s)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=5)


@dataclass
class SlackContext:
    settings: Settings
    pipeline: PipelineLike
    client: AsyncWebClient
    identity: BotIdentity
    files: FileSource
    support: StreamSupport
    tasks: InFlight


class Listeners:
    def __init__(self, ctx: SlackContext) -> None:
        self.ctx = ctx

    def register(self, app: AsyncApp) -> None:
        settings = self.ctx.settings.slack
        if settings.assistant:
            assistant = AsyncAssistant(logger=app.logger)
            assistant.thread_started(self._thread_started)
            assistant.user_message(self._assistant_message)
            app.assistant(assistant)
        app.event("app_mention")(self._mention)
        app.event("message")(self._message)
        app.command(settings.slash_command)(self._command)

    # -- bolt listeners (quick: filter, de-duplicate, start the work) ---------

    async def _mention(self, body: dict[str, Any], event: dict[str, Any], request: Any) -> None:
        await self._accept(body, event, assistant=False, headers=request.headers)

    async def _message(self, body: dict[str, Any], event: dict[str, Any], request: Any) -> None:
        # Channel posts are answered through app_mention; only DMs are requests by themselves.
        if event.get("channel_type") == "im":
            await self._accept(body, event, assistant=False, headers=request.headers)

    async def _assistant_message(self, body: dict[str, Any], event: dict[str, Any], request: Any) -> None:
        await self._accept(body, event, assistant=True, headers=request.headers)

    async def _thread_started(self, set_suggested_prompts: Any) -> None:
        prompts = [{"title": title, "message": message} for title, message in M.SLACK_SUGGESTED_PROMPTS]
        try:
            await set_suggested_prompts(prompts=prompts, title=M.SLACK_ASSISTANT_GREETING)
        except SLACK_ERRORS as exc:
            log.warning("setSuggestedPrompts failed: %s", api_error(exc))

    async def _command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        started = time.monotonic()
        await ack(text=M.SLACK_COMMAND_ACK)
        log.info("command acked: trigger=%s ms=%d", body.get("trigger_id"), (time.monotonic() - started) * 1000)
        trigger = body.get("trigger_id")
        if trigger and not await first_delivery(self.ctx.pipeline.state, f"slack:command:{trigger}"):
            return
        self.ctx.tasks.spawn(self._answer_command(body, respond), name="slack-command")

    async def _accept(self, body: dict[str, Any], event: dict[str, Any], *, assistant: bool, headers: Any) -> None:
        retry = (headers or {}).get("x-slack-retry-num")
        retry = retry[0] if isinstance(retry, list) and retry else retry
        if not is_answerable(event, self.ctx.identity):
            return
        if not await first_delivery(self.ctx.pipeline.state, *event_keys(body, event)):
            log.info("duplicate delivery ignored: event=%s retry=%s", body.get("event_id"), retry or 0)
            return
        log.info(
            "event accepted: type=%s event=%s channel=%s retry=%s files=%d",
            event.get("type"), body.get("event_id"), event.get("channel"), retry or 0, len(event.get("files") or []),
        )
        self.ctx.tasks.spawn(self._answer_event(body, event, assistant), name="slack-event")

    # -- the work ------------------------------------------------------------

    async def _answer_event(self, body: dict[str, Any], event: dict[str, Any], assistant: bool) -> None:
        ctx = self.ctx
        channel, ts, user = event["channel"], event["ts"], event["user"]
        thread_ts = event.get("thread_ts")
        team, enterprise = team_of(body, event, ctx.identity)
        reply = self._reply(
            Target(
                channel=channel,
                thread_ts=thread_ts or ts,
                user_id=user,
                team_id=event.get("user_team") or event.get("team") or team,
                assistant=assistant,
            )
        )

        async def build() -> Request:
            kind, name = await asyncio.gather(
                channel_kind(ctx.client, channel, event.get("channel_type")),
                self._user_name(user),
            )
            attachments = await ctx.files.attachments(event.get("files") or [])
            text = clean_incoming(event.get("text") or "", ctx.identity.user_id)
            if assistant and thread_ts:
                await self._maybe_title(channel, thread_ts, text, attachments)
            fetch = None
            if thread_ts and thread_ts != ts:
                fetch = thread_fetcher(
                    ctx.client,
                    channel=channel,
                    thread_ts=thread_ts,
                    before_ts=ts,
                    limit=ctx.settings.limits.thread_messages,
                    identity=ctx.identity,
                    bot_name=ctx.settings.bot.name,
                )
            return Request(
                platform="slack",
                workspace=workspace_for(team, enterprise, ctx.settings.access.workspaces),
                channel=channel,
                thread_id=thread_ts or ts,
                user_id=user,
                user_name=name,
                is_dm=kind.is_dm,
                text=text,
                attachments=attachments,
                event_id=body.get("event_id") or f"{channel}:{ts}",
                is_public_channel=kind.is_public,
                fetch_thread=fetch,
            )

        await self._run(build, reply)

    async def _answer_command(self, body: dict[str, Any], respond: Any) -> None:
        ctx = self.ctx
        channel, user = body["channel_id"], body["user_id"]
        text = (body.get("text") or "").strip()
        team = body.get("team_id") or ctx.identity.team_id
        enterprise = body.get("enterprise_id") or ctx.identity.enterprise_id
        # The root names the requester only: the command text is unfiltered (personal data the
        # pipeline masks for the model, <!channel>…), and a channel post would publish it.
        root = M.SLACK_COMMAND_ROOT.format(user=escape_plain(user))

        async def tell_privately(message: str) -> None:
            resp = await respond(text=message, response_type="ephemeral", replace_original=False)
            if getattr(resp, "status_code", 200) >= 300:
                log.warning("response_url answered %s", resp.status_code)

        async def open_thread() -> str:
            resp = await ctx.client.chat_postMessage(channel=channel, text=root, unfurl_links=False)
            if not resp.get("ts"):
                raise ThreadUnavailable()
            return str(resp["ts"])

        reply = self._reply(
            Target(channel=channel, thread_ts=None, user_id=user, team_id=team),
            open_thread=open_thread,
            tell_privately=tell_privately,
        )

        async def build() -> Request | None:
            kind, name = await asyncio.gather(
                channel_kind(ctx.client, channel), self._user_name(user, body.get("user_name", ""))
            )
            if not kind.bot_can_post:  # a DM between other people, a private channel without the app
                await tell_privately(M.SLACK_COMMAND_NO_CHANNEL)
                return None
            return Request(
                platform="slack",
                workspace=workspace_for(team, enterprise, ctx.settings.access.workspaces),
                channel=channel,
                thread_id="",  # the thread is created with the first visible answer
                user_id=user,
                user_name=name,
                is_dm=kind.is_dm,
                text=text,
                event_id=body.get("trigger_id", ""),
                is_public_channel=kind.is_public,
            )

        await self._run(build, reply)

    def _reply(self, target: Target, **kw: Any) -> SlackReply:
        slack = self.ctx.settings.slack
        return SlackReply(
            self.ctx.client,
            target,
            self.ctx.support,
            max_chars=slack.max_message_chars,
            edit_interval_s=slack.edit_interval_s,
            **kw,
        )

    async def _run(self, build: Callable[[], Awaitable[Request | None]], reply: SlackReply) -> None:
        """Build the request and hand it to the pipeline; a failure before the pipeline still gets one answer."""
        started = time.monotonic()
        event_id = ""
        try:
            request = await build()
            if request is None:
                return
            event_id = request.event_id
            await self.ctx.pipeline.handle(request, reply)
        except Exception as exc:  # a bug or an unexpected payload: log the type only, tell the user
            log.error("request failed before the pipeline: %s\n%s", type(exc).__name__,
                      "".join(traceback.format_tb(exc.__traceback__)))
            await reply.fail(M.ERR_INTERNAL)
        finally:
            log.info(
                "answered: event=%s closed=%s slack_calls=%d ms=%d",
                event_id, reply.closed, reply.api_calls, (time.monotonic() - started) * 1000,
            )

    async def _user_name(self, user: str, fallback: str = "") -> str:
        if not self.ctx.settings.slack.resolve_user_names:
            return fallback or user
        return await user_name(self.ctx.client, user, fallback)

    async def _maybe_title(self, channel: str, thread_ts: str, text: str, attachments: list[Any]) -> None:
        """Name an AI-app thread after its first request (once per thread, across replicas)."""
        first_line = (text.splitlines() or [""])[0].strip()
        title = first_line or (attachments[0].name if attachments else "")
        if not title or not await first_delivery(
            self.ctx.pipeline.state, f"slack:title:{channel}:{thread_ts}", ttl_s=TITLE_TTL_S
        ):
            return
        if len(title) > M.SLACK_TITLE_MAX:
            title = title[: M.SLACK_TITLE_MAX - 1] + "…"
        try:
            await self.ctx.client.assistant_threads_setTitle(channel_id=channel, thread_ts=thread_ts, title=title)
        except SLACK_ERRORS as exc:
            log.info("setTitle failed: %s", api_error(exc))
