"""The Slack adapter's lifecycle: check the tokens, connect (Socket Mode or HTTP), run, shut down cleanly.

``run`` is what ``dasan run`` calls when ``bot.adapter = "slack"``. Startup
problems end in one Korean line (``ConfigError``): a missing secret, a token
Slack rejects, an API host that cannot be reached, a port that cannot be bound.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from adapters.slack.client import build_web_client, check_bot_token, open_socket_url, read_secret
from adapters.slack.files import FileSource, trusted_hosts
from adapters.slack.http_server import HttpEventServer
from adapters.slack.listeners import InFlight, Listeners, PipelineLike, SlackContext
from adapters.slack.reply import StreamSupport
from bot import messages as M
from bot.config import ConfigError, Settings

log = logging.getLogger("dasan.slack")

SOCKET_CONNECT_TIMEOUT_S = 30.0
SHUTDOWN_GRACE_S = 20.0  # let answers in progress finish before cancelling them


class _NoTokenNotice(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN is unused when a client is given; here that is the design."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def library_logger(settings: Settings) -> logging.Logger:
    """slack_sdk and bolt log whole payloads (message text) at DEBUG; they never get below INFO here."""
    logger = logging.getLogger("dasan.slack.sdk")
    level = logging.getLevelName(settings.bot.log_level)
    logger.setLevel(max(logging.INFO, level if isinstance(level, int) else logging.INFO))
    if not any(isinstance(f, _NoTokenNotice) for f in logger.filters):
        logger.addFilter(_NoTokenNotice())
    return logger


class SlackAdapter:
    """One Slack connection serving one pipeline. ``start``/``stop``; ``run`` wraps them."""

    def __init__(self, settings: Settings, pipeline: PipelineLike, *, shutdown_grace_s: float = SHUTDOWN_GRACE_S) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.shutdown_grace_s = shutdown_grace_s
        self.tasks = InFlight()
        self.app: AsyncApp | None = None
        self.http: HttpEventServer | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def http_port(self) -> int:
        return self.http.port if self.http is not None else 0

    async def start(self) -> None:
        slack = self.settings.slack
        bot_token = read_secret(slack.bot_token_env, M.SLACK_BOT_TOKEN_NAME)
        if slack.mode == "socket":
            app_token = read_secret(slack.app_token_env, M.SLACK_APP_TOKEN_NAME)
            signing_secret = ""
        else:
            app_token = ""
            signing_secret = read_secret(slack.signing_secret_env, M.SLACK_SIGNING_SECRET_NAME)

        lib_log = library_logger(self.settings)
        # trust_env off: the proxy is passed explicitly (network.proxy, or the env proxy slack_sdk picked up).
        self._session = aiohttp.ClientSession(trust_env=False)
        client = build_web_client(self.settings, bot_token, self._session, lib_log)
        identity = await check_bot_token(client, slack.bot_token_env)
        log.info("slack auth ok: team=%s enterprise=%s bot_user=%s", identity.team_id, identity.enterprise_id, identity.user_id)

        limits = self.settings.limits
        file_source = FileSource(
            client,
            self._session,
            bot_token,
            max_bytes=int(limits.max_file_mb * 1_000_000),
            limit_label=f"{limits.max_file_mb:g}MB",
            hosts=trusted_hosts(slack.api_url, slack.file_hosts),
        )
        ctx = SlackContext(
            settings=self.settings,
            pipeline=self.pipeline,
            client=client,
            identity=identity,
            files=file_source,
            support=StreamSupport(slack.streaming),
            tasks=self.tasks,
        )
        self.app = AsyncApp(client=client, signing_secret=signing_secret, logger=lib_log, name="dasan")
        Listeners(ctx).register(self.app)

        if slack.mode == "socket":
            url = await open_socket_url(client, app_token, slack.app_token_env)
            self._socket = AsyncSocketModeHandler(
                self.app, app_token, logger=lib_log, web_client=client, proxy=self.settings.network.proxy or None
            )
            self._socket.client.wss_uri = url  # the URL just issued; reconnects ask apps.connections.open again
            try:
                await asyncio.wait_for(self._socket.connect_async(), SOCKET_CONNECT_TIMEOUT_S)
            except TimeoutError:
                raise ConfigError(M.SLACK_SOCKET_FAILED.format(reason="timeout")) from None
            log.info("slack socket mode connected")
        else:
            self.http = HttpEventServer(self.app, host=slack.http_host, port=slack.http_port, path=slack.http_path)
            try:
                port = await self.http.start()
            except OSError as exc:
                raise ConfigError(
                    M.SLACK_HTTP_PORT.format(host=slack.http_host, port=slack.http_port, reason=exc.strerror or exc)
                ) from None
            log.info("slack http events listening: host=%s port=%d path=%s", slack.http_host, port, slack.http_path)

    async def stop(self) -> None:
        """Stop taking events, let answers in progress finish (up to the grace period), release everything."""
        if self._socket is not None:
            try:
                await self._socket.close_async()
            except Exception as exc:  # closing a broken socket must not block shutdown
                log.info("socket close: %s", type(exc).__name__)
            self._socket = None
        if self.http is not None:
            await self.http.stop()
            self.http = None
        await self.tasks.drain(self.shutdown_grace_s)
        if self._session is not None:
            await self._session.close()
            self._session = None
        log.info("slack adapter stopped")


async def run(settings: Settings, pipeline: PipelineLike, *, ready: asyncio.Event | None = None) -> None:
    """Connect, set ``ready`` once events can arrive, serve until cancelled, then shut down cleanly."""
    adapter = SlackAdapter(settings, pipeline)
    try:
        await adapter.start()
        if ready is not None:
            ready.set()
        await asyncio.Event().wait()
    finally:
        await asyncio.shield(adapter.stop())
