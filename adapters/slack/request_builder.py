"""Turning a Slack event or slash command into the pipeline's ``Request``.

Slack tells the channel type on ``message`` events (``channel_type``) but not
on ``app_mention`` or slash commands; then ``conversations.info`` answers. When
even that fails the channel is treated as private (not public, not a DM), so
``access.public_channels_only`` errs on the side of refusing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import SLACK_ERRORS, BotIdentity, api_error

log = logging.getLogger("dasan.slack.request")


@dataclass(frozen=True)
class ChannelKind:
    is_dm: bool
    is_public: bool
    bot_can_post: bool = True  # False: not a member, or a DM between other people


_EVENT_TYPES = {
    "im": ChannelKind(is_dm=True, is_public=False),
    "channel": ChannelKind(is_dm=False, is_public=True),
    "group": ChannelKind(is_dm=False, is_public=False),
    "mpim": ChannelKind(is_dm=False, is_public=False),
}


async def channel_kind(client: AsyncWebClient, channel: str, channel_type: str | None = None) -> ChannelKind:
    if channel_type in _EVENT_TYPES:
        return _EVENT_TYPES[channel_type]
    try:
        info = (await client.conversations_info(channel=channel))["channel"]
    except SLACK_ERRORS as exc:
        error = api_error(exc)
        log.info("conversations.info failed: channel=%s error=%s", channel, error)
        # channel_not_found for a channel id the event named: a DM between others, or a private channel without the bot.
        return ChannelKind(is_dm=False, is_public=False, bot_can_post=error != "channel_not_found")
    if info.get("is_im"):
        return ChannelKind(is_dm=True, is_public=False)
    # Membership is not checked: with chat:write.public the bot may post in public channels it has not joined,
    # and a refused post is reported privately anyway.
    is_public = bool(info.get("is_channel")) and not info.get("is_private") and not info.get("is_mpim")
    return ChannelKind(is_dm=False, is_public=is_public)


async def user_name(client: AsyncWebClient, user_id: str, fallback: str = "") -> str:
    """The requester's display name (users.info), or the fallback/id when Slack will not say."""
    try:
        user = (await client.users_info(user=user_id))["user"]
    except SLACK_ERRORS as exc:
        log.info("users.info failed: user=%s error=%s", user_id, api_error(exc))
        return fallback or user_id
    profile = user.get("profile") or {}
    return profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name") or user_id


def team_of(body: dict[str, Any], event: dict[str, Any], identity: BotIdentity) -> tuple[str, str | None]:
    """(team id, enterprise id) of the installation the event came through."""
    auths = body.get("authorizations") or [{}]
    team = body.get("team_id") or auths[0].get("team_id") or event.get("team") or identity.team_id
    enterprise = body.get("enterprise_id") or auths[0].get("enterprise_id") or identity.enterprise_id
    return team, enterprise or None
