"""Mattermost posts as the adapter sees them: parsing ``posted`` events and REST
posts into one shape, and the plain rules for which posts are the bot's to answer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

DIRECT = "D"
GROUP = "G"
PUBLIC = "O"


@dataclass(frozen=True)
class IncomingPost:
    id: str
    user_id: str
    channel_id: str
    root_id: str
    message: str
    create_at: int
    channel_type: str  # O, P, D, G
    team_id: str  # empty for DM/GM
    sender_name: str = ""  # username without '@'; empty when unknown
    file_ids: tuple[str, ...] = ()
    files_meta: tuple[dict[str, Any], ...] = ()  # FileInfo objects from post.metadata.files
    mentioned: bool | None = None  # from the event's per-receiver ``mentions``; None = unknown
    from_bot: bool = False
    system: bool = False  # join/leave and other system posts
    deleted: bool = False
    props: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def thread_root(self) -> str:
        return self.root_id or self.id

    @property
    def is_dm(self) -> bool:
        return self.channel_type in (DIRECT, GROUP)


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def post_from_dict(
    post: dict[str, Any],
    *,
    channel_type: str,
    team_id: str,
    sender_name: str = "",
    mentioned: bool | None = None,
) -> IncomingPost:
    props = post.get("props") or {}
    metadata = post.get("metadata") or {}
    return IncomingPost(
        id=str(post.get("id", "")),
        user_id=str(post.get("user_id", "")),
        channel_id=str(post.get("channel_id", "")),
        root_id=str(post.get("root_id") or ""),
        message=str(post.get("message") or ""),
        create_at=int(post.get("create_at") or 0),
        channel_type=channel_type,
        team_id=team_id or "",
        sender_name=sender_name.lstrip("@"),
        file_ids=tuple(post.get("file_ids") or ()),
        files_meta=tuple(f for f in (metadata.get("files") or ()) if isinstance(f, dict)),
        mentioned=mentioned,
        from_bot=_truthy(props.get("from_bot")) or _truthy(props.get("from_webhook")),
        system=bool(post.get("type")),
        deleted=bool(post.get("delete_at")),
        props=props,
    )


def parse_posted(frame: dict[str, Any], my_id: str) -> IncomingPost | None:
    """The post of a ``posted`` event, or None for other events and malformed ones."""
    if frame.get("event") != "posted":
        return None
    data = frame.get("data") or {}
    raw = data.get("post")
    try:
        post = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return None
    if not isinstance(post, dict) or not post.get("id"):
        return None
    # ``mentions`` is a JSON-encoded list; current servers put only the receiver's id in it.
    mentioned = False
    mentions = data.get("mentions")
    if isinstance(mentions, str):
        try:
            mentioned = my_id in json.loads(mentions)
        except (ValueError, TypeError):
            mentioned = False
    broadcast = frame.get("broadcast") or {}
    return post_from_dict(
        post,
        channel_type=str(data.get("channel_type", "")),
        team_id=str(data.get("team_id") or broadcast.get("team_id") or ""),
        sender_name=str(data.get("sender_name", "")),
        mentioned=mentioned,
    )


def mention_pattern(username: str) -> re.Pattern[str]:
    # Mattermost trims trailing '.', '-' and '_' from a mention; a following word char means another name.
    return re.compile(rf"(?<![\w@])@{re.escape(username)}(?![\w-]|\.\w)[.:,]?", re.IGNORECASE)


def mentions_user(text: str, username: str) -> bool:
    return bool(username) and mention_pattern(username).search(text) is not None


def strip_mention(text: str, username: str) -> str:
    if not username:
        return text.strip()
    stripped = mention_pattern(username).sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", stripped).strip()
