"""A local fake of Slack for end-to-end tests: Web API methods, file hosting, Socket Mode and signed HTTP delivery.

Real slack_sdk / slack_bolt clients talk to it over real HTTP and WebSocket on
127.0.0.1 (point them at ``FakeSlack.api_url``). It keeps a small message store
so ``conversations.replies`` sees what was posted, updated or streamed, and it
records every Web API call for assertions. Response shapes follow Slack's
(``{"ok": true, ...}`` or HTTP 200 ``{"ok": false, "error": ...}``; 429 with
``Retry-After`` for rate limits).

Usage::

    async with FakeSlack() as slack:
        client = AsyncWebClient(token=slack.bot_token, base_url=slack.api_url)
        ...
        ack = await slack.socket_event(slack.mention("<@UBOT> 안녕"))
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import ssl
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float  # time.monotonic() when the request arrived


@dataclass
class FakeFile:
    id: str
    name: str
    mimetype: str
    data: bytes = field(repr=False)
    user: str = ""
    title: str = ""

    def to_json(self, url_root: str) -> dict[str, Any]:
        ext = self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""
        return {
            "id": self.id,
            "created": int(time.time()),
            "timestamp": int(time.time()),
            "name": self.name,
            "title": self.title or self.name,
            "mimetype": self.mimetype,
            "filetype": ext,
            "pretty_type": ext.upper(),
            "user": self.user,
            "size": len(self.data),
            "mode": "hosted",
            "is_external": False,
            "is_public": False,
            "url_private": f"{url_root}files-pri/{self.id}/{self.name}",
            "url_private_download": f"{url_root}files-pri/{self.id}/download/{self.name}",
            "permalink": f"{url_root}files/{self.id}",
        }


@dataclass
class Failure:
    error: str
    status: int = 200
    retry_after: int | None = None
    remaining: int = 1
    skip: int = 0  # calls answered normally before the failures start


class FakeSlack:
    """One fake workspace (optionally inside an Enterprise Grid org) with one installed app."""

    def __init__(
        self,
        *,
        bot_token: str = "xoxb-fake-bot-token",
        app_token: str = "xapp-fake-app-token",
        signing_secret: str = "fake-signing-secret",
        team_id: str = "T0FAKE",
        enterprise_id: str | None = None,
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        app_id: str = "AFAKE",
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.enterprise_id = enterprise_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self.ssl_context = ssl_context  # serve https:// and wss:// (e.g. to test CA bundles and CONNECT proxies)

        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel -> messages, oldest first
        self.channels: dict[str, dict[str, Any]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.files: dict[str, FakeFile] = {}
        self.responses: list[dict[str, Any]] = []  # bodies POSTed to response_url
        self.delays: dict[str, float] = {}  # method -> seconds to wait before answering
        self.disabled: set[str] = set()  # methods answered with unknown_method
        self.chunked_downloads = False  # serve files without Content-Length, in 8 KiB chunks
        self._failures: dict[str, list[Failure]] = {}
        self._changed = asyncio.Event()
        # Called with a message each time one is posted or changed (benchmarks: no polling).
        self.watchers: list[Callable[[dict[str, Any]], None]] = []
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self.connections_opened = 0  # Socket Mode connections accepted so far
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0
        self.add_user(bot_user_id, "dasan", is_bot=True)

    # ----- lifecycle

    async def start(self) -> FakeSlack:
        app = web.Application(client_max_size=200 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/files-pri/{file_id}/{rest:.*}", self._download)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{rid}", self._response_url)
        app.router.add_get("/socket-mode", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.ssl_context)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._session = aiohttp.ClientSession(trust_env=False)
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeSlack:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def root_url(self) -> str:
        return f"{'https' if self.ssl_context else 'http'}://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        return f"{self.root_url}api/"

    # ----- workspace setup

    def add_channel(self, channel_id: str, kind: str = "public", name: str = "") -> None:
        """kind: public | private | im | mpim."""
        self.channels[channel_id] = {
            "id": channel_id,
            "name": name or channel_id.lower(),
            "is_channel": kind in ("public", "private"),
            "is_group": kind == "private",
            "is_im": kind == "im",
            "is_mpim": kind == "mpim",
            "is_private": kind != "public",
            "is_member": True,
            "context_team_id": self.team_id,
        }
        self.messages.setdefault(channel_id, [])

    def add_user(self, user_id: str, name: str, real_name: str = "", is_bot: bool = False) -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "real_name": real_name or name,
            "is_bot": is_bot,
            "profile": {"display_name": name, "real_name": real_name or name},
        }

    def add_file(self, name: str, data: bytes, mimetype: str = "text/plain", user: str = "") -> dict[str, Any]:
        """Host a file as if a user had uploaded it; returns Slack's file object."""
        f = FakeFile(id=f"F{next(self._ids):08d}", name=name, mimetype=mimetype, data=data, user=user)
        self.files[f.id] = f
        return f.to_json(self.root_url)

    def next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.{next(self._ids):06d}"

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str | None = None,
        thread_ts: str | None = None,
        files: list[dict[str, Any]] | None = None,
        bot_id: str | None = None,
        ts: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a message as if it had been posted (by a user unless bot_id is given)."""
        msg: dict[str, Any] = {"type": "message", "ts": ts or self.next_ts(), "text": text, **(extra or {})}
        if user:
            msg["user"] = user
        if bot_id:
            msg["bot_id"] = bot_id
        if thread_ts:
            msg["thread_ts"] = thread_ts
        if files:
            msg["files"] = files
        self.messages.setdefault(channel, []).append(msg)
        self._touch(msg)
        return msg

    def fail_next(
        self, method: str, error: str, *, status: int = 200, retry_after: int | None = None, times: int = 1, after: int = 0
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail (e.g. 429 ``ratelimited`` with Retry-After),
        once ``after`` further calls of it have succeeded."""
        self._failures.setdefault(method, []).append(Failure(error, status, retry_after, times, after))

    # ----- what tests look at

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def thread(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """The thread as a user would see it now: parent, then replies, oldest first."""
        return [m for m in self.messages.get(channel, []) if m["ts"] == thread_ts or m.get("thread_ts") == thread_ts]

    def bot_replies(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        return [m for m in self.thread(channel, thread_ts) if m.get("bot_id") == self.bot_id and m["ts"] != thread_ts]

    def find_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        for m in self.messages.get(channel, []):
            if m["ts"] == ts:
                return m
        return None

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until ``predicate()`` is truthy (checked after every change); returns its value."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError("condition not reached on the fake Slack")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.2))
            except TimeoutError:
                pass

    def _touch(self, msg: dict[str, Any] | None = None) -> None:
        self._changed.set()
        if msg is not None:
            for watcher in self.watchers:
                watcher(msg)

    # ----- Web API

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                args.update(await request.json())
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                args.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
        auth = request.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else args.pop("token", None)
        self.calls.append(Call(method, args, token, time.monotonic()))
        self._touch()

        if method in self.delays:
            await asyncio.sleep(self.delays[method])
        failures = self._failures.get(method)
        if failures and failures[0].skip > 0:
            failures[0].skip -= 1
        elif failures:
            f = failures[0]
            f.remaining -= 1
            if f.remaining <= 0:
                failures.pop(0)
            headers = {"Retry-After": str(f.retry_after)} if f.retry_after is not None else {}
            return web.json_response({"ok": False, "error": f.error}, status=f.status, headers=headers)
        if method in self.disabled:
            return web.json_response({"ok": False, "error": "unknown_method"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if not token:
            return web.json_response({"ok": False, "error": "not_authed"})
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        result = handler(args)
        if asyncio.iscoroutine(result):
            result = await result
        if "error" in result:
            return web.json_response({"ok": False, **result})
        return web.json_response({"ok": True, **result})

    def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        out = {
            "url": f"https://{self.team_id.lower()}.slack.com/",
            "team": "Fake Team",
            "user": "dasan",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }
        if self.enterprise_id:
            out["enterprise_id"] = self.enterprise_id
        return out

    def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        scheme = "wss" if self.ssl_context else "ws"
        return {"url": f"{scheme}://127.0.0.1:{self.port}/socket-mode?ticket={uuid.uuid4()}"}

    def _channel_known(self, channel: str) -> bool:
        return channel in self.channels or channel in self.messages

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel", "")
        if not self._channel_known(channel):
            return {"error": "channel_not_found"}
        if not args.get("text") and not args.get("blocks"):
            return {"error": "no_text"}
        extra = {k: _maybe_json(args[k]) for k in ("metadata", "blocks") if args.get(k)}
        msg = self._bot_message(channel, args.get("text", ""), args.get("thread_ts"), **extra)
        return {"channel": channel, "ts": msg["ts"], "message": _public(msg)}

    def _bot_message(self, channel: str, text: str, thread_ts: str | None, **extra: Any) -> dict[str, Any]:
        extra = {"bot_profile": {"id": self.bot_id, "app_id": self.app_id, "name": "dasan"}, "edits": 0, **extra}
        return self.add_message(channel, text, user=self.bot_user_id, bot_id=self.bot_id, thread_ts=thread_ts, extra=extra)

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        msg = self.find_message(args.get("channel", ""), args.get("ts", ""))
        if msg is None:
            return {"error": "message_not_found"}
        if msg.get("bot_id") != self.bot_id:
            return {"error": "cant_update_message"}
        if "text" in args:
            msg["text"] = args["text"]
        if args.get("blocks"):
            msg["blocks"] = _maybe_json(args["blocks"])
        if args.get("metadata"):
            msg["metadata"] = _maybe_json(args["metadata"])
        msg["edits"] = msg.get("edits", 0) + 1
        self._touch(msg)
        return {"channel": args["channel"], "ts": msg["ts"], "text": msg["text"]}

    def _m_chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        msgs = self.messages.get(args.get("channel", ""), [])
        for i, m in enumerate(msgs):
            if m["ts"] == args.get("ts"):
                if m.get("bot_id") != self.bot_id:
                    return {"error": "cant_delete_message"}
                del msgs[i]
                self._touch()
                return {"channel": args["channel"], "ts": args["ts"]}
        return {"error": "message_not_found"}

    @staticmethod
    def _stream_text(args: dict[str, Any]) -> str:
        text = args.get("markdown_text") or ""
        for chunk in _maybe_json(args.get("chunks")) or []:
            if chunk.get("type") == "markdown_text":
                text += chunk.get("text", "")
        return text

    def _m_chat_startStream(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel", "")
        if not self._channel_known(channel):
            return {"error": "channel_not_found"}
        if not args.get("thread_ts"):
            return {"error": "invalid_arguments"}
        if not self.channels.get(channel, {}).get("is_im") and not (
            args.get("recipient_user_id") and args.get("recipient_team_id")
        ):
            return {"error": "missing_recipient_user_id"}
        msg = self._bot_message(channel, self._stream_text(args), args["thread_ts"], streaming=True)
        return {"channel": channel, "ts": msg["ts"]}

    def _m_chat_appendStream(self, args: dict[str, Any]) -> dict[str, Any]:
        msg = self.find_message(args.get("channel", ""), args.get("ts", ""))
        if msg is None or not msg.get("streaming"):
            return {"error": "message_not_in_streaming_state"}
        piece = self._stream_text(args)
        if len(piece) > 12_000:
            return {"error": "msg_too_long"}
        msg["text"] += piece
        msg["edits"] += 1
        self._touch(msg)
        return {"channel": args["channel"], "ts": msg["ts"]}

    def _m_chat_stopStream(self, args: dict[str, Any]) -> dict[str, Any]:
        msg = self.find_message(args.get("channel", ""), args.get("ts", ""))
        if msg is None or not msg.get("streaming"):
            return {"error": "message_not_in_streaming_state"}
        msg["text"] += self._stream_text(args)
        msg["streaming"] = False
        msg["edits"] += 1
        self._touch(msg)
        return {"channel": args["channel"], "ts": msg["ts"], "message": msg}

    def _m_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        info = self.channels.get(args.get("channel", ""))
        return {"channel": info} if info else {"error": "channel_not_found"}

    def _m_conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = args.get("channel", ""), args.get("ts", "")
        if self.find_message(channel, ts) is None:
            return {"error": "thread_not_found"}
        msgs = self.thread(channel, ts)
        inclusive = str(args.get("inclusive", "")).lower() in ("1", "true")
        if args.get("latest"):
            latest = float(args["latest"])
            msgs = [m for m in msgs if float(m["ts"]) < latest or (inclusive and float(m["ts"]) == latest)]
        if args.get("oldest"):
            oldest = float(args["oldest"])
            msgs = [m for m in msgs if float(m["ts"]) > oldest or (inclusive and float(m["ts"]) == oldest)]
        limit = int(args.get("limit") or 1000)
        start = int(args.get("cursor") or 0)
        page = msgs[start : start + limit]
        out: dict[str, Any] = {"messages": [_public(m) for m in page], "has_more": start + limit < len(msgs)}
        out["response_metadata"] = {"next_cursor": str(start + limit) if out["has_more"] else ""}
        return out

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(args.get("user", ""))
        return {"user": user} if user else {"error": "user_not_found"}

    def _m_files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        f = self.files.get(args.get("file", ""))
        return {"file": f.to_json(self.root_url)} if f else {"error": "file_not_found"}

    def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not args.get("length"):
            return {"error": "invalid_arguments"}
        f = FakeFile(id=f"F{next(self._ids):08d}", name=args["filename"], mimetype="", data=b"", user=self.bot_user_id)
        f.title = f"pending:{args['length']}"
        self.files[f.id] = f
        return {"upload_url": f"{self.root_url}upload/{f.id}", "file_id": f.id}

    def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        items = _maybe_json(args.get("files")) or []
        shared = []
        for item in items:
            f = self.files.get(item.get("id", ""))
            if f is None or f.title.startswith("pending"):
                return {"error": "file_not_found"}
            f.title = item.get("title") or f.name
            shared.append(f.to_json(self.root_url))
        channel = args.get("channel_id")
        if channel:
            if not self._channel_known(channel):
                return {"error": "channel_not_found"}
            self._bot_message(channel, args.get("initial_comment", ""), args.get("thread_ts"), files=shared)
        return {"files": shared}

    def _m_assistant_threads_setStatus(self, args: dict[str, Any]) -> dict[str, Any]:
        return {} if args.get("channel_id") and args.get("thread_ts") and "status" in args else {"error": "invalid_arguments"}

    def _m_assistant_threads_setSuggestedPrompts(self, args: dict[str, Any]) -> dict[str, Any]:
        prompts = _maybe_json(args.get("prompts"))
        ok = args.get("channel_id") and prompts and all("title" in p and "message" in p for p in prompts)
        return {} if ok else {"error": "invalid_arguments"}

    def _m_assistant_threads_setTitle(self, args: dict[str, Any]) -> dict[str, Any]:
        return {} if args.get("channel_id") and args.get("thread_ts") and args.get("title") else {"error": "invalid_arguments"}

    # ----- files

    async def _download(self, request: web.Request) -> web.StreamResponse:
        f = self.files.get(request.match_info["file_id"])
        self.calls.append(Call("file.download", {"file": request.match_info["file_id"]}, None, time.monotonic()))
        if request.headers.get("Authorization") != f"Bearer {self.bot_token}" or f is None:
            # Slack answers a sign-in page, not an error status, when the token is missing or wrong.
            return web.Response(text="<html><body>Sign in to Slack</body></html>", content_type="text/html")
        if not self.chunked_downloads:
            return web.Response(body=f.data, content_type=f.mimetype or "application/octet-stream")
        resp = web.StreamResponse(headers={"Content-Type": f.mimetype or "application/octet-stream"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        try:
            for i in range(0, len(f.data), 8192):
                await resp.write(f.data[i : i + 8192])
            await resp.write_eof()
        except ConnectionError:  # the client stopped reading (size limit): expected
            pass
        return resp

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        f = self.files.get(request.match_info["file_id"])
        if f is None:
            return web.Response(status=404, text="no such upload")
        f.data = await request.read()
        expected = int(f.title.split(":", 1)[1]) if f.title.startswith("pending:") else len(f.data)
        if len(f.data) != expected:
            return web.Response(status=400, text="length mismatch")
        f.title = ""
        self.calls.append(Call("file.upload", {"file": f.id, "size": len(f.data)}, None, time.monotonic()))
        self._touch()
        return web.Response(text="OK - " + str(len(f.data)))

    async def _response_url(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.responses.append(body)
        self._touch()
        return web.Response(text="ok")

    # ----- event payloads

    def envelope(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """Wrap an event in the Events API envelope Slack sends."""
        auth: dict[str, Any] = {
            "enterprise_id": self.enterprise_id,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "is_bot": True,
            "is_enterprise_install": False,
        }
        body: dict[str, Any] = {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "api_app_id": self.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ids):010d}",
            "event_time": int(time.time()),
            "authorizations": [auth],
            "is_ext_shared_channel": False,
            "event_context": f"4-{event.get('type')}-{self.team_id}-{event.get('channel', '')}",
        }
        if self.enterprise_id:
            body["enterprise_id"] = self.enterprise_id
        return body

    def user_post(
        self,
        channel: str,
        text: str,
        *,
        user: str = "U0USER",
        thread_ts: str | None = None,
        files: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Store a user's message and return it (the basis of the event Slack would send)."""
        return self.add_message(channel, text, user=user, thread_ts=thread_ts, files=files)

    def mention(
        self, channel: str, text: str, *, user: str = "U0USER", thread_ts: str | None = None, files: list | None = None
    ) -> dict[str, Any]:
        """A user posts ``text`` (which should contain ``<@bot>``) in a channel; returns the ``app_mention`` envelope."""
        msg = self.user_post(channel, text, user=user, thread_ts=thread_ts, files=files)
        event = {
            "client_msg_id": str(uuid.uuid4()),
            "type": "app_mention",
            "text": text,
            "user": user,
            "ts": msg["ts"],
            "team": self.team_id,
            "channel": channel,
            "event_ts": msg["ts"],
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        if files:
            event["files"] = files
            event["upload"] = False
        return self.envelope(event)

    def dm(
        self, channel: str, text: str, *, user: str = "U0USER", thread_ts: str | None = None, files: list | None = None
    ) -> dict[str, Any]:
        """A user writes to the bot in its DM channel; returns the ``message`` (channel_type im) envelope."""
        msg = self.user_post(channel, text, user=user, thread_ts=thread_ts, files=files)
        event: dict[str, Any] = {
            "type": "message",
            "user": user,
            "text": text,
            "ts": msg["ts"],
            "team": self.team_id,
            "channel": channel,
            "event_ts": msg["ts"],
            "channel_type": "im",
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
            event["parent_user_id"] = self.bot_user_id
        if files:
            event["subtype"] = "file_share"
            event["files"] = files
            event["upload"] = False
            event["display_as_bot"] = False
        return self.envelope(event)

    def assistant_thread_started(self, channel: str, user: str = "U0USER") -> dict[str, Any]:
        """Slack opens an AI-app thread: the container message is the bot's, and its ts is the thread."""
        root = self._bot_message(channel, "", None)
        event = {
            "type": "assistant_thread_started",
            "assistant_thread": {
                "user_id": user,
                "context": {"channel_id": "", "team_id": self.team_id, "enterprise_id": self.enterprise_id},
                "channel_id": channel,
                "thread_ts": root["ts"],
            },
            "event_ts": self.next_ts(),
        }
        return self.envelope(event)

    def command_form(self, text: str, *, channel: str, user: str = "U0USER", command: str = "/dasan") -> dict[str, str]:
        """The form fields of a slash command, with a ``response_url`` on this fake."""
        form = {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": self.channels.get(channel, {}).get("name", "directmessage"),
            "user_id": user,
            "user_name": self.users.get(user, {}).get("name", user.lower()),
            "command": command,
            "text": text,
            "api_app_id": self.app_id,
            "is_enterprise_install": "false",
            "response_url": f"{self.root_url}response/{uuid.uuid4().hex}",
            "trigger_id": f"{next(self._ids)}.{uuid.uuid4().hex[:12]}",
        }
        if self.enterprise_id:
            form["enterprise_id"] = self.enterprise_id
            form["enterprise_name"] = "Fake Org"
        return form

    # ----- Socket Mode

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        self.connections_opened += 1
        self._touch()
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets),
                "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
                "connection_info": {"app_id": self.app_id},
            }
        )
        try:
            async for msg in ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                fut = self._acks.get(data.get("envelope_id", ""))
                if fut is not None and not fut.done():
                    fut.set_result(data)
        finally:
            if ws in self._sockets:
                self._sockets.remove(ws)
            self._touch()
        return ws

    @property
    def socket_connections(self) -> int:
        return len(self._sockets)

    async def wait_socket(self, timeout: float = 10.0) -> None:
        await self.wait_for(lambda: self._sockets, timeout)

    async def _send_envelope(self, kind: str, payload: dict[str, Any], timeout: float, **extra: Any) -> dict[str, Any]:
        if not self._sockets:
            raise RuntimeError("no Socket Mode connection")
        envelope_id = str(uuid.uuid4())
        fut: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = fut
        await self._sockets[-1].send_json({"envelope_id": envelope_id, "type": kind, "payload": payload, **extra})
        try:
            return await asyncio.wait_for(fut, timeout)
        finally:
            self._acks.pop(envelope_id, None)

    async def socket_event(self, body: dict[str, Any], *, retry_attempt: int = 0, timeout: float = 5.0) -> dict[str, Any]:
        """Deliver an Events API envelope over Socket Mode; returns the app's ack."""
        return await self._send_envelope(
            "events_api",
            body,
            timeout,
            accepts_response_payload=False,
            retry_attempt=retry_attempt,
            retry_reason="timeout" if retry_attempt else "",
        )

    async def socket_command(self, form: dict[str, str], *, timeout: float = 5.0) -> dict[str, Any]:
        """Deliver a slash command over Socket Mode; returns the app's ack (with its payload, if any)."""
        return await self._send_envelope("slash_commands", form, timeout, accepts_response_payload=True)

    async def socket_disconnect(self) -> None:
        """Ask the client to reconnect, as Slack does when it rotates connections."""
        for ws in list(self._sockets):
            await ws.send_json({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake"}})

    # ----- HTTP mode delivery

    def sign(self, body: bytes, timestamp: int | None = None, secret: str | None = None) -> dict[str, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        base = b"v0:" + ts.encode() + b":" + body
        digest = hmac.new((secret or self.signing_secret).encode(), base, hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}

    async def http_post(
        self,
        url: str,
        body: bytes,
        content_type: str,
        *,
        retry_num: int | None = None,
        secret: str | None = None,
        timestamp: int | None = None,
    ) -> tuple[int, str]:
        assert self._session is not None
        headers = {"Content-Type": content_type, **self.sign(body, timestamp, secret)}
        if retry_num:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        async with self._session.post(url, data=body, headers=headers) as resp:
            return resp.status, await resp.text()

    async def http_event(self, url: str, body: dict[str, Any], **kw: Any) -> tuple[int, str]:
        """POST a signed Events API request as Slack does in HTTP mode; returns (status, body)."""
        return await self.http_post(url, json.dumps(body).encode(), "application/json", **kw)

    async def http_command(self, url: str, form: dict[str, str], **kw: Any) -> tuple[int, str]:
        return await self.http_post(url, urlencode(form).encode(), "application/x-www-form-urlencoded", **kw)


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _public(msg: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in msg.items() if k not in ("edits", "streaming")}
