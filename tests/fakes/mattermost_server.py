"""A fake Mattermost server: the parts of REST v4 and the websocket protocol the
adapter uses, with the shapes of Mattermost 11 (docs: /work/shared/notes/mattermost-wire-facts.md).

It runs on 127.0.0.1 in its own thread and event loop (``FakeServer``), so the real
driver and the adapter talk to it over real HTTP and WebSocket::

    with FakeMattermost() as mm:            # or: async with FakeMattermost() as mm
        bot = mm.add_user("dasan", bot=True, token="bot-token")
        kim = mm.add_user("kim")
        team = mm.add_team("gov")
        town = mm.add_channel(team["id"], "town", members=[bot["id"], kim["id"]])
        post = await mm.user_post(kim["id"], town["id"], "@dasan 안녕")   # fans out ``posted``

What it gets right because clients depend on it: ``Content-Type: application/json``
exactly; error bodies with ``id``/``message``/``request_id``; ``hello`` (seq 0) before
the challenge's OK and a per-connection seq; a bad token closes the socket;
``posted.data.post`` is a JSON string and ``mentions`` a JSON list string holding only
the receiver's id (a DM always mentions the other member); the sender gets its own
``posted``; ``pending_post_id`` de-duplication; thread ``order`` newest first; 429 as
``text/plain`` with ``Retry-After`` and ``X-Ratelimit-*``.

Faults: ``mm.fault("POST", "/api/v4/posts", status=500, after_commit=True)`` (the post is
made, the answer is lost), 429 with ``retry_after``, ``delay_s`` for slow answers; websocket
drops with ``await mm.drop_websockets(abrupt=...)``, refusals with ``mm.ws_down = True`` and a
stalled authentication with ``mm.ws_silent = True``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
import string
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes.base import FakeServer

_ID_ALPHABET = string.ascii_lowercase + "0123456789"
MAX_POST_RUNES = 16383
PENDING_POST_TTL_S = 30.0
SERVER_VERSION = "11.4.4.0.fake.false"
USER = web.RequestKey("user_id", str)  # the authenticated user of a request


def new_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(26))


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": the drivers compare the header literally.
    return web.Response(
        body=json.dumps(body, ensure_ascii=False).encode(), status=status,
        content_type="application/json", headers=headers,
    )


def error_response(status: int, error_id: str, message: str = "") -> web.Response:
    return json_response(
        {"id": error_id, "message": message or error_id, "detailed_error": "", "request_id": new_id(),
         "status_code": status, "is_oauth": False},
        status,
    )


@dataclass
class Fault:
    """Breaks the next ``times`` requests whose method matches and whose path fully matches ``path``.

    ``status`` 0 = no error (only ``delay_s``). ``after_commit``: do the real work first, then
    answer with the fault, as when a proxy loses the answer of a request that succeeded.
    """

    method: str
    path: str
    status: int = 500
    times: int = 1
    retry_after: float | None = None
    after_commit: bool = False
    delay_s: float = 0.0
    hits: int = 0


@dataclass
class Call:
    method: str
    path: str
    status: int
    user_id: str = ""
    query: dict[str, str] = field(default_factory=dict)
    at: float = 0.0


@dataclass
class _Conn:
    ws: web.WebSocketResponse
    transport: Any
    user_id: str = ""
    seq: int = 0
    connection_id: str = field(default_factory=new_id)


class FakeMattermost(FakeServer):
    name = "mattermost"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host=host, port=port)
        self.users: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, str] = {}  # token -> user id
        self.teams: dict[str, dict[str, Any]] = {}
        self.team_members: dict[str, set[str]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.members: dict[str, set[str]] = {}
        self.posts: dict[str, dict[str, Any]] = {}
        self.files: dict[str, tuple[dict[str, Any], bytes]] = {}
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.edit_counts: dict[str, int] = {}
        self.typing_events: list[dict[str, str]] = []  # user_id, channel_id, parent_id, via
        self.ephemerals: list[dict[str, Any]] = []  # what slash-command response_urls received
        self.ws_connects = 0
        self.ws_rejected = 0  # closed during authentication (bad token)
        self.ws_down = False  # refuse websocket upgrades (503), as a server that is restarting
        self.ws_silent = False  # accept websockets but never answer the challenge (a stalled server)
        self._conns: list[_Conn] = []
        self._pending: dict[str, tuple[str, float]] = {}  # pending_post_id -> (post id or "", expires)
        self._clock_ms = 0
        self._data_lock = threading.RLock()
        self._hook_ids = itertools.count(1)

    # -- set-up (any thread) ----------------------------------------------------------

    def _now_ms(self) -> int:
        with self._data_lock:
            # Strictly increasing, so "since" and thread order are never ambiguous.
            self._clock_ms = max(self._clock_ms + 1, int(time.time() * 1000))
            return self._clock_ms

    def add_user(self, username: str, *, bot: bool = False, token: str | None = None) -> dict[str, Any]:
        user = {
            "id": new_id(), "username": username, "nickname": "", "first_name": "", "last_name": "",
            "email": f"{username}@example.go.kr", "roles": "system_user", "is_bot": bot,
            "create_at": self._now_ms(), "update_at": 0, "delete_at": 0, "locale": "ko",
        }
        self.users[user["id"]] = user
        self.tokens[token or secrets.token_hex(13)] = user["id"]
        return user

    def token_of(self, user_id: str) -> str:
        return next(t for t, u in self.tokens.items() if u == user_id)

    def add_team(self, name: str, members: Iterable[str] = ()) -> dict[str, Any]:
        team = {"id": new_id(), "name": name, "display_name": name, "type": "O", "create_at": self._now_ms(),
                "update_at": 0, "delete_at": 0}
        self.teams[team["id"]] = team
        self.team_members[team["id"]] = set(members)
        return team

    def add_channel(
        self, team_id: str, name: str, *, type: str = "O", members: Iterable[str] = ()
    ) -> dict[str, Any]:
        channel = {
            "id": new_id(), "create_at": self._now_ms(), "update_at": 0, "delete_at": 0, "team_id": team_id,
            "type": type, "display_name": name, "name": name, "header": "", "purpose": "",
            "last_post_at": 0, "last_root_post_at": 0, "total_msg_count": 0, "creator_id": "",
        }
        self.channels[channel["id"]] = channel
        self.members[channel["id"]] = set(members)
        if team_id:
            self.team_members.setdefault(team_id, set()).update(members)
        return channel

    def direct_channel(self, user_a: str, user_b: str) -> dict[str, Any]:
        name = "__".join(sorted((user_a, user_b)))
        for channel in self.channels.values():
            if channel["name"] == name:
                return channel
        channel = self.add_channel("", name, type="D", members=[user_a, user_b])
        channel["display_name"] = ""
        return channel

    def fault(self, method: str, path: str, **kwargs: Any) -> Fault:
        fault = Fault(method.upper(), path, **kwargs)
        with self._data_lock:
            self.faults.append(fault)
        return fault

    # -- inspection ----------------------------------------------------------------------

    def calls_to(self, method: str, path_regex: str) -> list[Call]:
        return [c for c in list(self.calls) if c.method == method and re.fullmatch(path_regex, c.path)]

    def posts_by(self, user_id: str, *, channel_id: str | None = None, root_id: str | None = None,
                 include_deleted: bool = False) -> list[dict[str, Any]]:
        found = [
            p for p in list(self.posts.values())
            if p["user_id"] == user_id
            and (channel_id is None or p["channel_id"] == channel_id)
            and (root_id is None or p["root_id"] == root_id)
            and (include_deleted or not p["delete_at"])
        ]
        return sorted(found, key=lambda p: p["create_at"])

    @property
    def open_connections(self) -> int:
        return len(self._conns)

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.02) -> Any:
        """Polls from the caller's loop until ``predicate()`` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            await asyncio.sleep(interval)

    # -- acting as users and as the server (from async code) ----------------------------------

    async def _on_loop(self, coro: Any) -> Any:
        assert self._loop_thread.loop is not None, "not started"
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop_thread.loop))

    async def user_post(
        self, user_id: str, channel_id: str, message: str, *, root_id: str = "", file_ids: Iterable[str] = (),
        props: dict[str, Any] | None = None, deliver: bool = True, file_metadata: bool = True,
    ) -> dict[str, Any]:
        """A user posts (as from the web app): the post is stored and ``posted`` fans out.

        ``deliver=False`` loses the event on the way (as when a connection's send queue
        overflows): receivers see the gap only in the ``seq`` of their next event.
        ``file_metadata=False`` leaves ``metadata.files`` out of the post, so clients must
        ask ``/files/{id}/info`` for the names."""
        return await self._on_loop(self._create_post(user_id, {
            "channel_id": channel_id, "message": message, "root_id": root_id, "file_ids": list(file_ids),
            "props": props or {},
        }, deliver=deliver, file_metadata=file_metadata))

    def user_upload(self, user_id: str, channel_id: str, name: str, data: bytes, mime_type: str) -> dict[str, Any]:
        return self._store_file(user_id, channel_id, name, data, mime_type)

    async def redeliver(self, post_id: str) -> None:
        """Sends the ``posted`` event of an existing post again (a duplicated delivery)."""
        post = self.posts[post_id]
        await self._on_loop(self._broadcast_posted(post))

    async def drop_websockets(self, *, abrupt: bool) -> int:
        """Ends every websocket: a clean close (1001 going away) or a TCP drop with no close frame."""
        return await self._on_loop(self._drop(abrupt))

    async def _drop(self, abrupt: bool) -> int:
        conns = list(self._conns)
        for conn in conns:
            if abrupt:
                if conn.transport is not None:
                    conn.transport.abort()
            else:
                await conn.ws.close(code=aiohttp.WSCloseCode.GOING_AWAY, message=b"server shutting down")
        return len(conns)

    async def invoke_slash(
        self, url: str, *, user_id: str, channel_id: str, text: str, token: str, command: str = "/dasan",
        timeout_s: float = 30.0,
    ) -> tuple[int, Any]:
        """Calls a slash-command URL the way Mattermost does (form POST, ``Authorization: Token``,
        30 s limit) from the caller's loop; returns (status, parsed JSON or text)."""
        channel = self.channels[channel_id]
        user = self.users[user_id]
        team = self.teams.get(channel["team_id"], {})
        hook = f"{next(self._hook_ids):026d}"
        form = {
            "token": token, "team_id": channel["team_id"], "team_domain": team.get("name", ""),
            "channel_id": channel_id, "channel_name": channel["name"], "user_id": user_id,
            "user_name": user["username"], "command": command, "text": text, "trigger_id": new_id(),
            "response_url": f"{self.url}/hooks/commands/{hook}",
        }
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_s)) as http:
            async with http.post(url, data=form, headers=headers) as resp:
                raw = await resp.read()
                if resp.headers.get("Content-Type") == "application/json":
                    return resp.status, json.loads(raw)
                return resp.status, raw.decode("utf-8", "replace")

    # -- routes ----------------------------------------------------------------------------

    def add_routes(self, app: web.Application) -> None:
        app.middlewares.append(self._middleware)
        r = app.router
        r.add_get("/api/v4/websocket", self._websocket)
        r.add_get("/api/v4/system/ping", self._ping)
        r.add_get("/api/v4/users/{user_id}", self._get_user)
        r.add_post("/api/v4/users/ids", self._users_by_ids)
        r.add_get("/api/v4/users/{user_id}/teams", self._user_teams)
        r.add_get("/api/v4/users/{user_id}/channels", self._user_channels)
        r.add_get("/api/v4/users/{user_id}/teams/{team_id}/channels", self._user_team_channels)
        r.add_post("/api/v4/users/{user_id}/typing", self._typing_rest)
        r.add_get("/api/v4/channels/{channel_id}", self._get_channel)
        r.add_get("/api/v4/channels/{channel_id}/posts", self._channel_posts)
        r.add_post("/api/v4/posts", self._create_post_route)
        r.add_get("/api/v4/posts/{post_id}", self._get_post)
        r.add_put("/api/v4/posts/{post_id}", self._update_post)
        r.add_put("/api/v4/posts/{post_id}/patch", self._patch_post)
        r.add_delete("/api/v4/posts/{post_id}", self._delete_post)
        r.add_get("/api/v4/posts/{post_id}/thread", self._thread)
        r.add_post("/api/v4/files", self._upload)
        r.add_get("/api/v4/files/{file_id}", self._download)
        r.add_get("/api/v4/files/{file_id}/info", self._file_info)
        r.add_post("/hooks/commands/{hook_id}", self._command_hook)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._data_lock:
            for fault in self.faults:
                if fault.method == method and fault.hits < fault.times and re.fullmatch(fault.path, path):
                    fault.hits += 1
                    return fault
        return None

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        user_id = ""
        public = request.path == "/api/v4/websocket" or request.path.startswith("/hooks/")
        if not public:
            auth = request.headers.get("Authorization", "")
            token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
            user_id = self.tokens.get(token, "")
            if not user_id:
                self._record(request, 401, "")
                return error_response(401, "api.context.session_expired.app_error", "Invalid or expired session")
        request[USER] = user_id
        fault = self._take_fault(request.method, request.path)
        if fault is not None and not fault.after_commit:
            await asyncio.sleep(fault.delay_s)
            if fault.status:
                self._record(request, fault.status, user_id)
                return self._fault_response(fault)
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            self._record(request, exc.status, user_id)
            raise
        if fault is not None and fault.after_commit:
            await asyncio.sleep(fault.delay_s)
            if fault.status:
                self._record(request, fault.status, user_id)
                return self._fault_response(fault)
        self._record(request, response.status, user_id)
        return response

    def _record(self, request: web.Request, status: int, user_id: str) -> None:
        if self.record_requests:
            self.calls.append(Call(request.method, request.path, status, user_id, dict(request.query), time.time()))

    @staticmethod
    def _fault_response(fault: Fault) -> web.Response:
        if fault.status == 429:
            wait = fault.retry_after if fault.retry_after is not None else 1
            headers = {
                "Retry-After": f"{wait:g}", "X-Ratelimit-Limit": "101", "X-Ratelimit-Remaining": "0",
                "X-Ratelimit-Reset": f"{wait:g}",
            }
            return web.Response(status=429, text="limit exceeded", content_type="text/plain", headers=headers)
        return error_response(fault.status, "api.fake.injected_fault", "injected fault")

    # -- websocket ---------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if self.ws_down:
            self._record(request, 503, "")
            return error_response(503, "api.fake.unavailable", "restarting")
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        conn = _Conn(ws=ws, transport=request.transport)
        try:
            async for msg in ws:
                if msg.type not in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                    continue
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    continue
                if not await self._on_ws_frame(conn, frame):
                    break
        finally:
            if conn in self._conns:
                self._conns.remove(conn)
        return ws

    async def _on_ws_frame(self, conn: _Conn, frame: dict[str, Any]) -> bool:
        action, seq = frame.get("action"), frame.get("seq")
        if not action:
            await self._ws_reply(conn, seq, "FAIL", "api.web_socket_router.no_action.app_error", 500)
            return True
        if not isinstance(seq, int) or seq <= 0:
            await self._ws_reply(conn, seq, "FAIL", "api.web_socket_router.bad_seq.app_error", 500)
            return True
        if action == "authentication_challenge":
            if self.ws_silent:
                return True
            if conn.user_id:
                return True  # already authenticated: ignored
            token = (frame.get("data") or {}).get("token")
            user_id = self.tokens.get(token) if isinstance(token, str) else None
            if not user_id:
                self.ws_rejected += 1
                await conn.ws.close()
                return False
            conn.user_id = user_id
            self._conns.append(conn)
            self.ws_connects += 1
            # Mattermost queues hello when the connection registers, before the OK.
            await self._send_event(conn, "hello", {
                "server_version": SERVER_VERSION, "connection_id": conn.connection_id,
                "server_hostname": "fake-mattermost",
            }, user_id=user_id)
            await self._ws_reply(conn, seq, "OK")
            return True
        if not conn.user_id:
            await self._ws_reply(conn, seq, "FAIL", "api.web_socket_router.not_authenticated.app_error", 401)
            return True
        if action == "user_typing":
            data = frame.get("data") or {}
            await self._typing(conn.user_id, str(data.get("channel_id", "")), str(data.get("parent_id", "")), "ws")
            await self._ws_reply(conn, seq, "OK")
            return True
        await self._ws_reply(conn, seq, "FAIL", "api.web_socket_router.bad_action.app_error", 500)
        return True

    async def _ws_reply(self, conn: _Conn, seq: Any, status: str, error_id: str = "", code: int = 0) -> None:
        reply: dict[str, Any] = {"status": status, "seq_reply": seq}
        if error_id:
            reply["error"] = {"id": error_id, "message": error_id, "status_code": code}
        await self._send(conn, reply)

    async def _send(self, conn: _Conn, frame: dict[str, Any]) -> None:
        try:
            await conn.ws.send_str(json.dumps(frame, ensure_ascii=False))
        except (ConnectionError, RuntimeError):
            pass  # the client went away; it will catch up over REST

    async def _send_event(
        self, conn: _Conn, event: str, data: dict[str, Any], *, channel_id: str = "", team_id: str = "",
        user_id: str = "", omit_users: dict[str, bool] | None = None,
    ) -> None:
        frame = {
            "event": event, "data": data,
            "broadcast": {"omit_users": omit_users, "user_id": user_id, "channel_id": channel_id,
                          "team_id": team_id, "connection_id": "", "omit_connection_id": ""},
            "seq": conn.seq,
        }
        conn.seq += 1
        await self._send(conn, frame)

    def _mentioned(self, post: dict[str, Any], channel: dict[str, Any], receiver: str) -> bool:
        if receiver == post["user_id"]:
            return False
        if channel["type"] == "D":
            return True  # the other member of a DM is always mentioned
        text = post["message"]
        if re.search(r"(?<![\w@])@(channel|all|here)\b", text):
            return True
        username = self.users[receiver]["username"]
        return re.search(rf"(?<![\w@])@{re.escape(username)}(?![\w-]|\.\w)", text, re.IGNORECASE) is not None

    async def _broadcast_posted(self, post: dict[str, Any]) -> None:
        channel = self.channels[post["channel_id"]]
        sender = self.users.get(post["user_id"], {})
        members = self.members.get(channel["id"], set())
        for conn in list(self._conns):
            if conn.user_id not in members:
                continue
            data: dict[str, Any] = {
                "channel_display_name": channel["display_name"], "channel_name": channel["name"],
                "channel_type": channel["type"], "post": json.dumps(post, ensure_ascii=False),
                "sender_name": "@" + sender.get("username", ""), "set_online": True,
                "team_id": channel["team_id"],
            }
            if post["file_ids"]:
                data["otherFile"] = "true"
            if self._mentioned(post, channel, conn.user_id):
                data["mentions"] = json.dumps([conn.user_id])
            await self._send_event(conn, "posted", data, channel_id=channel["id"])

    async def _broadcast_channel(self, channel_id: str, event: str, data: dict[str, Any],
                                 omit: str = "") -> None:
        members = self.members.get(channel_id, set())
        for conn in list(self._conns):
            if conn.user_id in members and conn.user_id != omit:
                await self._send_event(conn, event, data, channel_id=channel_id,
                                       omit_users={omit: True} if omit else None)

    async def _typing(self, user_id: str, channel_id: str, parent_id: str, via: str) -> None:
        self.typing_events.append({"user_id": user_id, "channel_id": channel_id, "parent_id": parent_id, "via": via})
        await self._broadcast_channel(channel_id, "typing", {"parent_id": parent_id, "user_id": user_id},
                                      omit=user_id)

    # -- users, teams, channels ------------------------------------------------------------------

    async def _ping(self, request: web.Request) -> web.Response:
        return json_response({"status": "OK"})

    def _user_param(self, request: web.Request) -> str:
        uid = request.match_info["user_id"]
        return request[USER] if uid == "me" else uid

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self.users.get(self._user_param(request))
        if user is None:
            return error_response(404, "app.user.missing_account.const")
        return json_response(user)

    async def _users_by_ids(self, request: web.Request) -> web.Response:
        ids = await request.json()
        return json_response([self.users[i] for i in ids if i in self.users])

    async def _user_teams(self, request: web.Request) -> web.Response:
        uid = self._user_param(request)
        if uid != request[USER]:
            return error_response(403, "api.context.permissions.app_error")
        return json_response([t for tid, t in self.teams.items() if uid in self.team_members.get(tid, set())])

    def _channels_of(self, user_id: str) -> list[dict[str, Any]]:
        return [c for cid, c in self.channels.items() if user_id in self.members.get(cid, set())]

    async def _user_channels(self, request: web.Request) -> web.Response:
        uid = self._user_param(request)
        if uid != request[USER]:
            return error_response(403, "api.context.permissions.app_error")
        return json_response(self._channels_of(uid))

    async def _user_team_channels(self, request: web.Request) -> web.Response:
        uid = self._user_param(request)
        team_id = request.match_info["team_id"]
        if uid != request[USER]:
            return error_response(403, "api.context.permissions.app_error")
        # As the real server: the team's channels plus the user's DMs and group messages.
        return json_response([c for c in self._channels_of(uid) if c["team_id"] in (team_id, "")])

    def _can_read(self, user_id: str, channel: dict[str, Any]) -> bool:
        if user_id in self.members.get(channel["id"], set()):
            return True
        return channel["type"] == "O" and user_id in self.team_members.get(channel["team_id"], set())

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self.channels.get(request.match_info["channel_id"])
        if channel is None or not self._can_read(request[USER], channel):
            return error_response(403 if channel else 404, "api.context.permissions.app_error")
        return json_response(channel)

    async def _typing_rest(self, request: web.Request) -> web.Response:
        uid = self._user_param(request)
        if uid != request[USER]:
            return error_response(403, "api.context.permissions.app_error")
        body = await request.json()
        await self._typing(uid, str(body.get("channel_id", "")), str(body.get("parent_id") or ""), "rest")
        return json_response({"status": "OK"})

    # -- posts -----------------------------------------------------------------------------------

    def _post_list(self, posts: Iterable[dict[str, Any]]) -> dict[str, Any]:
        ordered = sorted(posts, key=lambda p: p["create_at"], reverse=True)
        return {"order": [p["id"] for p in ordered], "posts": {p["id"]: p for p in ordered},
                "next_post_id": "", "prev_post_id": "", "has_next": False}

    async def _channel_posts(self, request: web.Request) -> web.Response:
        channel = self.channels.get(request.match_info["channel_id"])
        if channel is None or not self._can_read(request[USER], channel):
            return error_response(403, "api.context.permissions.app_error")
        posts = [p for p in list(self.posts.values()) if p["channel_id"] == channel["id"]]
        since = int(request.query.get("since", "0") or 0)
        if since:
            # "since" selects posts modified after the time, deleted ones included as in the server.
            return json_response(self._post_list(p for p in posts if p["update_at"] > since))
        live = sorted((p for p in posts if not p["delete_at"]), key=lambda p: p["create_at"], reverse=True)
        page, per_page = int(request.query.get("page", 0)), int(request.query.get("per_page", 60))
        return json_response(self._post_list(live[page * per_page:(page + 1) * per_page]))

    async def _create_post_route(self, request: web.Request) -> web.Response:
        body = await request.json()
        result = await self._create_post(request[USER], body)
        if isinstance(result, web.Response):
            return result
        return json_response(result, 201)

    async def _create_post(
        self, user_id: str, body: dict[str, Any], *, deliver: bool = True, file_metadata: bool = True
    ) -> dict[str, Any] | web.Response:
        pending = str(body.get("pending_post_id") or "")
        now = time.monotonic()
        if pending:
            with self._data_lock:
                seen = self._pending.get(pending)
                if seen is not None and seen[1] > now:
                    if not seen[0]:
                        return error_response(500, "api.post.deduplicate_create_post.pending")
                    return self.posts[seen[0]]
                self._pending[pending] = ("", now + PENDING_POST_TTL_S)
        try:
            post = self._validate_and_store(user_id, body)
        except _Refused as exc:
            if pending:
                with self._data_lock:
                    self._pending.pop(pending, None)
            return error_response(exc.status, exc.error_id)
        if pending:
            with self._data_lock:
                self._pending[pending] = (post["id"], now + PENDING_POST_TTL_S)
        if not file_metadata:
            post["metadata"] = {}
        if deliver:
            await self._broadcast_posted(post)
        else:
            for conn in self._conns:
                if conn.user_id in self.members.get(post["channel_id"], set()):
                    conn.seq += 1
        return post

    def _validate_and_store(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(str(body.get("channel_id", "")))
        if channel is None:
            raise _Refused(400, "api.post.create_post.channel_id.app_error")
        if user_id not in self.members.get(channel["id"], set()):
            raise _Refused(403, "api.context.permissions.app_error")
        message = str(body.get("message") or "")
        file_ids = [str(f) for f in body.get("file_ids") or []]
        if len(message) > MAX_POST_RUNES:
            raise _Refused(400, "model.post.is_valid.message_length.app_error")
        if not message and not file_ids:
            raise _Refused(400, "api.post.create_post.message_or_files.app_error")
        if len(file_ids) > 5:
            raise _Refused(400, "model.post.is_valid.file_ids.app_error")
        root_id = str(body.get("root_id") or "")
        if root_id:
            root = self.posts.get(root_id)
            if root is None or root["channel_id"] != channel["id"] or root["root_id"] or root["delete_at"]:
                raise _Refused(400, "api.post.create_post.root_id.app_error")
        for fid in file_ids:
            if fid not in self.files or self.files[fid][0]["post_id"]:
                raise _Refused(400, "api.post.create_post.file_ids.app_error")
        now = self._now_ms()
        props = dict(body.get("props") or {})
        if self.users.get(user_id, {}).get("is_bot"):
            props["from_bot"] = "true"
        post = {
            "id": new_id(), "create_at": now, "update_at": now, "edit_at": 0, "delete_at": 0, "is_pinned": False,
            "user_id": user_id, "channel_id": channel["id"], "root_id": root_id, "original_id": "",
            "message": message, "type": "", "props": props, "hashtags": "", "file_ids": file_ids,
            "pending_post_id": str(body.get("pending_post_id") or ""), "reply_count": 0, "last_reply_at": 0,
            "participants": None, "metadata": {},
        }
        if file_ids:
            infos = []
            for fid in file_ids:
                info = self.files[fid][0]
                info["post_id"] = post["id"]
                infos.append(info)
            post["metadata"] = {"files": infos}
        with self._data_lock:
            self.posts[post["id"]] = post
            channel["last_post_at"] = now
            channel["total_msg_count"] += 1
            if not root_id:
                channel["last_root_post_at"] = now
            else:
                root = self.posts[root_id]
                root["reply_count"] += 1
                root["last_reply_at"] = now
                root["update_at"] = now
        return post

    def _visible_post(self, request: web.Request) -> dict[str, Any] | web.Response:
        post = self.posts.get(request.match_info["post_id"])
        if post is None or post["delete_at"]:
            return error_response(404, "app.post.get.app_error")
        if not self._can_read(request[USER], self.channels[post["channel_id"]]):
            return error_response(403, "api.context.permissions.app_error")
        return post

    async def _get_post(self, request: web.Request) -> web.Response:
        post = self._visible_post(request)
        return post if isinstance(post, web.Response) else json_response(post)

    async def _edit(self, request: web.Request, changes: dict[str, Any]) -> web.Response:
        post = self._visible_post(request)
        if isinstance(post, web.Response):
            return post
        if post["user_id"] != request[USER]:
            return error_response(403, "api.context.permissions.app_error")
        if "message" in changes and len(str(changes["message"])) > MAX_POST_RUNES:
            return error_response(400, "model.post.is_valid.message_length.app_error")
        now = self._now_ms()
        with self._data_lock:
            for key in ("message", "is_pinned", "props", "file_ids", "has_reactions"):
                if key in changes and changes[key] is not None:
                    post[key] = changes[key]
            if "message" in changes:
                post["edit_at"] = now
            post["update_at"] = now
            self.edit_counts[post["id"]] = self.edit_counts.get(post["id"], 0) + 1
        await self._broadcast_channel(post["channel_id"], "post_edited", {"post": json.dumps(post, ensure_ascii=False)})
        return json_response(post)

    async def _patch_post(self, request: web.Request) -> web.Response:
        return await self._edit(request, await request.json())

    async def _update_post(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("id") != request.match_info["post_id"]:
            return error_response(400, "api.context.invalid_body_param.app_error")
        return await self._edit(request, {"message": body.get("message", "")})

    async def _delete_post(self, request: web.Request) -> web.Response:
        post = self._visible_post(request)
        if isinstance(post, web.Response):
            return post
        if post["user_id"] != request[USER]:
            return error_response(403, "api.context.permissions.app_error")
        now = self._now_ms()
        post["delete_at"] = now
        post["update_at"] = now
        data = {"post": json.dumps(post, ensure_ascii=False)}
        await self._broadcast_channel(post["channel_id"], "post_deleted", data)
        return json_response({"status": "OK"})

    async def _thread(self, request: web.Request) -> web.Response:
        post = self._visible_post(request)
        if isinstance(post, web.Response):
            return post
        root_id = post["root_id"] or post["id"]
        thread = [p for p in list(self.posts.values())
                  if (p["id"] == root_id or p["root_id"] == root_id) and not p["delete_at"]]
        return json_response(self._post_list(thread))

    # -- files ----------------------------------------------------------------------------------

    def _store_file(self, user_id: str, channel_id: str, name: str, data: bytes, mime_type: str) -> dict[str, Any]:
        info = {
            "id": new_id(), "user_id": user_id, "post_id": "", "channel_id": channel_id,
            "create_at": self._now_ms(), "update_at": 0, "delete_at": 0, "name": name,
            "extension": name.rsplit(".", 1)[-1].lower() if "." in name else "", "size": len(data),
            "mime_type": mime_type or "application/octet-stream", "width": 0, "height": 0,
            "has_preview_image": False,
        }
        self.files[info["id"]] = (info, data)
        return info

    async def _upload(self, request: web.Request) -> web.Response:
        reader = await request.multipart()
        channel_id = request.query.get("channel_id", "")
        uploads: list[tuple[str, bytes, str]] = []
        async for part in reader:
            if part.name == "channel_id":
                channel_id = (await part.text()) or channel_id
            elif part.name == "files":
                uploads.append((part.filename or "file", await part.read(), part.headers.get("Content-Type", "")))
        channel = self.channels.get(channel_id)
        if channel is None or request[USER] not in self.members.get(channel_id, set()):
            return error_response(403, "api.context.permissions.app_error")
        if not uploads:
            return error_response(400, "api.file.upload_file.incorrect_number_of_files.app_error")
        infos = [self._store_file(request[USER], channel_id, n, d, m) for n, d, m in uploads]
        return json_response({"file_infos": infos, "client_ids": []}, 201)

    def _readable_file(self, request: web.Request) -> tuple[dict[str, Any], bytes] | web.Response:
        entry = self.files.get(request.match_info["file_id"])
        if entry is None:
            return error_response(404, "app.file_info.get.app_error")
        info = entry[0]
        channel = self.channels.get(info["channel_id"])
        if info["user_id"] != request[USER] and (channel is None or not self._can_read(request[USER], channel)):
            return error_response(403, "api.context.permissions.app_error")
        return entry

    async def _file_info(self, request: web.Request) -> web.Response:
        entry = self._readable_file(request)
        return entry if isinstance(entry, web.Response) else json_response(entry[0])

    async def _download(self, request: web.Request) -> web.StreamResponse:
        entry = self._readable_file(request)
        if isinstance(entry, web.Response):
            return entry
        info, data = entry
        return web.Response(body=data, content_type=info["mime_type"],
                            headers={"Content-Disposition": f'attachment; filename="{info["id"]}"'})

    # -- slash-command response_url ------------------------------------------------------------

    async def _command_hook(self, request: web.Request) -> web.Response:
        self.ephemerals.append(await request.json())
        return web.Response(text="ok", content_type="text/plain")


class _Refused(Exception):
    def __init__(self, status: int, error_id: str) -> None:
        super().__init__(error_id)
        self.status = status
        self.error_id = error_id


if __name__ == "__main__":
    from tests.fakes.base import serve_forever

    serve_forever(FakeMattermost())
