"""Catching up after a reconnect: Mattermost does not replay websocket events, so
the posts created while the bot was away are read back over REST."""

from __future__ import annotations

import asyncio
import logging

from adapters.mattermost.events import DIRECT, GROUP, IncomingPost, post_from_dict
from adapters.mattermost.rest import MattermostRest

log = logging.getLogger("dasan.mattermost.catchup")


def in_scope(channel: dict, teams: frozenset[str]) -> bool:
    """DMs and group messages always; team channels only of the configured teams (all when none)."""
    if channel.get("type") in (DIRECT, GROUP):
        return True
    return not teams or channel.get("team_id", "") in teams


async def missed_posts(
    rest: MattermostRest,
    since_ms: int,
    *,
    teams: frozenset[str],
    oldest_ms: int = 0,
    concurrency: int = 4,
) -> list[IncomingPost]:
    """Posts created after ``since_ms`` (and not before ``oldest_ms``) in the bot's
    channels, oldest first. Channels with nothing newer are skipped without a call."""
    channels = await rest.my_channels()
    wanted = [
        c for c in channels
        if in_scope(c, teams) and int(c.get("last_post_at") or 0) > since_ms and not c.get("delete_at")
    ]
    limit = asyncio.Semaphore(concurrency)

    async def read(channel: dict) -> list[IncomingPost]:
        async with limit:
            listing = await rest.channel_posts_since(channel["id"], since_ms)
        found = []
        for post in (listing.get("posts") or {}).values():
            created = int(post.get("create_at") or 0)
            if created > since_ms and created >= oldest_ms:
                found.append(
                    post_from_dict(post, channel_type=str(channel.get("type", "")),
                                   team_id=str(channel.get("team_id") or ""))
                )
        return found

    batches = await asyncio.gather(*(read(c) for c in wanted))
    posts = sorted((p for batch in batches for p in batch), key=lambda p: p.create_at)
    log.info("mattermost catch-up channels=%d read=%d posts=%d", len(channels), len(wanted), len(posts))
    return posts
