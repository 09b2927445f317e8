"""The Slack Web API client and the startup checks: secrets, token, Socket Mode URL.

Everything outbound goes to ``slack.api_url`` through ``network.proxy`` (or the
standard proxy variables, which slack_sdk reads when no proxy is configured),
with the agency CA bundle when one is set. Rate limits (429 + Retry-After),
5xx and dropped connections are retried by slack_sdk's retry handlers, so a
busy Slack slows a reply down instead of failing it.
"""

from __future__ import annotations

import logging
import os
import ssl
from dataclasses import dataclass

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages as M
from bot.config import ConfigError, Settings

# Errors worth a second try are few; a request that keeps failing must not hold a reply for minutes.
RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2
API_TIMEOUT_S = 30


@dataclass(frozen=True)
class BotIdentity:
    """Who the bot is in this workspace, from ``auth.test``."""

    user_id: str
    bot_id: str
    team_id: str
    enterprise_id: str | None = None


def read_secret(env_name: str, what: str) -> str:
    value = os.environ.get(env_name, "").strip()
    if not value:
        raise ConfigError(M.SLACK_TOKEN_MISSING.format(what=what, env=env_name))
    return value


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if not settings.network.ca_bundle:
        return None
    try:
        return ssl.create_default_context(cafile=settings.network.ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"network.ca_bundle: {exc}") from None


def build_web_client(
    settings: Settings, token: str, session: aiohttp.ClientSession, logger: logging.Logger | None = None
) -> AsyncWebClient:
    """One client (one connection pool) for the whole adapter; bolt copies its settings per request."""
    return AsyncWebClient(
        token=token,
        base_url=settings.slack.api_url,
        timeout=API_TIMEOUT_S,
        ssl=ssl_context(settings),
        proxy=settings.network.proxy or None,
        session=session,
        logger=logger,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        ],
    )


def _reason(exc: BaseException) -> str:
    # Type and errno only: exception texts of HTTP libraries can echo URLs with tokens.
    errno = getattr(exc, "errno", None)
    return f"{type(exc).__name__}{f' {errno}' if errno else ''}"


async def check_bot_token(client: AsyncWebClient, env_name: str) -> BotIdentity:
    """``auth.test``: the token works and tells us the bot's own ids (to ignore its own messages)."""
    try:
        resp = await client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown") if exc.response is not None else "unknown"
        raise ConfigError(
            M.SLACK_TOKEN_REJECTED.format(url=client.base_url, what=M.SLACK_BOT_TOKEN_NAME, error=error, env=env_name)
        ) from None
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise ConfigError(M.SLACK_UNREACHABLE.format(url=client.base_url, reason=_reason(exc))) from None
    return BotIdentity(
        user_id=resp.get("user_id", ""),
        bot_id=resp.get("bot_id", ""),
        team_id=resp.get("team_id", ""),
        enterprise_id=resp.get("enterprise_id") or None,
    )


async def open_socket_url(client: AsyncWebClient, app_token: str, env_name: str) -> str:
    """``apps.connections.open`` on the configured API host; the WebSocket URL comes from there."""
    try:
        resp = await client.apps_connections_open(app_token=app_token)
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown") if exc.response is not None else "unknown"
        raise ConfigError(
            M.SLACK_TOKEN_REJECTED.format(url=client.base_url, what=M.SLACK_APP_TOKEN_NAME, error=error, env=env_name)
        ) from None
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise ConfigError(M.SLACK_UNREACHABLE.format(url=client.base_url, reason=_reason(exc))) from None
    url = resp.get("url")
    if not url:
        raise ConfigError(M.SLACK_SOCKET_FAILED.format(reason="no url"))
    return str(url)


def api_error(exc: BaseException) -> str:
    """A loggable code for a failed Slack call: the API's error string or the exception type."""
    if isinstance(exc, SlackApiError) and exc.response is not None:
        return str(exc.response.get("error") or exc.response.status_code)
    return type(exc).__name__


# What a Slack call can raise once slack_sdk's retries are used up.
SLACK_ERRORS: tuple[type[BaseException], ...] = (SlackClientError, aiohttp.ClientError, OSError, TimeoutError)
