"""The Mattermost adapter: posts and slash commands in, Requests to the pipeline,
threaded replies out; nothing missed across reconnects, nothing answered twice."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from mattermostautodriver.exceptions import InvalidMattermostError, MattermostError

from adapters.mattermost.catchup import missed_posts
from adapters.mattermost.connection import EventStream
from adapters.mattermost.events import DIRECT, IncomingPost, mentions_user, parse_posted
from adapters.mattermost.inbound import AttachmentUnavailable, RequestBuilder
from adapters.mattermost.reply import MattermostReply
from adapters.mattermost.rest import MattermostRest, parse_server_url
from adapters.mattermost.retry import HttpStatusError, RetryPolicy, status_of
from adapters.mattermost.slash import SlashCommand, SlashServer
from bot import messages
from bot.config import ConfigError, Settings
from bot.request import Request

if TYPE_CHECKING:
    from bot.pipeline import Pipeline

log = logging.getLogger("dasan.mattermost")

# Catch-up reads a little before the last event seen: clocks and ordering are not exact,
# and the duplicate keys make the overlap harmless.
CATCHUP_OVERLAP_MS = 2000
THREAD_TTL_S = 30 * 86400  # how long a thread counts as the bot's, for follow-ups without a mention
SHUTDOWN_GRACE_S = 5.0
ANY_MENTION = re.compile(r"(?<![\w@])@[\w][\w.\-]*")
# What Mattermost allows in a username; the reserved words would be channel-wide mentions.
USERNAME = re.compile(r"[a-z0-9][a-z0-9._\-]{0,63}")
RESERVED_NAMES = frozenset({"all", "channel", "here", "matterbot", "system"})


def _now_ms() -> int:
    return int(time.time() * 1000)


class MattermostAdapter:
    def __init__(
        self,
        settings: Settings,
        pipeline: Pipeline,
        *,
        token: str | None = None,
        slash_token: str | None = None,
        typing_interval_s: float = 3.0,
    ) -> None:
        self.settings = settings
        self.cfg = settings.mattermost
        self.pipeline = pipeline
        self.state = pipeline.state
        self._token = token
        self._slash_token = slash_token
        self._typing_interval_s = typing_interval_s
        self.rest: MattermostRest | None = None
        self.stream: EventStream | None = None
        self.slash: SlashServer | None = None
        self.teams: frozenset[str] = frozenset()  # resolved team ids; empty = every team
        self._dm_workspace = ""
        self.requests: RequestBuilder | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._watermark_ms = 0  # create_at of the newest post seen (server clock)
        self._watermark_before_event = 0
        self._catchup_from: int | None = None
        self._gap_generation = 0
        self._catchup_lock = asyncio.Lock()
        # Called after each request's reply ended (the benchmark's clock; tests).
        self.on_reply_done: Callable[[Request, MattermostReply], None] | None = None

    # -- lifecycle ---------------------------------------------------------------

    @property
    def bot_id(self) -> str:
        return self.rest.user_id if self.rest else ""

    @property
    def username(self) -> str:
        return self.rest.username if self.rest else ""

    @property
    def dedup_ttl_s(self) -> float:
        return max(86400.0, 2 * self.cfg.catchup_max_age_s)

    async def start(self) -> None:
        """Logs in and opens the slash endpoint; raises ConfigError with one Korean line."""
        token = self._token if self._token is not None else os.environ.get(self.cfg.token_env, "")
        token = token.strip()
        if not token:
            raise ConfigError(messages.MM_TOKEN_MISSING.format(env=self.cfg.token_env))
        address = parse_server_url(self.cfg.url)
        self.rest = MattermostRest(
            address, token, timeout_s=self.cfg.request_timeout_s,
            policy=RetryPolicy(max_retries=self.cfg.max_retries),
        )
        try:
            await self._login()
            await self._resolve_teams()
            self.requests = RequestBuilder(self.rest, self.settings, dm_workspace=self._dm_workspace)
            await self._start_slash()
        except BaseException:
            await self.rest.close()
            raise
        self.stream = EventStream(
            address.websocket_url, token, self,
            min_s=self.cfg.reconnect_min_s, max_s=self.cfg.reconnect_max_s,
            timeout_s=self.cfg.request_timeout_s,
        )

    async def _login(self) -> None:
        assert self.rest is not None
        url = self.cfg.url
        # Startup should fail fast and clearly, not sit through the full retry schedule.
        policy, self.rest.policy = self.rest.policy, RetryPolicy(max_retries=1, base_s=0.2)
        try:
            me = await self.rest.login()
        except (MattermostError, InvalidMattermostError, HttpStatusError) as exc:
            status = status_of(exc)
            if status in (401, 403):
                raise ConfigError(messages.MM_TOKEN_REJECTED.format(
                    url=url, status=status, env=self.cfg.token_env)) from None
            raise ConfigError(messages.MM_UNREACHABLE.format(url=url, reason=f"HTTP {status}")) from None
        except httpx.HTTPError as exc:
            raise ConfigError(messages.MM_UNREACHABLE.format(url=url, reason=type(exc).__name__)) from None
        finally:
            self.rest.policy = policy
        log.info("mattermost logged in bot=%s", me.get("id"))

    async def _resolve_teams(self) -> None:
        assert self.rest is not None
        if not self.cfg.teams:
            return
        mine = await self.rest.my_teams()
        by_key = {t["id"]: t["id"] for t in mine} | {t.get("name", ""): t["id"] for t in mine}
        resolved = []
        for team in self.cfg.teams:
            if team not in by_key:
                raise ConfigError(messages.MM_UNKNOWN_TEAM.format(team=team))
            resolved.append(by_key[team])
        self.teams = frozenset(resolved)
        self._dm_workspace = resolved[0]  # where DMs count for access.workspaces (inbound.py)

    async def _start_slash(self) -> None:
        raw = self._slash_token if self._slash_token is not None else os.environ.get(self.cfg.slash_token_env, "")
        # One command per team, each with its own token: the variable may list several.
        tokens = [t.strip() for t in raw.split(",") if t.strip()]
        if not tokens:
            log.info("mattermost slash command off: no token in %s", self.cfg.slash_token_env)
            return
        self.slash = SlashServer(self.cfg.slash_host, self.cfg.slash_port, tokens,
                                 lambda command: self._spawn(self._on_slash(command)))
        try:
            await self.slash.start()
        except OSError as exc:
            self.slash = None
            raise ConfigError(messages.MM_SLASH_PORT.format(
                host=self.cfg.slash_host, port=self.cfg.slash_port, reason=exc.strerror or type(exc).__name__
            )) from None

    async def run(self, ready: asyncio.Event | None = None) -> None:
        """Runs until cancelled; ``ready`` is set once events can be received."""
        if self.rest is None:
            await self.start()
        assert self.stream is not None
        try:
            await self.stream.run(ready)
        finally:
            await self.stop()

    async def stop(self) -> None:
        if self.slash is not None:
            await self.slash.stop()
            self.slash = None
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            # Cancelled requests still post their short error; give them a moment.
            await asyncio.wait(tasks, timeout=SHUTDOWN_GRACE_S)
        if self.rest is not None:
            await self.rest.close()

    def _spawn(self, coro) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def wait_idle(self) -> None:
        """Waits for every request in flight (tests and the benchmark)."""
        while self._tasks:
            await asyncio.wait(list(self._tasks))

    # -- the event stream (StreamListener) -----------------------------------------

    def connected(self, reconnect: bool) -> None:
        if not reconnect and self._watermark_ms == 0:
            self._watermark_ms = _now_ms()
        if self._catchup_from is not None:
            self._spawn(self._catch_up())

    def disconnected(self) -> None:
        self._gap_generation += 1
        if self._catchup_from is None:
            self._catchup_from = self._watermark_ms

    def missed(self) -> None:
        self._gap_generation += 1
        since = self._watermark_before_event
        self._catchup_from = since if self._catchup_from is None else min(self._catchup_from, since)
        self._spawn(self._catch_up())

    def event(self, frame: dict[str, Any]) -> None:
        post = parse_posted(frame, self.bot_id)
        self._watermark_before_event = self._watermark_ms
        if post is None:
            return
        self._watermark_ms = max(self._watermark_ms, post.create_at)
        self._spawn(self._on_post(post, "live"))

    async def _catch_up(self) -> None:
        assert self.rest is not None
        async with self._catchup_lock:
            since = self._catchup_from
            if since is None:
                return
            generation = self._gap_generation
            oldest = _now_ms() - int(self.cfg.catchup_max_age_s * 1000)
            try:
                posts = await missed_posts(
                    self.rest, max(0, since - CATCHUP_OVERLAP_MS), teams=self.teams, oldest_ms=oldest
                )
            except Exception as exc:  # the next reconnect tries again from the same point
                log.warning("mattermost catch-up failed error=%s", type(exc).__name__)
                return
            for post in posts:
                self._watermark_ms = max(self._watermark_ms, post.create_at)
                self._spawn(self._on_post(post, "catchup"))
            if self._gap_generation == generation:
                self._catchup_from = None

    # -- posts -------------------------------------------------------------------

    async def _on_post(self, post: IncomingPost, source: str) -> None:
        try:
            if not await self._should_answer(post):
                return
            if not await self.state.add_once(f"mattermost:post:{post.id}", self.dedup_ttl_s):
                log.info("mattermost duplicate post=%s source=%s", post.id, source)
                return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("mattermost post check failed post=%s error=%s", post.id, type(exc).__name__)
            return
        # Accepted: from here on the post ends in exactly one reply, whatever fails.
        reply = self.new_reply(post.channel_id, post.thread_root)
        try:
            await self._mark_thread(post.thread_root)
            assert self.requests is not None
            request = await self.requests.from_post(post)
        except asyncio.CancelledError:
            await self._fail_early(reply, messages.ERR_INTERNAL)
            raise
        except Exception as exc:
            unreadable = isinstance(exc, AttachmentUnavailable)
            log.error("mattermost request build failed post=%s stage=%s error=%s", post.id,
                      "file_info" if unreadable else "request", type(exc.__cause__ or exc).__name__)
            await self._fail_early(reply, messages.MM_FILE_UNREADABLE if unreadable else messages.ERR_INTERNAL)
            return
        log.info(
            "mattermost request post=%s channel=%s type=%s source=%s files=%d chars=%d",
            post.id, post.channel_id, post.channel_type, source, len(post.file_ids), len(post.message),
        )
        try:
            await self._serve(request, reply)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("mattermost post handling failed post=%s error=%s", post.id, type(exc).__name__)

    async def _fail_early(self, reply: MattermostReply, message: str) -> None:
        """The one reply of a request that never reached the pipeline."""
        try:
            await reply.fail(message)
        except Exception as exc:  # the server itself failed; nothing more can be shown
            log.error("mattermost error reply failed error=%s", type(exc).__name__)
        finally:
            await reply.close()

    async def _should_answer(self, post: IncomingPost) -> bool:
        if post.user_id == self.bot_id or post.from_bot or post.system or post.deleted:
            return False
        if post.team_id and self.teams and post.team_id not in self.teams:
            return False
        if post.channel_type == DIRECT:
            return True
        mentioned = post.mentioned if post.mentioned is not None else mentions_user(post.message, self.username)
        if mentioned:
            return True
        if not post.root_id or ANY_MENTION.search(post.message):
            return False  # a follow-up that names someone else is for them, not the bot
        return await self._is_bot_thread(post.root_id)

    async def _is_bot_thread(self, root_id: str) -> bool:
        if await self.state.get(f"mattermost:thread:{root_id}") > 0:
            return True
        # Not marked (e.g. after a restart with in-memory state): look for our own posts.
        assert self.rest is not None
        try:
            listing = await self.rest.get_thread(root_id)
        except Exception as exc:
            log.warning("mattermost thread check failed error=%s", type(exc).__name__)
            return False
        mine = any(p.get("user_id") == self.bot_id for p in (listing.get("posts") or {}).values())
        if mine:
            await self._mark_thread(root_id)
        return mine

    async def _mark_thread(self, root_id: str) -> None:
        if await self.state.get(f"mattermost:thread:{root_id}") <= 0:
            await self.state.incr(f"mattermost:thread:{root_id}", 1, THREAD_TTL_S)

    # -- answering -----------------------------------------------------------------

    def new_reply(
        self,
        channel_id: str,
        root_id: str,
        *,
        open_thread: Callable[[], Awaitable[str]] | None = None,
        tell_privately: Callable[[str], Awaitable[None]] | None = None,
    ) -> MattermostReply:
        assert self.rest is not None
        rest, stream = self.rest, self.stream

        async def typing() -> None:
            parent = reply.root_id  # a slash command's thread may open while typing runs
            data = {"channel_id": channel_id, "parent_id": parent}
            if stream is None or not await stream.send_action("user_typing", data):
                await rest.typing(channel_id, parent)

        reply = MattermostReply(
            rest, channel_id, root_id,
            max_chars=self.cfg.post_max_chars, edit_interval_s=self.cfg.edit_interval_s,
            typing=typing, typing_interval_s=self._typing_interval_s,
            open_thread=open_thread, tell_privately=tell_privately,
        )
        return reply

    async def _serve(self, request: Request, reply: MattermostReply) -> None:
        reply.start_typing()
        try:
            await self.pipeline.handle(request, reply)
            if not reply.closed:  # the pipeline promises this never happens
                await reply.fail(messages.ERR_INTERNAL)
        finally:
            await reply.close()
            if self.on_reply_done is not None:
                self.on_reply_done(request, reply)

    # -- slash command ---------------------------------------------------------------

    async def _on_slash(self, command: SlashCommand) -> None:
        assert self.rest is not None
        reply: MattermostReply | None = None
        try:
            if command.trigger_id and not await self.state.add_once(
                f"mattermost:slash:{command.trigger_id}", self.dedup_ttl_s
            ):
                return
            try:
                channel = await self.rest.get_channel(command.channel_id)
            except (MattermostError, InvalidMattermostError, HttpStatusError) as exc:
                log.warning("mattermost slash cannot post channel=%s status=%s", command.channel_id,
                            status_of(exc))
                await self._tell_invoker(command, messages.MM_SLASH_CANNOT_POST)
                return
            rest = self.rest

            async def open_thread() -> str:
                # The callback does not say which thread the command came from: start one,
                # with the first visible answer. It names the requester only, never the request.
                root = await rest.create_post(command.channel_id, self._slash_root(command))
                try:
                    await self._mark_thread(root["id"])  # follow-ups there need no mention
                except Exception as exc:  # the thread exists; a restart-style lookup still finds it
                    log.warning("mattermost thread mark failed error=%s", type(exc).__name__)
                log.info("mattermost slash thread opened channel=%s root=%s", command.channel_id, root["id"])
                return str(root["id"])

            async def tell_privately(text: str) -> None:
                await self._tell_invoker(command, text)

            reply = self.new_reply(command.channel_id, "", open_thread=open_thread, tell_privately=tell_privately)
            try:
                assert self.requests is not None
                request = self.requests.from_slash(command, channel)
            except Exception as exc:
                log.error("mattermost slash request build failed error=%s", type(exc).__name__)
                await self._fail_early(reply, messages.ERR_INTERNAL)
                return
            log.info("mattermost request slash channel=%s type=%s chars=%d", command.channel_id,
                     channel.get("type", ""), len(command.text))
            await self._serve(request, reply)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("mattermost slash handling failed error=%s", type(exc).__name__)
            if reply is None:
                await self._tell_invoker(command, messages.ERR_INTERNAL)
            elif not reply.closed:  # privately while no thread exists, else in the thread
                await self._fail_early(reply, messages.ERR_INTERNAL)

    @staticmethod
    def _slash_root(command: SlashCommand) -> str:
        """The thread's root post: a mention of the requester, and nothing from the request."""
        name = command.user_name.strip().lstrip("@").lower()
        if USERNAME.fullmatch(name) and name not in RESERVED_NAMES:
            return messages.MM_SLASH_ROOT.format(user=name)
        return messages.MM_SLASH_ROOT_UNNAMED

    async def _tell_invoker(self, command: SlashCommand, text: str) -> None:
        """An ephemeral note through the command's response_url — only to our own server."""
        assert self.rest is not None
        address = self.rest.address
        target = urlsplit(command.response_url)
        if target.scheme != address.scheme or target.hostname != address.host:
            log.warning("mattermost slash note not sent reason=foreign_response_url")
            return
        http: httpx.AsyncClient = self.rest.driver.client.client
        try:
            resp = await http.post(command.response_url, json={"response_type": "ephemeral", "text": text},
                                   timeout=self.cfg.request_timeout_s)
        except httpx.HTTPError as exc:
            log.warning("mattermost slash note failed error=%s", type(exc).__name__)
            return
        if resp.status_code >= 300:
            log.warning("mattermost slash note failed status=%d", resp.status_code)


async def run(settings: Settings, pipeline: Pipeline, *, ready: asyncio.Event | None = None) -> None:
    """The adapter entry point ``dasan run`` calls when ``bot.adapter = "mattermost"``."""
    adapter = MattermostAdapter(settings, pipeline)
    await adapter.start()
    await adapter.run(ready)
