"""Which deliveries get an answer: not the bot's own, not other bots', and each message once.

Slack retries an event it thinks failed (``X-Slack-Retry-Num``; the same
``event_id``), and an app subscribed to both ``app_mention`` and
``message.*`` receives the same post twice under different event ids. The key
that survives both is the message itself (team + channel + ts); the event id
covers events without a ts. Keys live in the pipeline's ``StateStore`` so
replicas behind a load balancer can share them (Redis).
"""

from __future__ import annotations

from typing import Any

from adapters.slack.client import BotIdentity
from bot.state import StateStore

DEDUPE_TTL_S = 3600.0  # Slack's last retry comes about 5 minutes after the first try
ANSWERED_SUBTYPES = {None, "file_share", "thread_broadcast"}


def is_from_a_bot(event: dict[str, Any], identity: BotIdentity) -> bool:
    """The bot's own posts and any other bot's or integration's: never answered (no bot ping-pong)."""
    if event.get("bot_id") or event.get("bot_profile") or event.get("subtype") == "bot_message":
        return True
    user = event.get("user")
    return not user or user == identity.user_id


def is_answerable(event: dict[str, Any], identity: BotIdentity) -> bool:
    """A new message from a person (edits, deletes, joins and bot posts are not requests)."""
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("hidden"):
        return False
    return not is_from_a_bot(event, identity)


async def first_delivery(state: StateStore, *keys: str, ttl_s: float = DEDUPE_TTL_S) -> bool:
    """True only the first time every key is seen (all keys are recorded either way)."""
    fresh = True
    for key in keys:
        if key and not await state.add_once(key, ttl_s):
            fresh = False
    return fresh


def event_keys(body: dict[str, Any], event: dict[str, Any]) -> list[str]:
    team = body.get("team_id") or event.get("team") or ""
    keys = []
    if event.get("channel") and event.get("ts"):
        keys.append(f"slack:msg:{team}:{event['channel']}:{event['ts']}")
    if body.get("event_id"):
        keys.append(f"slack:event:{body['event_id']}")
    return keys


def workspace_for(team_id: str, enterprise_id: str | None, allowed: list[str]) -> str:
    """The id the pipeline's ``access.workspaces`` check sees.

    ``access.workspaces`` may list Slack team ids (T…) or Enterprise Grid org ids
    (E…). The request carries one of them: the team id, unless only the
    enterprise id is on the list — so either configured id admits the request.
    """
    if allowed and team_id not in allowed and enterprise_id and enterprise_id in allowed:
        return enterprise_id
    return team_id or enterprise_id or ""
