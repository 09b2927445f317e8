"""Files in and out of Slack.

In: a message's ``files[]`` become ``Attachment``s that download ``url_private``
with the bot token only when the pipeline reads them — in memory, refused from
the reported size before any byte moves, and cut off while reading if the
server sends more than the limit. The token is only ever sent to Slack's own
hosts. Slack answers a sign-in page (HTML, status 200) when the token cannot
see a file, so the content type is checked, not just the status.

Out: ``files_upload_v2`` (getUploadURLExternal → upload → completeUploadExternal)
shares a generated file into the reply thread.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import SLACK_ERRORS, api_error
from bot import messages as M
from bot.request import Attachment, OutFile
from documents.errors import DocumentError

log = logging.getLogger("dasan.slack.files")

CHUNK = 64 * 1024
DOWNLOAD_TIMEOUT_S = 120


class SlackFileError(DocumentError):
    """A file Slack would not hand over (deleted, no permission, sign-in page)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__("download_failed", name)
        self.reason = reason  # a code for logs; never file content

    def user_message(self) -> str:
        return M.SLACK_FILE_DOWNLOAD_FAILED.format(name=self.name)


def trusted_hosts(api_url: str, extra: list[str]) -> set[str]:
    """Hosts that may receive the bot token: the API host, its parent domain's subdomains, configured extras."""
    host = (urlsplit(api_url).hostname or "").lower()
    hosts = {host, *(h.lower() for h in extra)}
    labels = host.split(".")
    if len(labels) >= 2 and not host.replace(".", "").isdigit():
        hosts.add("." + ".".join(labels[-2:]))  # slack.com → *.slack.com (files.slack.com)
    return hosts


def host_is_trusted(url: str, hosts: set[str]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        return False
    return any(host == h or (h.startswith(".") and (host.endswith(h) or host == h[1:])) for h in hosts)


class FileSource:
    """Builds lazily-downloading Attachments for one adapter (one token, one HTTP session)."""

    def __init__(
        self,
        client: AsyncWebClient,
        session: aiohttp.ClientSession,
        token: str,
        *,
        max_bytes: int,
        limit_label: str,
        hosts: set[str],
    ) -> None:
        self._client = client
        self._session = session
        self._token = token
        self._max_bytes = max_bytes
        self._limit_label = limit_label
        self._hosts = hosts

    async def attachments(self, files: list[dict[str, Any]]) -> list[Attachment]:
        out: list[Attachment] = []
        for f in files or []:
            if f.get("file_access") == "check_file_info":  # Slack Connect: the event carries a stub
                try:
                    f = (await self._client.files_info(file=f["id"]))["file"]
                except SLACK_ERRORS as exc:
                    log.warning("files.info failed: file=%s error=%s", f.get("id"), api_error(exc))
                    continue
            if f.get("mode") in ("tombstone", "hidden_by_limit") or f.get("is_external"):
                log.info("file skipped: file=%s mode=%s", f.get("id"), f.get("mode"))
                continue
            url = f.get("url_private_download") or f.get("url_private")
            if not url:
                continue
            name = f.get("name") or f.get("title") or f.get("id", "file")
            out.append(
                Attachment(
                    name=name,
                    mime_type=f.get("mimetype") or "application/octet-stream",
                    size=int(f.get("size") or 0),
                    fetch=self._fetcher(url, name, int(f.get("size") or 0), f.get("id", ""), f.get("mimetype", "")),
                )
            )
        return out

    def _fetcher(self, url: str, name: str, reported: int, file_id: str, mimetype: str):
        async def fetch() -> bytes:
            return await self.download(url, name, reported, file_id, mimetype)

        return fetch

    async def download(self, url: str, name: str, reported: int, file_id: str = "", mimetype: str = "") -> bytes:
        if reported > self._max_bytes:
            raise DocumentError("too_large", name, limit=self._limit_label)
        if not host_is_trusted(url, self._hosts):
            log.warning("file url on an untrusted host refused: file=%s", file_id)
            raise SlackFileError(name, "untrusted_host")
        headers = {"Authorization": f"Bearer {self._token}"}
        timeout = aiohttp.ClientTimeout(total=DOWNLOAD_TIMEOUT_S)
        try:
            async with self._session.get(
                url,
                headers=headers,
                proxy=self._client.proxy or None,
                ssl=self._client.ssl if self._client.ssl is not None else True,
                timeout=timeout,
            ) as resp:
                ctype = resp.headers.get("Content-Type", "")
                if resp.status != 200:
                    log.warning("file download failed: file=%s status=%d", file_id, resp.status)
                    raise SlackFileError(name, f"http_{resp.status}")
                if ctype.startswith("text/html") and not mimetype.startswith("text/html"):
                    log.warning("file download got a sign-in page: file=%s", file_id)
                    raise SlackFileError(name, "sign_in_page")
                if resp.content_length is not None and resp.content_length > self._max_bytes:
                    raise DocumentError("too_large", name, limit=self._limit_label)
                data = bytearray()
                async for chunk in resp.content.iter_chunked(CHUNK):
                    data.extend(chunk)
                    if len(data) > self._max_bytes:
                        raise DocumentError("too_large", name, limit=self._limit_label)
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("file download failed: file=%s error=%s", file_id, type(exc).__name__)
            raise SlackFileError(name, type(exc).__name__) from None
        log.info("file downloaded: file=%s bytes=%d", file_id, len(data))
        return bytes(data)


async def upload(client: AsyncWebClient, channel: str, thread_ts: str, file: OutFile) -> None:
    """Share a generated file into the thread; raises the Slack error for the caller to report."""
    await client.files_upload_v2(
        channel=channel,
        thread_ts=thread_ts,
        content=file.data,
        filename=file.name,
        title=file.title or file.name,
    )
    log.info("file uploaded: bytes=%d mime=%s", len(file.data), file.mime_type)
