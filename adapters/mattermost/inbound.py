"""Turning a Mattermost post or slash command into the pipeline's Request: the
mention removed, attachments fetched lazily by file id, the thread re-read on demand."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from adapters.mattermost.events import DIRECT, GROUP, PUBLIC, IncomingPost, strip_mention
from adapters.mattermost.rest import MattermostRest
from adapters.mattermost.slash import SlashCommand
from bot.config import Settings
from bot.request import Attachment, Request, ThreadMessage

PLATFORM = "mattermost"


class AttachmentUnavailable(Exception):
    """A file of the post whose information could not be read (the user gets MM_FILE_UNREADABLE)."""


class RequestBuilder:
    def __init__(self, rest: MattermostRest, settings: Settings, *, dm_workspace: str = "") -> None:
        self._rest = rest
        self._settings = settings
        # A DM belongs to no team; it is counted in this one (the first configured team) so that
        # access.workspaces, which lists team ids, leaves DMs to access.allow_dm.
        self._dm_workspace = dm_workspace

    def _workspace(self, team_id: str, is_dm: bool) -> str:
        return team_id or (self._dm_workspace if is_dm else "")

    async def from_post(self, post: IncomingPost) -> Request:
        return Request(
            platform=PLATFORM,
            workspace=self._workspace(post.team_id, post.is_dm),
            channel=post.channel_id,
            thread_id=post.thread_root,
            user_id=post.user_id,
            user_name=post.sender_name or await self._username(post.user_id),
            is_dm=post.is_dm,
            text=strip_mention(post.message, self._rest.username),
            attachments=await self._attachments(post),
            event_id=post.id,
            is_public_channel=post.channel_type == PUBLIC,
            fetch_thread=self._thread_reader(post) if post.root_id else None,
        )

    def from_slash(self, command: SlashCommand, channel: dict[str, Any], root_id: str = "") -> Request:
        # root_id is usually empty: the thread is opened with the first visible answer.
        channel_type = str(channel.get("type", ""))
        is_dm = channel_type in (DIRECT, GROUP)
        return Request(
            platform=PLATFORM,
            workspace=self._workspace(command.team_id or str(channel.get("team_id") or ""), is_dm),
            channel=command.channel_id,
            thread_id=root_id,
            user_id=command.user_id,
            user_name=command.user_name,
            is_dm=is_dm,
            text=command.text,
            event_id=command.trigger_id or root_id,
            is_public_channel=channel_type == PUBLIC,
        )

    async def _username(self, user_id: str) -> str:
        return (await self._usernames({user_id})).get(user_id, "")

    async def _usernames(self, user_ids: set[str]) -> dict[str, str]:
        ids = sorted(u for u in user_ids if u)
        try:
            users = await self._rest.get_users(ids)
        except Exception:  # names are a nicety; the request goes on without them
            return {}
        return {u.get("id", ""): u.get("username", "") for u in users}

    async def _attachments(self, post: IncomingPost) -> list[Attachment]:
        rest = self._rest
        known = {f.get("id"): f for f in post.files_meta}
        max_bytes = int(self._settings.limits.max_file_mb * 1_000_000)
        out = []
        for file_id in post.file_ids:
            info = known.get(file_id)
            if info is None:
                try:
                    info = await rest.file_info(file_id)
                except Exception as exc:
                    raise AttachmentUnavailable(type(exc).__name__) from exc
                if not isinstance(info, dict):
                    raise AttachmentUnavailable("bad file info")
            name = str(info.get("name", file_id))

            async def fetch(file_id: str = file_id, name: str = name) -> bytes:
                return await rest.download_file(file_id, name, max_bytes)

            out.append(Attachment(
                name=name, mime_type=str(info.get("mime_type", "")), size=int(info.get("size") or 0), fetch=fetch,
            ))
        return out

    def _thread_reader(self, post: IncomingPost) -> Callable[[], Awaitable[list[ThreadMessage]]]:
        rest = self._rest
        limit = self._settings.limits.thread_messages

        async def fetch_thread() -> list[ThreadMessage]:
            # Read afresh on every call: nothing of the conversation is kept by the bot.
            listing = await rest.get_thread(post.root_id)
            earlier = sorted(
                (p for p in (listing.get("posts") or {}).values()
                 if p.get("id") != post.id and int(p.get("create_at") or 0) <= post.create_at
                 and not p.get("type") and not p.get("delete_at")),
                key=lambda p: int(p.get("create_at") or 0),
            )
            earlier = earlier[-limit:] if limit else []
            names = await self._usernames({p.get("user_id", "") for p in earlier})
            return [
                ThreadMessage(
                    author=names.get(p.get("user_id", ""), ""),
                    text=strip_mention(str(p.get("message") or ""), rest.username),
                    is_bot=p.get("user_id") == rest.user_id,
                )
                for p in earlier
            ]

        return fetch_thread
