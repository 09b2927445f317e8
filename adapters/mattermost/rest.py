"""The REST v4 calls the adapter makes, over mattermostautodriver's async client.

Every call goes through one retry policy (``retry.py``). Downloads stream so the
size limit holds while reading, not only from the file info.
"""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from mattermostautodriver import AsyncTypedDriver

from adapters.mattermost.retry import HttpStatusError, RetryPolicy, call_with_retries, parse_retry_after
from bot import messages
from bot.config import ConfigError
from documents.errors import DocumentError

log = logging.getLogger("dasan.mattermost.rest")


@dataclass(frozen=True)
class ServerAddress:
    scheme: str
    host: str
    port: int

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def websocket_url(self) -> str:
        ws = "wss" if self.scheme == "https" else "ws"
        return f"{ws}://{self.host}:{self.port}/api/v4/websocket"


def parse_server_url(url: str) -> ServerAddress:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(messages.MM_BAD_URL.format(url=url))
    # The driver always talks to <host>/api/v4; a sub-path deployment would miss it silently.
    if parts.path not in ("", "/"):
        raise ConfigError(messages.MM_URL_PATH.format(url=url))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ConfigError(messages.MM_BAD_URL.format(url=url)) from None
    return ServerAddress(parts.scheme, parts.hostname, port)


class MattermostRest:
    def __init__(
        self,
        address: ServerAddress,
        token: str,
        *,
        timeout_s: float = 30.0,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.address = address
        self.policy = policy or RetryPolicy()
        self.timeout_s = timeout_s
        # The driver's own retry loop is off: one policy (ours) covers every call,
        # including the POSTs the driver would never retry.
        self.driver = AsyncTypedDriver(
            {
                "scheme": address.scheme,
                "url": address.host,
                "port": address.port,
                "token": token,
                "request_timeout": timeout_s,
                "max_retries": 0,
            }
        )
        self.user_id = ""
        self.username = ""
        self._pending_seq = itertools.count()

    async def _call(self, op: str, fn, *, idempotent: bool = True):
        return await call_with_retries(op, fn, policy=self.policy, idempotent=idempotent)

    async def login(self) -> dict[str, Any]:
        """Checks the token (``GET /users/me``) and learns the bot's own id."""
        me = await self._call("login", self.driver.login)
        if not isinstance(me, dict) or "id" not in me:
            raise HttpStatusError(getattr(me, "status_code", 0) or 502)
        self.user_id = me["id"]
        self.username = me.get("username", "")
        return me

    async def close(self) -> None:
        await self.driver.close()

    # -- posts ---------------------------------------------------------------

    def new_pending_post_id(self) -> str:
        # Same shape as the web app's (user id, ':', millis); the counter keeps two
        # posts created in the same millisecond apart.
        return f"{self.user_id}:{int(time.time() * 1000)}{next(self._pending_seq) % 1000:03d}"

    async def create_post(
        self, channel_id: str, message: str, *, root_id: str = "", file_ids: list[str] | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "channel_id": channel_id,
            "message": message,
            "pending_post_id": self.new_pending_post_id(),
        }
        if root_id:
            body["root_id"] = root_id
        if file_ids:
            body["file_ids"] = file_ids
        # The same pending_post_id on every attempt: a retry after a lost answer
        # returns the first post instead of creating a second one.
        return await self._call("create_post", lambda: self.driver.client.post("/api/v4/posts", options=body))

    async def patch_message(self, post_id: str, message: str) -> dict[str, Any]:
        return await self._call("patch_post", lambda: self.driver.posts.patch_post(post_id, message=message))

    async def delete_post(self, post_id: str) -> None:
        await self._call("delete_post", lambda: self.driver.posts.delete_post(post_id))

    async def get_thread(self, post_id: str) -> dict[str, Any]:
        return await self._call("get_thread", lambda: self.driver.posts.get_post_thread(post_id))

    async def channel_posts_since(self, channel_id: str, since_ms: int) -> dict[str, Any]:
        return await self._call(
            "channel_posts", lambda: self.driver.posts.get_posts_for_channel(channel_id, since=since_ms)
        )

    # -- channels, teams, users ------------------------------------------------

    async def my_teams(self) -> list[dict[str, Any]]:
        return await self._call("my_teams", lambda: self.driver.teams.get_teams_for_user("me"))

    async def my_channels(self) -> list[dict[str, Any]]:
        return await self._call("my_channels", lambda: self.driver.channels.get_channels_for_user("me"))

    async def get_channel(self, channel_id: str) -> dict[str, Any]:
        return await self._call("get_channel", lambda: self.driver.channels.get_channel(channel_id))

    async def get_users(self, user_ids: list[str]) -> list[dict[str, Any]]:
        if not user_ids:
            return []
        return await self._call("get_users", lambda: self.driver.users.get_users_by_ids(list(user_ids)))

    async def typing(self, channel_id: str, parent_id: str = "") -> None:
        await self._call(
            "typing",
            lambda: self.driver.users.publish_user_typing(self.user_id, channel_id, parent_id or None),
        )

    # -- files -----------------------------------------------------------------

    async def file_info(self, file_id: str) -> dict[str, Any]:
        return await self._call("file_info", lambda: self.driver.files.get_file_info(file_id))

    async def download_file(self, file_id: str, name: str, max_bytes: int) -> bytes:
        """The file's bytes, in memory; refuses past ``max_bytes`` while reading."""

        async def once() -> bytes:
            http: httpx.AsyncClient = self.driver.client.client
            url = f"{self.address.base_url}/api/v4/files/{file_id}"
            async with http.stream(
                "GET", url, headers=self.driver.client.auth_header(), timeout=self.timeout_s
            ) as resp:
                if resp.status_code != 200:
                    raise HttpStatusError(resp.status_code, parse_retry_after(resp.headers.get("Retry-After")))
                declared = resp.headers.get("Content-Length")
                if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                    raise _too_large(name, max_bytes)
                chunks: list[bytes] = []
                total = 0
                async for chunk in resp.aiter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise _too_large(name, max_bytes)
                    chunks.append(chunk)
                return b"".join(chunks)

        return await self._call("download_file", once)

    async def upload_file(self, channel_id: str, name: str, data: bytes, mime_type: str) -> str:
        async def once() -> dict[str, Any]:
            # A fresh tuple per attempt: the driver consumes the body on send.
            return await self.driver.files.upload_file(files=(name, data, mime_type), channel_id=channel_id)

        # An orphaned upload after a lost answer is invisible to users, so retrying is safe.
        result = await self._call("upload_file", once)
        return result["file_infos"][0]["id"]


def _too_large(name: str, max_bytes: int) -> DocumentError:
    return DocumentError("too_large", name, limit=f"{max_bytes // 1_000_000}MB")
