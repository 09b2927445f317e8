"""Thread context without storage: re-read the thread from Slack each time it is asked for.

``conversations.replies`` returns the parent first, then replies oldest first.
The triggering message and anything after it are left out (``latest`` +
explicit filter); the parent is kept (it usually states the topic) plus the
most recent replies, ``limits.thread_messages`` in all. Nothing is cached.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import BotIdentity
from adapters.slack.text import clean_incoming
from bot import messages as M
from bot.request import ThreadMessage

log = logging.getLogger("dasan.slack.thread")

PAGE_SIZE = 200
MAX_PAGES = 10  # 2,000 messages: beyond that only the newest matter, and they are on the last page anyway
SKIPPED_SUBTYPES = {"channel_join", "channel_leave", "assistant_app_thread", "message_deleted", "tombstone"}


def thread_fetcher(
    client: AsyncWebClient,
    *,
    channel: str,
    thread_ts: str,
    before_ts: str,
    limit: int,
    identity: BotIdentity,
    bot_name: str,
) -> Callable[[], Awaitable[list[ThreadMessage]]]:
    async def fetch() -> list[ThreadMessage]:
        return await read_thread(
            client,
            channel=channel,
            thread_ts=thread_ts,
            before_ts=before_ts,
            limit=limit,
            identity=identity,
            bot_name=bot_name,
        )

    return fetch


async def read_thread(
    client: AsyncWebClient,
    *,
    channel: str,
    thread_ts: str,
    before_ts: str,
    limit: int,
    identity: BotIdentity,
    bot_name: str,
) -> list[ThreadMessage]:
    if limit <= 0:
        return []
    parent: dict[str, Any] | None = None
    recent: deque[dict[str, Any]] = deque(maxlen=limit)
    cursor: str | None = None
    before = _ts_key(before_ts)
    for _ in range(MAX_PAGES):
        resp = await client.conversations_replies(
            channel=channel, ts=thread_ts, latest=before_ts, inclusive=False, limit=PAGE_SIZE, cursor=cursor
        )
        for msg in resp.get("messages") or []:
            ts = msg.get("ts", "")
            if not ts or _ts_key(ts) >= before or msg.get("subtype") in SKIPPED_SUBTYPES:
                continue
            if ts == thread_ts:
                parent = msg
            else:
                recent.append(msg)
        cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            break
    chosen = list(recent)
    if parent is not None:
        chosen = [parent, *chosen[-(limit - 1) :]] if limit > 1 else [parent]
    out = [m for m in (_to_thread_message(msg, identity, bot_name) for msg in chosen) if m is not None]
    log.info("thread read: messages=%d", len(out))
    return out


def _ts_key(ts: str) -> tuple[int, int]:
    """Slack timestamps compared exactly ("1700000001.000200"), not as floats."""
    seconds, _, micros = ts.partition(".")
    return int(seconds or 0), int((micros + "000000")[:6])


def _to_thread_message(msg: dict[str, Any], identity: BotIdentity, bot_name: str) -> ThreadMessage | None:
    text = clean_incoming(msg.get("text") or "", identity.user_id)
    names = [f.get("name") or f.get("title") or "" for f in msg.get("files") or []]
    if any(names):
        note = M.SLACK_THREAD_FILES.format(names=", ".join(n for n in names if n))
        text = f"{text}\n{note}" if text else note
    if not text:
        return None
    if msg.get("user") == identity.user_id or (identity.bot_id and msg.get("bot_id") == identity.bot_id):
        return ThreadMessage(author=bot_name, text=text, is_bot=True)
    if msg.get("bot_id") or msg.get("subtype") == "bot_message":
        name = (msg.get("bot_profile") or {}).get("name") or msg.get("username") or msg.get("bot_id", "bot")
        return ThreadMessage(author=name, text=text, is_bot=True)
    return ThreadMessage(author=msg.get("user", ""), text=text, is_bot=False)
